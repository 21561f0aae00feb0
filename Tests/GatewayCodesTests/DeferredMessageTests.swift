import Foundation
import GatewayCodes
import Testing

/// Error and warning messages are rendered when read; they must read, compare and encode as plain strings.
@Suite("Deferred error and warning messages")
struct DeferredMessageTests {
    @Test("a decoded error's message reads, compares and encodes like one given as a string")
    func decodedErrorBehavesLikeAPlainOne() throws {
        let error = try #require(Fixture.decode("010950600013435317251231").error)
        let plain = DecodeError(kind: error.kind, message: error.message, position: error.position)
        #expect(error.message == "(01) check digit is wrong")
        #expect(error == plain)
        #expect(error.description == plain.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(error) == encoder.encode(plain))
        #expect(String(decoding: try encoder.encode(plain), as: UTF8.self)
            == #"{"kind":"check_digit","message":"(01) check digit is wrong","position":15}"#)
        #expect(try JSONDecoder().decode(DecodeError.self, from: encoder.encode(error)) == error)
    }

    @Test("assigning a message replaces the deferred one; warnings behave the same")
    func assignedMessagesReplaceDeferredOnes() throws {
        var code = Fixture.decode("0109506000134352\u{1D}\u{1D}10ABC")
        var warning = try #require(code.warnings.first)
        #expect(warning.message == "empty element: two GS separators in a row")
        warning.message = "edited"
        #expect(warning.message == "edited")
        #expect(warning != code.warnings[0])
        code.warnings[0].message = "edited"
        #expect(code.warnings[0] == warning)
        let noPosition = DecodeError(kind: .notABarcode, message: "empty")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // Foundation's key order is not fixed otherwise
        #expect(String(decoding: try encoder.encode(noPosition), as: UTF8.self)
            == #"{"kind":"not_a_barcode","message":"empty"}"#)
    }
}
