import Foundation
import GatewayCodes
import Testing

/// `decode(_:into:)` writes the same result `decode(_:)` returns into a caller's value, whatever that value
/// held before; and the rarely used parts a result keeps out of line (assigned values, long ISBT 128
/// structure lists, candidates) behave as plain values.
@Suite("In-place decoding and out-of-line result parts")
struct InPlaceDecodeTests {
    @Test("decoding into a reused result equals a fresh decode, in any order")
    func reusedResultEqualsFreshDecode() {
        let decoder = Fixture.decoder()
        var reused = DecodedCode(kind: .invalid)
        // Forwards and backwards, so each sample overwrites results of every other kind.
        for text in LazyFieldsTests.samples + LazyFieldsTests.samples.reversed() + ["", "\u{1D}\u{1D}"] {
            decoder.decode(text, into: &reused)
            #expect(reused == decoder.decode(text), "\(text.debugDescription)")
            var fromBytes = reused
            decoder.decode(Array(text.utf8), into: &fromBytes)
            #expect(fromBytes == reused, "\(text.debugDescription)")
        }
    }

    @Test("every shared sample decoded into one reused result encodes like a fresh decode, lenient and strict",
          .enabled(if: SampleVector.isAvailable))
    func reusedResultMatchesFreshDecodeOnSampleVectors() throws {
        // The parsers fill the caller's result in place; any field, warning or message left over from the
        // previous scan (of another grammar, or invalid) would show in the JSON.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for strict in [false, true] {
            let decoder = Fixture.decoder(strict: strict)
            var reused = DecodedCode(kind: .invalid)
            for vector in SampleVector.all + SampleVector.all.reversed() {
                decoder.decode(vector.input, into: &reused)
                let fresh = decoder.decode(vector.input)
                #expect(try encoder.encode(reused) == encoder.encode(fresh), "\(vector.id)")
            }
        }
    }

    @Test("a result decoded into keeps no state of an edited earlier result")
    func editedResultIsReplaced() {
        let decoder = Fixture.decoder()
        var code = decoder.decode("=+05000=Z54991712345600=%T300")
        code.structures = ["999"]
        code.candidates = ["x"]
        code.ais = [AIElement(ai: "01", value: "1")]
        code.expiry = CivilDate(year: 100_000, month: 1, day: 1)
        decoder.decode("4006381333931", into: &code)
        #expect(code == decoder.decode("4006381333931"))
        #expect(code.structures == nil && code.candidates == nil && code.expiry == nil)
    }

    @Test("ISBT 128 structures read back as strings, and assigned lists are kept as given")
    func structures() {
        let label = "=+05000=Z54991712345600=%T300=<T0416003&>0183652359&,4PL001499Z549917123456A00T041600320181231"
        var code = Fixture.decode(label)
        let expected = ["023", "001", "002", "003", "005", "038"]
        #expect(code.structures == expected)
        var copy = code
        copy.structures = []
        #expect(copy.structures == [])
        #expect(code.structures == expected)
        code.structures = nil
        #expect(code.structures == nil)
    }

    @Test("assigned values live out of line but copies stay independent")
    func copyOnWriteOfAssignedParts() {
        var first = Fixture.decode("4006381333931")
        first.lot = String(repeating: "L", count: 40)
        first.expiry = CivilDate(year: 70_000, month: 2, day: 3)
        var second = first
        second.lot = "short"
        second.expiry = CivilDate(year: 80_000, month: 4, day: 5)
        second.candidates = ["a", "b"]
        #expect(first.lot == String(repeating: "L", count: 40))
        #expect(first.expiry == CivilDate(year: 70_000, month: 2, day: 3))
        #expect(first.candidates == nil)
        #expect(second.lot == "short" && second.expiry == CivilDate(year: 80_000, month: 4, day: 5))
        #expect(second.candidates == ["a", "b"])
    }
}
