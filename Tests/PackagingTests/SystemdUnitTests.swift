// Packaging checks for systemd/spd-gatewayd.service and systemd/spd-gateway.sysusers.
//
// The tests run the real `systemd-analyze` (security scoring and verify) when it is installed; without it
// those two tests are skipped with a reason and the static checks still run.
//
// `systemd-analyze verify` fails on a unit whose ExecStart binary does not exist, and
// /usr/local/bin/spd-gatewayd is not installed on a build machine. The verify test therefore checks a temp
// copy of the unit in which only the ExecStart (and, if missing, ExecReload) program is replaced by an
// existing binary (/bin/true), arguments kept. User=spd-gateway needs no replacement: verify does not
// resolve users (they are created by sysusers at install time).

import Foundation
import Testing

/// Helpers shared by the packaging tests (this file and UdevRulesTests.swift).
enum Packaging {
    /// The repository root: walk up from this file (symlinks resolved) to the first directory that holds
    /// both Package.swift and systemd/. Works from the repo (Tests/PackagingTests/X.swift -> ../..) and from
    /// a scratch package whose Tests/PackagingTests is a symlink into the repo.
    static let root: URL? = {
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent("systemd").path, isDirectory: &isDir), isDir.boolValue {
                return dir
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func file(_ relativePath: String) throws -> URL {
        let root = try #require(root, "repository root (Package.swift + systemd/) not found above \(#filePath)")
        return root.appendingPathComponent(relativePath)
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: file(relativePath), encoding: .utf8)
    }

    /// First executable named `name` in $PATH or the usual system directories.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        for dir in dirs where !dir.isEmpty {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    struct RunResult {
        var status: Int32
        /// stdout and stderr interleaved (one pipe, so a full pipe can never deadlock the child).
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["SYSTEMD_COLORS"] = "0"   // plain text, no ANSI escapes
        env["SYSTEMD_PAGER"] = "cat"
        env["LC_ALL"] = "C.UTF-8"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func makeTempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("spd-packaging-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let systemdAnalyze: String? = which("systemd-analyze")
}

/// A systemd unit file reduced to (section, key, value) entries; comments and blank lines dropped.
struct UnitFile {
    struct Entry { var section: String; var key: String; var value: String; var line: Int }
    var entries: [Entry] = []

    init(_ text: String) {
        var section = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") { section = String(line.dropFirst().dropLast()); continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            entries.append(Entry(section: section,
                                 key: String(line[..<eq]).trimmingCharacters(in: .whitespaces),
                                 value: String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces),
                                 line: index + 1))
        }
    }

    func values(_ key: String, in section: String = "Service") -> [String] {
        entries.filter { $0.section == section && $0.key == key }.map(\.value)
    }

    func value(_ key: String, in section: String = "Service") -> String? { values(key, in: section).last }
}

@Suite("systemd unit spd-gatewayd.service")
struct SystemdUnitTests {
    static let unitPath = "systemd/spd-gatewayd.service"
    static let unitName = "spd-gatewayd.service"

    func unit() throws -> UnitFile { UnitFile(try Packaging.read(Self.unitPath)) }

    // MARK: systemd-analyze

