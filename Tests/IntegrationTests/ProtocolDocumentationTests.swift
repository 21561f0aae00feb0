import Foundation
import GatewayCodes
import GatewayCore
import GatewayForwarding
import Testing

/// docs/protocol.md and docs/schema/ must describe what the code really sends: real encoded messages and every
/// example on the page are validated against the JSON Schemas (python3 jsonschema, installed by scripts/setup.sh).
@Suite("Protocol documentation")
struct ProtocolDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let hasValidator: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jsonschema"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// Runs the validator on (schema, JSON) pairs; returns its output and exit status.
    func validate(_ pairs: [(String, String)]) throws -> (output: String, status: Int32) {
        let directory = try TemporaryDirectory("schema")
        defer { directory.remove() }
        let file = try directory.write("pairs.tsv", pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.root.appendingPathComponent("scripts/validate-json-schemas.py").path,
            Self.root.appendingPathComponent("docs/schema").path, file,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (output, process.terminationStatus)
    }

    func text(_ line: [UInt8]) -> String { String(decoding: line.dropLast(), as: UTF8.self) }

    @Test(.enabled(if: hasValidator, "python3 jsonschema is not installed (scripts/setup.sh installs it)"))
    func realEncodedMessagesMatchTheirSchemas() throws {
        var consume = EventDraft(
            type: .consume, timeMilliseconds: 1_795_420_800_000, monotonicNanoseconds: 5, station: "cathlab-2",
            source: EventSource(kind: "scanner", id: "dock-1"))
        consume.user = Party(id: "N0042", role: "nurse")
        consume.patient = Party(id: "P-1")
        consume.surgery = Party(id: "S-9")
        consume.raw = "0109506000134352172512311024A001\u{1D}21SN0001"
        consume.code = CodeDecoder(options: DecodeOptions()).decode(consume.raw!)
        consume.quantity = 1
        var invalidScan = EventDraft(type: .scan, timeMilliseconds: 1, monotonicNanoseconds: 1)
        invalidScan.raw = "0109506000134353"
        invalidScan.code = CodeDecoder(options: DecodeOptions()).decode(invalidScan.raw!)
        var alarm = EventDraft(type: .alarm, timeMilliseconds: 2, monotonicNanoseconds: 2)
        alarm.alarm = AlarmDetail(kind: "outbox_high_water", severity: .warning, message: "backend unreachable")
        var device = EventDraft(type: .device, timeMilliseconds: 3, monotonicNanoseconds: 3)
        device.device = DeviceDetail(id: "dock-1", kind: "wedge", state: "detached", detail: "unplugged")
        let events = [consume, invalidScan, alarm, device].enumerated().map { offset, draft in
            WireEvent(
                event: GatewayEvent(id: "gw-1:abcd0123:\(offset + 1)", sequence: Int64(offset + 1), draft: draft),
                gateway: "gw-1")
        }
        var pairs = events.map { ("event", text(WireCodec.line($0))) }
        pairs.append(("event", text(WireCodec.markRedelivered(WireCodec.line(events[0])))))
        pairs += [
            ("gateway-hello", text(WireCodec.line(GatewayHello(
                gateway: "gw-1", site: "OR", software: GatewayVersion.current, epoch: "abcd0123", lastAckedSequence: 0,
                nextSequence: 1, timeMilliseconds: 9)))),
            ("backend-hello", text(WireCodec.line(BackendHello(backend: "x")))),
            ("ack", text(WireCodec.line(AckMessage(sequence: 4)))),
            ("ack", text(WireCodec.line(AckMessage(ids: ["gw-1:abcd0123:1"])))),
            ("nack", text(WireCodec.line(NackMessage(id: "gw-1:abcd0123:1", reason: "r", retry: true)))),
            ("heartbeat", text(WireCodec.line(HeartbeatMessage(timeMilliseconds: 1, outboxDepth: 0)))),
            ("command", text(WireCodec.line(CommandMessage(type: "unlock", id: "c-1")))),
            ("reply", text(WireCodec.line(ReplyMessage(id: "c-1", ok: false, error: "unsupported_command")))),
            ("gateway-hello", text(WireCodec.line(GatewayHello(
                gateway: "gw-1", site: nil, software: "x", epoch: "abcd0123", lastAckedSequence: 0, nextSequence: 1,
                timeMilliseconds: 9, catalogVersion: 42)))),
            ("reply", text(WireCodec.line(ReplyMessage(id: "cat-1", ok: true, message: "m", catalogVersion: 42)))),
            ("catalog-command", text(WireCodec.line(Self.catalogCommand))),
            ("catalog-command", text(WireCodec.line(CatalogSyncCommand(
                id: "cat-2", operation: .snapshotBegin, version: 43, snapshot: "s-43")))),
            ("catalog-command", text(WireCodec.line(CatalogSyncCommand(
                id: "cat-3", operation: .snapshotCommit, version: 43, snapshot: "s-43", count: 5_000_000)))),
        ]
        let result = try validate(pairs)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("checked \(pairs.count) documents, 0 failures"))
    }

    /// A catalog upsert with one record of every kind.
    static var catalogCommand: CatalogSyncCommand {
        var product = CatalogRecord(kind: .product, key: "09506000134352")
        product.name = "PTCA balloon"
        product.unitWeightGrams = 12.5
        product.highValue = true
        var package = CatalogRecord(kind: .package, key: "PK1")
        package.product = "09506000134352"
        package.quantity = 10
        var label = CatalogRecord(kind: .label, key: "UL1")
        label.product = "09506000134352"
        label.expiry = "2027-06-30"
        var badge = CatalogRecord(kind: .badge, key: "B1")
        badge.user = "N1"
        var slot = CatalogRecord(kind: .slot)
        slot.cabinet = "cab-1"
        slot.channel = 3
        slot.product = "09506000134352"
        var format = CatalogRecord(kind: .format, key: "wristband")
        format.meaning = "wristband"
        format.minLength = 10
        format.maxLength = 10
        format.charset = "digits"
        return CatalogSyncCommand(
            id: "cat-1", operation: .upsert, version: 42, records: [product, package, label, badge, slot, format])
    }

    @Test(.enabled(if: hasValidator, "python3 jsonschema is not installed (scripts/setup.sh installs it)"))
    func everyExampleInTheProtocolPageMatchesItsSchemaAndDecodes() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        var pairs: [(String, String)] = []
        let lines = page.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where line.hasPrefix("<!-- schema: ") {
            let name = line.replacingOccurrences(of: "<!-- schema: ", with: "")
                .replacingOccurrences(of: " -->", with: "")
            #expect(lines[index + 1] == "```json", "example after \(line) is not a json block")
            pairs.append((name, lines[index + 2]))
        }
        #expect(pairs.count >= 11)
        let result = try validate(pairs)
        #expect(result.status == 0, "\(result.output)")
        // And the code reads what the page says.
        for (name, json) in pairs {
            let bytes = Array(json.utf8)
            let backendMessages = [
                "backend-hello", "ack", "nack", "command", "command-unlock", "command-config", "catalog-command",
            ]
            if backendMessages.contains(name) {
                guard case .success = WireCodec.decodeBackendMessage(bytes) else {
                    Issue.record("gateway cannot read the \(name) example")
                    continue
                }
            } else {
                guard case .success = WireCodec.decodeGatewayMessage(bytes) else {
                    Issue.record("backend simulator cannot read the \(name) example")
                    continue
                }
            }
        }
    }

    @Test func everySchemaIsDocumentedOnThePage() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let schemas = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("docs/schema").path)
        #expect(schemas.count == 11)
        for schema in schemas {
            #expect(
                page.contains("<!-- schema: \(schema.replacingOccurrences(of: ".json", with: "")) -->"), "\(schema)")
        }
    }

    @Test func theCommandReadAheadOnThePageIsTheForwardersBound() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        let bound = Forwarder.commandQueueCapacity
        #expect(page.contains("reads at most \(bound) commands ahead"))
        #expect(page.contains("all but \(bound),"))
        #expect(page.contains("up to \(bound) snapshot chunks unanswered"))
    }

    @Test func configurationExamplesInTheDocsAreValid() throws {
        for page in ["docs/configuration.md", "docs/cabinets.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            let blocks = text.components(separatedBy: "```toml\n").dropFirst().map {
                $0.components(separatedBy: "```")[0]
            }
            #expect(!blocks.isEmpty)
            for block in blocks {
                #expect(throws: Never.self) { try GatewayConfig.load(text: block, file: page) }
            }
        }
    }

    /// The *reload* column of docs/configuration.md says `yes` for exactly the sections a SIGHUP applies; a change
    /// anywhere else is named as needing a restart (GatewayConfig.changesNeedingRestart).
    @Test func reloadColumnOfTheConfigurationReferenceIsWhatAReloadApplies() throws {
        let page = try String(
            contentsOf: Self.root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        var section = ""
        var reloadable: Set<String> = []
        var restartOnly: Set<String> = []
        for line in page.split(separator: "\n") {
            if line.hasPrefix("## `[") {
                section = String(line.split(separator: "`")[1]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            } else if line.hasPrefix("| `") {
                let columns = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard columns.count > 3 else { continue }
                if columns[3] == "yes" { reloadable.insert(section) } else { restartOnly.insert(section) }
            }
        }
        #expect(reloadable == GatewayConfig.reloadableSections)
        #expect(restartOnly.isDisjoint(with: reloadable), "a section must reload as a whole")
    }
}
