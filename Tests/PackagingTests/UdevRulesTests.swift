// Packaging checks for udev-rules/60-spd-gateway.rules and udev-rules/61-spd-gateway-local.rules.example.
//
// No udevd runs on a build machine, so the rules are checked by a small linter here: syntax
// (comma-separated KEY[{attr}]OP"value" terms), operators valid for each key, a comment above every rule,
// GOTO/LABEL pairing, lowercase hex IDs (sysfs spells them that way), a vendor comment for every scanner
// VID:PID, and no generic USB-serial bridge claimed without an adapter-specific match. When the installed
// udevadm has `verify` (systemd >= 254; Debian 12 ships 252 without it) the files are also verified by it.

import Foundation
import Testing

/// One parsed term of a udev rule: KEY{attr} OP "value".
struct UdevTerm: Equatable {
    var key: String
    var attribute: String?
    var op: String
    var value: String

    var isMatch: Bool { op == "==" || op == "!=" }
}

struct UdevRule {
    var line: Int
    var text: String
    var terms: [UdevTerm]

    /// Value of the first `KEY{attr}==` match term.
    func match(_ key: String, _ attribute: String? = nil) -> String? {
        terms.first { $0.key == key && $0.attribute == attribute && $0.op == "==" }?.value
    }

    func assignment(_ key: String, _ attribute: String? = nil) -> String? {
        terms.first { $0.key == key && $0.attribute == attribute && !$0.isMatch }?.value
    }
}

enum UdevLint {
    enum Operators { case matchOnly, assignOnly, both }

    /// Keys of udev(7) in systemd 252, with the operators each accepts and whether it takes {attr}.
    static let keys: [String: (ops: Operators, attribute: Bool?)] = [
        "ACTION": (.matchOnly, false), "DEVPATH": (.matchOnly, false), "KERNEL": (.matchOnly, false),
        "KERNELS": (.matchOnly, false), "SUBSYSTEM": (.matchOnly, false), "SUBSYSTEMS": (.matchOnly, false),
        "DRIVER": (.both, false), "DRIVERS": (.matchOnly, false), "TAGS": (.matchOnly, false),
        "RESULT": (.matchOnly, false), "ATTRS": (.matchOnly, true), "CONST": (.matchOnly, true),
        "TEST": (.matchOnly, nil), "PROGRAM": (.both, false),
        "NAME": (.both, false), "SYMLINK": (.both, false), "TAG": (.both, false), "ENV": (.both, true),
        "ATTR": (.both, true), "SYSCTL": (.both, true),
        "OWNER": (.assignOnly, false), "GROUP": (.assignOnly, false), "MODE": (.assignOnly, false),
        "SECLABEL": (.assignOnly, true), "RUN": (.assignOnly, nil), "IMPORT": (.both, true),
        "OPTIONS": (.assignOnly, false), "LABEL": (.assignOnly, false), "GOTO": (.assignOnly, false),
    ]
    static let assignOps: Set<String> = ["=", "+=", "-=", ":="]

    /// Generic USB-serial bridges (vendor -> products; nil = the whole vendor is generic).
    static let genericSerialBridges: [String: Set<String>?] = [
        "0403": nil,                  // FTDI (FT232R 6001, FT2232 6010, FT230X 6015, ...)
        "1a86": nil,                  // QinHeng CH340/CH341 (7523, 5523, ...)
        "10c4": ["ea60", "ea70", "ea71"], // Silicon Labs CP210x
        "067b": nil,                  // Prolific PL2303
    ]
    /// Matches that pin a rule to one adapter an operator chose (not wildcards).
    static let identityMatches: [(String, String?)] = [
        ("ATTRS", "serial"), ("ENV", "ID_SERIAL_SHORT"), ("ENV", "ID_USB_SERIAL_SHORT"), ("ENV", "ID_SERIAL"),
        ("ENV", "ID_PATH"), ("ENV", "ID_PATH_TAG"), ("KERNELS", nil),
    ]