    @Test("systemd-analyze security rates the sandbox OK or better (exposure <= 4.9)",
          .enabled(if: Packaging.systemdAnalyze != nil, "systemd-analyze is not installed"))
    func securityExposure() throws {
        let tool = try #require(Packaging.systemdAnalyze)
        let path = try Packaging.file(Self.unitPath).path
        let result = try Packaging.run(tool, ["security", "--offline=true", "--no-pager", path])
        #expect(result.status == 0, "systemd-analyze security exited \(result.status):\n\(result.output)")
        // "→ Overall exposure level for spd-gatewayd.service: 1.7 OK 🙂"
        let line = try #require(result.output.split(separator: "\n").last { $0.contains("Overall exposure level") },
                                "no 'Overall exposure level' line in:\n\(result.output)")
        let afterColon = try #require(line.split(separator: ":").last).split(separator: " ")
        let level = try #require(afterColon.first.flatMap { Double($0) }, "unparsable level in: \(line)")
        let rating = afterColon.count > 1 ? String(afterColon[1]) : ""
        #expect(level <= 4.9, "exposure \(level) \(rating) is above 4.9: \(line)")
        #expect(["PERFECT", "SAFE", "OK"].contains(rating), "rating \(rating) is worse than OK: \(line)")
        #expect(!["MEDIUM", "EXPOSED", "UNSAFE"].contains(rating))
    }

    @Test("systemd-analyze verify accepts the unit (ExecStart pointed at an existing binary)",
          .enabled(if: Packaging.systemdAnalyze != nil, "systemd-analyze is not installed"))
    func verifyPasses() throws {
        let tool = try #require(Packaging.systemdAnalyze)
        let original = try Packaging.read(Self.unitPath)
        // The daemon is not installed on a build machine: swap the program of ExecStart (and ExecReload if
        // its program is missing) for /bin/true, keeping everything else byte for byte.
        let standIn = FileManager.default.isExecutableFile(atPath: "/bin/true") ? "/bin/true" : "/usr/bin/true"
        var replacedExecStart = false
        let patched = original.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let line = String(raw)
            for key in ["ExecStart=", "ExecReload="] where line.hasPrefix(key) {
                let command = line.dropFirst(key.count)
                let program = command.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                let arguments = command.dropFirst(program.count)
                if key == "ExecStart=" || !FileManager.default.isExecutableFile(atPath: program) {
                    if key == "ExecStart=" { replacedExecStart = true }
                    return key + standIn + arguments
                }
            }
            return line
        }.joined(separator: "\n")
        #expect(replacedExecStart, "the unit has no ExecStart= line")

        let dir = try Packaging.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent(Self.unitName)
        try patched.write(to: copy, atomically: true, encoding: .utf8)

        let result = try Packaging.run(tool, ["verify", "--man=no", copy.path], in: dir)
        // Unrelated units of the host may produce warnings; only lines about our unit count.
        let ours = result.output.split(separator: "\n").filter { $0.contains("spd-gatewayd") }
        #expect(result.status == 0, "systemd-analyze verify exited \(result.status):\n\(result.output)")
        #expect(ours.isEmpty, "systemd-analyze verify complained about the unit:\n\(ours.joined(separator: "\n"))")
    }

    // MARK: static content

    @Test("service lifecycle: notify, watchdog, restart policy, reload and stop")
    func lifecycleKeys() throws {
        let u = try unit()
        #expect(u.value("Type") == "notify")
        #expect(u.value("NotifyAccess") == "main")
        #expect(u.value("WatchdogSec") == "30s")
        #expect(u.value("Restart") == "on-failure")
        #expect(u.value("RestartSec") == "2s")
        #expect(u.value("ExecStart") == "/usr/local/bin/spd-gatewayd --config /etc/spd-gateway/gateway.toml")
        #expect(u.value("ExecReload") == "/bin/kill -HUP $MAINPID")
        #expect(u.value("KillSignal") == "SIGTERM")
        #expect(u.value("TimeoutStopSec") == "20s")
        // Start limits belong in [Unit] since systemd 230; in [Service] they would be ignored.
        #expect(u.value("StartLimitIntervalSec", in: "Unit") != nil)
        #expect(u.value("StartLimitBurst", in: "Unit") != nil)
        #expect(u.value("StartLimitIntervalSec") == nil && u.value("StartLimitBurst") == nil)
        #expect(u.value("WantedBy", in: "Install") == "multi-user.target")
    }

    /// Regression: the unit and install-systemd.md said a reload re-reads "scanner keymaps, Modbus maps", which
    /// need a restart. What they name as reloading must be what configuration.md's *reload* column says.
    @Test("the reload comment and install-systemd.md name what configuration.md marks reloadable")
    func reloadClaimsMatchTheConfigurationReference() throws {
        let reloadable = Self.reloadableSections(in: try Packaging.read("docs/configuration.md"))
        #expect(reloadable == ["log"], "configuration.md's reload column changed: update the texts checked here")
        let lines = try Packaging.read(Self.unitPath).split(separator: "\n").map(String.init)
        let reload = try #require(lines.firstIndex { $0.hasPrefix("ExecReload=") })
        // The comment block right above ExecReload.
        let comment = lines[..<reload].reversed().prefix { $0.hasPrefix("#") }.reversed().joined(separator: " ")
        #expect(Self.bracketedSections(in: comment) == reloadable, "unit: \(comment)")
        #expect(!comment.contains("keymap") && !comment.contains("Modbus"), "unit: \(comment)")
        let install = try Packaging.read("docs/install-systemd.md").components(separatedBy: "\n- ")
        let bullet = try #require(install.first { $0.hasPrefix("`systemctl reload spd-gatewayd`") })
        let applied = try #require(bullet.components(separatedBy: "takes effect at once").first)
        #expect(Self.bracketedSections(in: applied) == reloadable, "install-systemd.md: \(bullet)")
    }

    /// The sections of configuration.md (`## \`[log]\``) with a key whose *reload* column (the fourth) is `yes`.
    static func reloadableSections(in page: String) -> Set<String> {
        var section = ""
        var found: Set<String> = []
        for line in page.split(separator: "\n") {
            if line.hasPrefix("## `[") {
                section = String(line.drop { $0 != "`" }.dropFirst().prefix { $0 != "`" })
                    .trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            } else if line.hasPrefix("| `") {
                let columns = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if columns.count > 3, columns[3] == "yes" { found.insert(section) }
            }
        }
        return found
    }

    /// The `[section]` names a text mentions.
    static func bracketedSections(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "." }) { names.insert(String(name)) }
            rest = after[close...]
        }
        return names
    }

    @Test("identity: fixed sysusers user, no DynamicUser, device groups")
    func identityKeys() throws {
        let u = try unit()
        #expect(u.value("User") == "spd-gateway")
        #expect(u.value("Group") == "spd-gateway")
        // DynamicUser breaks device access (no stable UID/GID for udev GROUP= or input/dialout membership).
        #expect(u.values("DynamicUser").allSatisfy { ["no", "false", "0", "off"].contains($0) })
        let groups = Set(u.values("SupplementaryGroups").flatMap { $0.split(separator: " ").map(String.init) })
        #expect(groups == ["input", "dialout"])
    }

    @Test("directories: state, configuration, runtime; umask 0077")
    func directoryKeys() throws {
        let u = try unit()
        #expect(u.value("StateDirectory") == "spd-gateway")
        #expect(u.value("StateDirectoryMode") == "0750")
        #expect(u.value("ConfigurationDirectory") == "spd-gateway")
        #expect(u.value("RuntimeDirectory") == "spd-gateway")
        #expect(u.value("UMask") == "0077")
        #expect(u.value("LogsDirectory") == nil, "logs go to journald")
    }

    @Test("hardening keys are present with the intended values")
    func hardeningKeys() throws {
        let u = try unit()
        let expected: [String: String] = [
            "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
            "SystemCallArchitectures": "native", "DevicePolicy": "closed", "CapabilityBoundingSet": "",
            "AmbientCapabilities": "", "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
            "ProtectKernelLogs": "yes", "ProtectControlGroups": "yes", "ProtectClock": "yes",
            "ProtectHostname": "yes", "RestrictNamespaces": "yes", "RestrictRealtime": "yes",
            "RestrictSUIDSGID": "yes", "LockPersonality": "yes", "MemoryDenyWriteExecute": "yes",
            "ProcSubset": "pid", "ProtectProc": "invisible", "PrivateIPC": "yes", "RemoveIPC": "yes",
        ]
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(
                u.value(key) == value,
                "\(key)= should be \"\(value)\", is \(u.value(key).map { "\"\($0)\"" } ?? "missing")")
        }
        #expect(u.value("RestrictAddressFamilies") == "AF_UNIX AF_INET AF_INET6 AF_NETLINK")
        #expect(u.values("SystemCallFilter").first == "@system-service")
    }

    @Test("devices: real /dev kept, closed policy with the five scanner/serial groups")
    func deviceKeys() throws {
        let u = try unit()
        // PrivateDevices=yes would hide /dev/input, /dev/hidraw*, /dev/tty* entirely.
        #expect(u.values("PrivateDevices").allSatisfy { ["no", "false", "0", "off"].contains($0) })
        // PrivateUsers=yes would map input/dialout to nobody and break group-based device access.
        #expect(u.values("PrivateUsers").allSatisfy { ["no", "false", "0", "off"].contains($0) })
        #expect(u.value("DevicePolicy") == "closed")
        #expect(Set(u.values("DeviceAllow")) == [
            "char-input rw", "char-hidraw rw", "char-ttyS rw", "char-ttyUSB rw", "char-ttyACM rw",
        ])
        // No IP allow-list on purpose (hospital backends are on site-specific addresses).
        #expect(u.value("IPAddressDeny") == nil)
    }

    @Test("every non-obvious setting in [Service] is explained by a comment nearby")
    func settingsAreCommented() throws {
        // Obvious keys may stand without a comment of their own; every other key needs a comment line
        // within the 12 lines above it (a comment block may explain a group of related settings).
        let obvious: Set<String> = ["Restart", "RestartSec", "ExecStart", "KillSignal", "Group", "ProtectHome",
                                    "PrivateTmp", "NoNewPrivileges", "AmbientCapabilities", "RestrictSUIDSGID",
                                    "RestrictNamespaces", "RestrictRealtime", "LockPersonality"]
        let lines = try Packaging.read(Self.unitPath).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        for entry in try unit().entries where entry.section == "Service" && !obvious.contains(entry.key) {
            let above = lines[max(0, entry.line - 13)..<(entry.line - 1)]
            #expect(above.contains { $0.hasPrefix("#") }, "line \(entry.line) \(entry.key)= has no comment above it")
        }
    }

    // MARK: sysusers

    @Test("sysusers creates the spd-gateway user with nologin and the groups the unit asks for")
    func sysusersMatchesUnit() throws {
        let text = try Packaging.read("systemd/spd-gateway.sysusers")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let user = try #require(lines.first { $0.hasPrefix("u spd-gateway ") }, "no 'u spd-gateway' line")
        #expect(user.contains("/var/lib/spd-gateway"))
        #expect(user.hasSuffix("/usr/sbin/nologin"))
        let memberships = Set(lines.filter { $0.hasPrefix("m spd-gateway ") }
            .map { String($0.split(separator: " ").last ?? "") })
        let unitGroups = Set(
            try unit().values("SupplementaryGroups").flatMap { $0.split(separator: " ").map(String.init) })
        #expect(memberships == unitGroups, "sysusers memberships \(memberships) != SupplementaryGroups \(unitGroups)")
    }

    @Test("systemd-sysusers accepts the file (dry run against an empty root)",
          .enabled(if: Packaging.which("systemd-sysusers") != nil, "systemd-sysusers is not installed"))
    func sysusersParses() throws {
        let tool = try #require(Packaging.which("systemd-sysusers"))
        let root = try Packaging.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        let file = try Packaging.file("systemd/spd-gateway.sysusers").path
        let result = try Packaging.run(tool, ["--dry-run", "--root=" + root.path, file])
        #expect(result.status == 0, "systemd-sysusers exited \(result.status):\n\(result.output)")
        #expect(result.output.contains("spd-gateway"), "dry run did not plan the user:\n\(result.output)")
        let complaints = result.output.split(separator: "\n").filter {
            $0.localizedCaseInsensitiveContains("ignoring") || $0.localizedCaseInsensitiveContains("invalid")
        }
        #expect(complaints.isEmpty, "\(complaints)")
    }
}
