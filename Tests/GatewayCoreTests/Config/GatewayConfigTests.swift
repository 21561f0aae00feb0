import Testing

@testable import GatewayCore

@Suite("Gateway configuration")
struct GatewayConfigTests {
    func issues(_ text: String) -> [ConfigIssue] {
        do {
            _ = try GatewayConfig.load(text: text, file: "gw.toml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func embeddedDemoConfigIsValid() throws {
        let config = try GatewayConfig.load(text: DemoConfig.text, file: DemoConfig.fileName)
        #expect(config.gateway.id == "demo-gw-01")
        #expect(config.log.level == .info)
    }

    @Test func minimalConfigGetsDefaults() throws {
        let config = try GatewayConfig.load(text: "[gateway]\nid = \"or3-gw\"\n", file: "gw.toml")
        #expect(config.gateway == GatewaySettings(id: "or3-gw"))
        #expect(config.log == LogSettings())
    }

    @Test func missingGatewayTableIsReported() {
        let found = issues("[log]\nlevel = \"debug\"\n")
        #expect(found.count == 1)
        #expect(found.first?.key == "gateway")
        #expect(found.first?.message.contains("missing table [gateway]") == true)
    }

    @Test func everyIssueIsReportedWithFileLineKeyAndExpectation() {
        let found = issues("""
            [gateway]
            id = "has space"
            state_directory = "relative/path"
            sit = "typo"

            [log]
            level = 3
            format = "xml"
            """)
        #expect(found.map(\.description) == [
            "gw.toml:2:6: gateway.id: expected 1 to 64 letters, digits, '.', '_' or '-', found \"has space\"",
            "gw.toml:3:19: gateway.state_directory: expected an absolute path, found \"relative/path\"",
            "gw.toml:4:7: gateway.sit: unknown key; did you mean 'site'?",
            "gw.toml:7:9: log.level: expected one of \"trace\", \"debug\", \"info\", \"notice\", \"warning\", "
                + "\"error\", \"critical\", found an integer",
            "gw.toml:8:10: log.format: expected one of \"auto\", \"journal\", \"text\", found \"xml\"",
        ])
    }

    @Test func backendAckTimeoutIsReadWithItsRangeChecked() throws {
        let base = "[gateway]\nid = \"a\"\n[backend]\naddress = \"unix:/run/b.sock\"\n"
        #expect(try GatewayConfig.load(text: base, file: "gw.toml").backend?.ackTimeout == .seconds(60))
        let set = try GatewayConfig.load(text: base + "ack_timeout = \"2s\"\n", file: "gw.toml")
        #expect(set.backend?.ackTimeout == .seconds(2))
        for outOfRange in ["50ms", "4h"] {
            let found = issues(base + "ack_timeout = \"\(outOfRange)\"\n")
            #expect(found.map(\.key) == ["backend.ack_timeout"], "\(outOfRange)")
        }
    }

    @Test func unknownTopLevelTableIsReported() {
        let found = issues("[gateway]\nid = \"a\"\n[backnd]\naddress = \"x\"\n")
        #expect(found.count == 1)
        #expect(found.first?.key == "backnd")
        #expect(found.first?.position?.line == 3)
    }

    @Test func syntaxErrorsAreConfigErrorsWithThePosition() {
        do {
            _ = try GatewayConfig.load(text: "[gateway]\nid = \"a\n", file: "gw.toml")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.issues.first?.description.hasPrefix("gw.toml:2:") == true)
        }
    }

    @Test func wrongTypeForTableIsReported() {
        let found = issues("gateway = 3\n")
        #expect(found.first?.message == "expected a table ([gateway]), found an integer")
    }

    @Test(arguments: [("250ms", 250), ("30s", 30_000), ("5m", 300_000), ("1h", 3_600_000), ("1.5s", 1500)])
    func durationsParse(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "5", "s", "-1s", "1 s", "1d", "ms"])
    func malformedDurationsAreRejected(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(arguments: ["99999999999999h", "1e400s", "101000000m", "3200000000000000000ms"])
    func hugeDurationsAreRejectedNotTrappedOn(text: String) {
        // Converting these to integer milliseconds trapped ("Double value cannot be converted to Int64").
        #expect(DurationText.parse(text) == nil)
    }

    @Test func aHugeDurationInAConfigFileIsAnIssueWithItsLine() {
        let found = issues("[gateway]\nid = \"gw\"\n[dock]\nbinding_timeout = \"99999999999999h\"\n")
        #expect(found.count == 1)
        #expect(found.first?.position?.line == 4)
        #expect(found.first?.message.contains("99999999999999h") == true)
    }

    @Test func durationsFormatWithTheLargestWholeUnit() {
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.seconds(30)) == "30s")
        #expect(DurationText.format(.seconds(120)) == "2m")
        #expect(DurationText.format(.seconds(7200)) == "2h")
    }

    @Test func editDistanceSuggestsCloseKeys() {
        #expect(ConfigSection.closest(to: "adress", in: ["address", "port"]) == "address")
        #expect(ConfigSection.closest(to: "zzzzzz", in: ["address", "port"]) == nil)
    }
}