    struct Parsed {
        var rules: [UdevRule] = []
        var problems: [String] = []
    }

    /// Splits one rule line into terms, reporting anything that is not `KEY[{attr}]OP"value"`.
    static func parseTerms(_ text: String) -> (terms: [UdevTerm], problem: String?) {
        var terms: [UdevTerm] = []
        var chars = Substring(text)
        func skipSpaces() { chars = chars.drop { $0 == " " || $0 == "\t" } }
        while true {
            skipSpaces()
            let key = String(chars.prefix { $0.isUppercase || $0 == "_" })
            guard !key.isEmpty else { return (terms, "expected a KEY at \"\(chars.prefix(20))\"") }
            chars = chars.dropFirst(key.count)
            var attribute: String?
            if chars.first == "{" {
                guard let close = chars.firstIndex(of: "}") else { return (terms, "unclosed { after \(key)") }
                attribute = String(chars[chars.index(after: chars.startIndex)..<close])
                chars = chars[chars.index(after: close)...]
            }
            skipSpaces()
            guard let op = ["==", "!=", "+=", "-=", ":=", "="].first(where: { chars.hasPrefix($0) }) else {
                return (terms, "invalid operator after \(key) at \"\(chars.prefix(20))\"")
            }
            chars = chars.dropFirst(op.count)
            skipSpaces()
            guard chars.first == "\"" else { return (terms, "value of \(key) is not quoted") }
            chars = chars.dropFirst()
            var value = ""
            var closed = false
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\\", let next = chars.first {
                    value.append(c); value.append(next); chars = chars.dropFirst(); continue
                }
                if c == "\"" { closed = true; break }
                value.append(c)
            }
            guard closed else { return (terms, "unbalanced quote in value of \(key)") }
            terms.append(UdevTerm(key: key, attribute: attribute, op: op, value: value))
            skipSpaces()
            if chars.isEmpty { return (terms, nil) }
            guard chars.first == "," else {
                return (terms, "expected ',' after \(key) term at \"\(chars.prefix(20))\"")
            }
            chars = chars.dropFirst()
        }
    }

    static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var previous = ""   // the line just above, trimmed
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            defer { previous = line }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                parsed.problems.append("line \(number): continuation lines are not used here"); continue
            }
            if !previous.hasPrefix("#") {
                parsed.problems.append("line \(number): rule has no comment line directly above it")
            }
            let (terms, problem) = parseTerms(line)
            if let problem { parsed.problems.append("line \(number): \(problem)"); continue }
            for term in terms {
                guard let spec = keys[term.key] else {
                    parsed.problems.append("line \(number): unknown key \(term.key)"); continue
                }
                switch spec.ops {
                case .matchOnly where !term.isMatch, .assignOnly where term.isMatch:
                    parsed.problems.append("line \(number): operator \(term.op) not valid for \(term.key)")
                default: break
                }
                if spec.attribute == true && (term.attribute ?? "").isEmpty {
                    parsed.problems.append("line \(number): \(term.key) needs {attribute}")
                }
                if spec.attribute == false && term.attribute != nil {
                    parsed.problems.append("line \(number): \(term.key) takes no {attribute}")
                }
            }
            parsed.rules.append(UdevRule(line: number, text: line, terms: terms))
        }
        return parsed
    }

    /// The comment line directly above a rule.
    static func comment(above rule: UdevRule, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return rule.line >= 2 ? String(lines[rule.line - 2]) : ""
    }

    /// Four lowercase hex digits, the way sysfs prints idVendor/idProduct.
    static func isHex4(_ value: String) -> Bool {
        value.count == 4 && value.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}

@Suite("udev rules")
struct UdevRulesTests {
    static let mainRules = "udev-rules/60-spd-gateway.rules"
    static let localExample = "udev-rules/61-spd-gateway-local.rules.example"
    static let allFiles = [mainRules, localExample]

