import Foundation
import GatewayCodes
import Testing

@Suite("Shared sample vectors (codes-sample.jsonl)")
struct SampleVectorTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23)

    static func decoder(strict: Bool = false, aliases: [String] = []) -> CodeDecoder {
        CodeDecoder(options: DecodeOptions(strict: strict, gsAliases: aliases, referenceDate: today))
    }

    @Test("every vector decodes as expected in default mode",
          .enabled(if: SampleVector.isAvailable, "../shared/data/codes-sample.jsonl not found; shared vectors skipped"),
          arguments: SampleVector.all)
    func defaultMode(_ vector: SampleVector) {
        let expect = vector.expect
        var options: [String] = []
        if let option = expect["requires_option"] as? String, option.hasPrefix("gs_alias:") {
            options.append(String(option.dropFirst("gs_alias:".count)))
        }
        let code = Self.decoder(aliases: options).decode(vector.input)
        check(code, against: expect, kind: vector.kind)
        if options.isEmpty == false, let fallback = expect["expect_default"] as? [String: Any] {
            let plain = Self.decoder().decode(vector.input)
            #expect(plain.error == nil, "\(vector.id) without option: \(String(describing: plain.error))")
            let problems = ExpectationMatcher.mismatches(plain, fallback)
            #expect(problems.isEmpty, "\(vector.id) without option: \(problems)")
        }
    }

    @Test("strict mode rejects exactly the strict_error vectors and keeps the others",
          .enabled(if: SampleVector.isAvailable, "../shared/data/codes-sample.jsonl not found; shared vectors skipped"),
          arguments: SampleVector.all)
    func strictMode(_ vector: SampleVector) {
        let expect = vector.expect
        guard expect["requires_option"] == nil else { return }
        let code = Self.decoder(strict: true).decode(vector.input)
        if expect["strict_error"] as? Bool == true {
            #expect(code.kind == .invalid && code.error != nil, "\(vector.id) must fail in strict mode")
        } else {
            check(code, against: expect, kind: vector.kind)
        }
    }

    private func check(_ code: DecodedCode, against expect: [String: Any], kind: String) {
        if expect["error"] as? Bool == true {
            #expect(code.kind == .invalid)
            #expect(code.error?.kind.rawValue == expect["error_kind"] as? String,
                    "got \(String(describing: code.error))")
            return
        }
        #expect(code.error == nil, "unexpected error \(String(describing: code.error))")
        #expect(code.kind.rawValue == kind)
        let problems = ExpectationMatcher.mismatches(code, expect)
        #expect(problems.isEmpty, "\(problems)")
    }
}
