import GatewayCodes
import Testing

@Suite("In-hospital code rules")
struct HospitalRuleTests {
    static let package = HospitalCodeRule(name: "package", meaning: .package, prefix: "PK", length: .exact(13),
                                          charset: .digits, check: .luhn)
    static let wristband = HospitalCodeRule(name: "wristband", meaning: .wristband, prefix: "",
                                            length: .exact(18), charset: .custom("0123456789X"),
                                            check: .iso7064Mod11_2, checkIncludesPrefix: true)
    static let bin = HospitalCodeRule(name: "bin", meaning: .bin, prefix: "B-", length: .range(min: 4, max: 8),
                                      charset: .upperAlphanumeric)
    static let anyBadge = HospitalCodeRule(name: "badge", meaning: .badge, prefix: "B-",
                                           length: .range(min: 3, max: 10), charset: .alphanumeric)

    @Test("a matching rule gives kind internal with rule, meaning and id")
    func matches() {
        let decoder = Fixture.decoder(rules: [Self.package, Self.bin])
        let code = decoder.decode("PK79927398713")
        #expect(code.kind == .internal)
        #expect(code.rule == "package")
        #expect(code.meaning == .package)
        #expect(code.id == "79927398713")
        #expect(decoder.decode("B-A17").rule == "bin")
    }

    @Test("check algorithms: Luhn, ISO 7064 MOD 11-2 (resident ID example)")
    func checks() {
        let decoder = Fixture.decoder(rules: [Self.package, Self.wristband])
        #expect(decoder.decode("PK79927398712").rule == nil)
        #expect(decoder.decode("11010519491231002X").rule == "wristband")
        #expect(decoder.decode("110105194912310021").rule == nil)
    }

    @Test("more than one matching rule is ambiguous, candidates named")
    func twoRules() {
        let code = Fixture.decoder(rules: [Self.bin, Self.anyBadge]).decode("B-A17")
        #expect(code.error?.kind == .ambiguous)
        #expect(code.candidates == ["rule:bin", "rule:badge"])
    }

    @Test("a rule and a global GTIN conflict; a restricted-circulation GTIN yields to the rule")
    func ruleVersusGTIN() {
        let digits13 = HospitalCodeRule(name: "label", meaning: .uniqueLabel, length: .exact(13), charset: .digits)
        let decoder = Fixture.decoder(rules: [digits13])
        let global = decoder.decode("4006381333931")
        #expect(global.error?.kind == .ambiguous)
        #expect(global.candidates == ["gtin", "rule:label"])
        let restricted = decoder.decode("2001234567893")
        #expect(restricted.rule == "label")
    }

    @Test("a rule and a valid GS1 element string conflict")
    func ruleVersusGS1() {
        let numeric = HospitalCodeRule(name: "surgery", meaning: .surgery, prefix: "01",
                                       length: .range(min: 16, max: 30), charset: .digits)
        let code = Fixture.decoder(rules: [numeric]).decode("0109506000134352")
        #expect(code.error?.kind == .ambiguous)
        let notGS1 = Fixture.decoder(rules: [numeric]).decode("0100000000000001")
        #expect(notGS1.rule == "surgery")
    }

    @Test("standard grammars with unambiguous prefixes are never overridden by rules")
    func standardsFirst() {
        let plus = HospitalCodeRule(name: "plus", meaning: .bin, prefix: "+", length: .range(min: 2, max: 40),
                                    charset: .upperAlphanumeric)
        #expect(Fixture.decoder(rules: [plus]).decode("+A123BJC5D6E71G").kind == .hibcc)
    }

    @Test("no matching rule: internal with a warning when rules are configured")
    func unmatched() {
        let code = Fixture.decoder(rules: [Self.package]).decode("XYZ-1")
        #expect(code.kind == .internal)
        #expect(code.raw == "XYZ-1")
        #expect(code.warnings.first?.kind == .noRuleMatched)
        #expect(Fixture.decode("病人-001").kind == .unknown)
    }

    @Test("rules are Codable for the daemon configuration")
    func rulesCodable() throws {
        let data = try JSONEncoderShim.encode([Self.package, Self.wristband, Self.bin])
        let back = try JSONEncoderShim.decode([HospitalCodeRule].self, from: data)
        #expect(back == [Self.package, Self.wristband, Self.bin])
    }
}