    static let udevadm: String? = Packaging.which("udevadm")
    /// `udevadm verify` appeared in systemd 254; 252's udevadm answers "Unknown command verb verify".
    static let hasUdevadmVerify: Bool = {
        guard let tool = udevadm, let result = try? Packaging.run(tool, ["verify", "--help"]) else { return false }
        return result.status == 0
    }()

    @Test("every line is a comment, blank, or well-formed rule with known keys and valid operators",
          arguments: allFiles)
    func syntax(file: String) throws {
        let parsed = UdevLint.parse(try Packaging.read(file))
        #expect(parsed.problems.isEmpty, "\(file):\n\(parsed.problems.joined(separator: "\n"))")
        #expect(!parsed.rules.isEmpty)
    }

    @Test("the linter rejects malformed rules")
    func linterSelfTest() {
        let bad = [
            "# c\nKERNEL==\"event*\" GROUP=\"x\"",          // missing comma
            "# c\nKERNEL=~\"event*\"",                       // bad operator
            "# c\nFOO==\"x\"",                               // unknown key
            "# c\nGROUP==\"x\"",                             // match operator on an assign-only key
            "# c\nATTRS{idVendor}=\"0c2e\"",                 // assignment to a match-only key
            "# c\nENV{X}=\"unterminated",                    // unbalanced quote
            "SUBSYSTEM==\"tty\", MODE=\"0660\"",             // no comment above
            "# c\nENV==\"x\"",                               // ENV without {attr}
        ]
        for text in bad {
            #expect(!UdevLint.parse(text).problems.isEmpty, "linter accepted: \(text)")
        }
        let good =
            "# c\nSUBSYSTEM==\"tty\", ATTRS{idVendor}==\"0403\", ENV{A}=\"b\", TAG+=\"x\", SYMLINK+=\"spd/a-%E{B}\""
        #expect(UdevLint.parse(good).problems.isEmpty)
    }

    @Test("every GOTO has a LABEL and labels are unique", arguments: allFiles)
    func gotoTargets(file: String) throws {
        let rules = UdevLint.parse(try Packaging.read(file)).rules
        let labels = rules.compactMap { $0.assignment("LABEL") }
        #expect(Set(labels).count == labels.count, "duplicate LABEL in \(file)")
        for rule in rules {
            if let target = rule.assignment("GOTO") {
                #expect(labels.contains(target), "\(file):\(rule.line): GOTO \"\(target)\" has no LABEL")
            }
        }
    }

    @Test("vendor and product IDs are 4-digit lowercase hex, as sysfs spells them", arguments: allFiles)
    func idsAreLowercaseHex(file: String) throws {
        for rule in UdevLint.parse(try Packaging.read(file)).rules {
            for key in ["idVendor", "idProduct"] {
                guard let value = rule.match("ATTRS", key), !value.hasPrefix("<") else { continue } // <placeholder>
                #expect(UdevLint.isHex4(value), "\(file):\(rule.line): \(key) \"\(value)\"")
            }
        }
    }

