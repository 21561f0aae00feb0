import GatewayCodes
import Testing

/// Fuzz-ish: random and mutated bytes never trap and always give a result whose kind and error agree.
@Suite("Random and mutated input")
struct RandomInputTests {
    static let seeds: [String] = [
        "]d201095060001343521725123110ABC123\u{1D}21SN0001",
        "(01)09506000134352(17)251231(10)ABC123(21)SN0001",
        "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426",
        "+A123BJC5D6E71/$$3270630LOT42AU",
        "+A123BJC5D6E71G+$$710X3G7",
        "=+05000=Z54991712345600=%T300=<T0416003&>0183652359&,4PL001499Z549917123456A00T041600320181231",
        "MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3",
        "]E04006381333931",
    ]

    static func isConsistent(_ code: DecodedCode) -> Bool {
        (code.kind == .invalid) == (code.error != nil)
    }

    @Test("random byte strings", arguments: 0..<4)
    func randomBytes(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) + 1)
        let decoder = Fixture.decoder(aliases: ["<GS>", "|"])
        let strict = Fixture.decoder(strict: true)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...120, using: &random)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(Self.isConsistent(decoder.decode(bytes)))
            #expect(Self.isConsistent(strict.decode(bytes)))
        }
    }

    @Test("every prefix of real codes, byte by byte", arguments: seeds)
    func prefixes(text: String) {
        let bytes = Array(text.utf8)
        for end in 0...bytes.count {
            #expect(Self.isConsistent(Fixture.decoder().decode(bytes[0..<end])))
        }
    }

    @Test("single-byte mutations of real codes", arguments: seeds)
    func mutations(text: String) {
        var random = SeededGenerator(seed: UInt64(text.utf8.count))
        let original = Array(text.utf8)
        for index in original.indices {
            for _ in 0..<8 {
                var bytes = original
                bytes[index] = UInt8.random(in: 0...255, using: &random)
                #expect(Self.isConsistent(Fixture.decoder(strict: Bool.random(using: &random)).decode(bytes)))
            }
            var removed = original
            removed.remove(at: index)
            #expect(Self.isConsistent(Fixture.decoder().decode(removed)))
        }
    }

    @Test("grammar-shaped random text (digits, separators, identifiers)", arguments: 0..<4)
    func shapedText(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 99)
        let alphabet = Array("0123456789()+$/=&%<>]dCQE.MAL\u{1D}:?#*-".utf8)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 1...60, using: &random)).map { _ in
                alphabet.randomElement(using: &random)!
            }
            #expect(Self.isConsistent(Fixture.decoder().decode(bytes)))
        }
    }
}