    @Test("every scanner VID:PID has a vendor comment and appears once")
    func scannerIDsHaveVendorComments() throws {
        let text = try Packaging.read(Self.mainRules)
        let scannerRules = UdevLint.parse(text).rules.filter { $0.assignment("ENV", "SPD_GATEWAY_ROLE") == "scanner" }
        #expect(scannerRules.count >= 10, "expected a real list of scanner IDs")
        var seen: Set<String> = []
        for rule in scannerRules {
            let vid = try #require(rule.match("ATTRS", "idVendor"), "line \(rule.line): scanner rule without idVendor")
            let pid = try #require(
                rule.match("ATTRS", "idProduct"), "line \(rule.line): scanner rule without idProduct")
            #expect(seen.insert("\(vid):\(pid)").inserted, "line \(rule.line): \(vid):\(pid) listed twice")
            let comment = UdevLint.comment(above: rule, in: text)
            // "# Honeywell / Metrologic (VID 0c2e ...): model" -- a vendor name, then the VID it belongs to.
            let vendor = try #require(comment.firstMatch(of: /^#\s*([A-Za-z][^(]*?)\s*\(VID ([0-9a-f]{4})\b/),
                                      "line \(rule.line): comment above \(vid):\(pid) names no vendor: \(comment)")
            #expect(
                String(vendor.output.2) == vid,
                "line \(rule.line): comment names VID \(vendor.output.2), rule matches \(vid)")
            #expect(
                !UdevLint.genericSerialBridges.keys.contains(vid),
                "line \(rule.line): \(vid) is a generic USB-serial bridge, not a scanner")
        }
    }

    @Test("no rule claims a generic USB-serial bridge without an adapter-specific match", arguments: allFiles)
    func genericSerialBridgesNeedIdentity(file: String) throws {
        for rule in UdevLint.parse(try Packaging.read(file)).rules {
            guard let vid = rule.match("ATTRS", "idVendor") ?? rule.match("ENV", "ID_VENDOR_ID"),
                  let products = UdevLint.genericSerialBridges[vid] else { continue }
            let pid = rule.match("ATTRS", "idProduct") ?? rule.match("ENV", "ID_MODEL_ID")
            if let products, let pid, !pid.split(separator: "|").contains(where: { products.contains(String($0)) }) {
                continue   // a non-generic product of a mixed vendor
            }
            let pinned = UdevLint.identityMatches.contains { key, attribute in
                guard let value = rule.match(key, attribute) else { return false }
                return !value.isEmpty && !value.allSatisfy { "*?".contains($0) }
            }
            #expect(pinned, "\(file):\(rule.line): \(vid):\(pid ?? "*") matched without ATTRS{serial}/ID_PATH/KERNELS")
        }
    }

    @Test("generic bridges are absent from the active rules of the packaged file")
    func mainFileLeavesBridgesAlone() throws {
        for rule in UdevLint.parse(try Packaging.read(Self.mainRules)).rules {
            if let vid = rule.match("ATTRS", "idVendor") {
                #expect(UdevLint.genericSerialBridges[vid] == nil, "line \(rule.line): \(rule.text)")
            }
        }
    }

    @Test("scanner nodes get role, kind by subsystem, group, mode, tags and links")
    func scannerAssignments() throws {
        let rules = UdevLint.parse(try Packaging.read(Self.mainRules)).rules
        func rule(where predicate: (UdevRule) -> Bool) -> UdevRule? { rules.first(where: predicate) }

        for (subsystem, kind) in [("input", "wedge"), ("hidraw", "hidpos"), ("tty", "serial")] {
            #expect(
                rule { $0.match("SUBSYSTEM") == subsystem && $0.assignment("ENV", "SPD_SCANNER_KIND") == kind } != nil,
                "no rule maps SUBSYSTEM \(subsystem) to SPD_SCANNER_KIND=\(kind)")
        }
        let kinds = Set(rules.compactMap { $0.assignment("ENV", "SPD_SCANNER_KIND") })
        #expect(kinds == ["wedge", "hidpos", "serial"])
        #expect(rule { $0.assignment("GROUP") == "spd-gateway" && $0.assignment("MODE") == "0660" } != nil)
        #expect(rule { $0.terms.contains { $0.key == "TAG" && $0.op == "+=" && $0.value == "spd-gateway" } } != nil)
        #expect(rule { $0.terms.contains { $0.key == "TAG" && $0.op == "+=" && $0.value == "systemd" } } != nil)
        #expect(
            rule { $0.match("SUBSYSTEM") == "input" && $0.assignment("ENV", "LIBINPUT_IGNORE_DEVICE") == "1" } != nil)
        let links = rules.compactMap { r in r.terms.first { $0.key == "SYMLINK" && $0.op == "+=" }?.value }
        #expect(links.contains { $0.hasPrefix("spd/scanner-") && $0.contains("%E{ID_SERIAL_SHORT}") })
        #expect(links.contains { $0.hasPrefix("spd/scanner-") && $0.contains("%E{ID_PATH_TAG}") })
        // Hot-plug is the daemon's own udev monitor: no per-device units, no RUN programs, no ID_INPUT_KEYBOARD edits.
        for r in rules {
            #expect(r.assignment("ENV", "SYSTEMD_WANTS") == nil, "line \(r.line): SYSTEMD_WANTS")
            #expect(r.assignment("RUN") == nil && !r.terms.contains { $0.key == "RUN" }, "line \(r.line): RUN")
            #expect(r.assignment("ENV", "ID_INPUT_KEYBOARD") == nil, "line \(r.line): ID_INPUT_KEYBOARD changed")
            #expect(r.assignment("MODE").map { $0 == "0660" } ?? true, "line \(r.line): MODE must be 0660")
        }
    }

    @Test("groups in the rules are the group sysusers creates", arguments: allFiles)
    func groupsMatchSysusers(file: String) throws {
        let sysusers = try Packaging.read("systemd/spd-gateway.sysusers")
        #expect(sysusers.contains("u spd-gateway "))
        for rule in UdevLint.parse(try Packaging.read(file)).rules {
            if let group = rule.assignment("GROUP") {
                #expect(group == "spd-gateway", "\(file):\(rule.line): GROUP \"\(group)\"")
            }
        }
    }

    @Test("the local example names each RS-485 adapter with a /dev/spd/rs485-* link")
    func localExampleRS485() throws {
        let rules = UdevLint.parse(try Packaging.read(Self.localExample)).rules
        let rs485 = rules.filter { $0.assignment("ENV", "SPD_GATEWAY_ROLE") == "rs485" }
        #expect(rs485.count >= 2)
        for rule in rs485 {
            let link = rule.terms.first { $0.key == "SYMLINK" && $0.op == "+=" }?.value ?? ""
            #expect(link.hasPrefix("spd/rs485-"), "line \(rule.line): link \"\(link)\"")
            #expect(rule.match("SUBSYSTEM") == "tty", "line \(rule.line): RS-485 rules must be limited to tty nodes")
        }
        #expect(rs485.contains { $0.terms.contains { $0.value == "spd/rs485-cabinet-or1" } })
    }

    /// The example once told users to write `device = "/dev/spd/..."`, a key gateway.toml does not have.
    @Test("the local example's gateway.toml hints use real keys: address = \"rtu:...\" and lock-board port")
    func localExampleConfigHints() throws {
        let text = try Packaging.read(Self.localExample)
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        let hints = comments.flatMap { line -> [String] in
            line.split(separator: "(").flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { $0.contains("= \"/dev/spd/") || $0.contains("= \"rtu:") }
        }
        #expect(!hints.isEmpty, "no gateway.toml hint found")
        for hint in hints {
            let ok = hint.contains("address = \"rtu:/dev/spd/rs485-") || hint.contains("port = \"/dev/spd/rs485-")
            #expect(ok, "hint \"\(hint)\" does not use a gateway.toml key ([[modbus_bus]] address, lock_board port)")
        }
        #expect(!text.contains("device = \""), "gateway.toml has no `device` key")
    }

    @Test("udevadm verify accepts the rule files",
          .enabled(if: UdevRulesTests.hasUdevadmVerify, "udevadm verify needs systemd >= 254 (Debian 12 has 252)"),
          arguments: allFiles)
    func udevadmVerify(file: String) throws {
        let tool = try #require(Self.udevadm)
        // udevadm verify wants a *.rules name; the example is copied under one. Group names are not resolved
        // (the spd-gateway group exists only after sysusers ran on the target).
        let dir = try Packaging.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("test-" + URL(fileURLWithPath: file).lastPathComponent
            .replacingOccurrences(of: ".rules.example", with: ".rules"))
        try FileManager.default.copyItem(at: try Packaging.file(file), to: copy)
        let result = try Packaging.run(tool, ["verify", "--resolve-names=never", copy.path])
        #expect(result.status == 0, "udevadm verify \(file):\n\(result.output)")
    }
}
