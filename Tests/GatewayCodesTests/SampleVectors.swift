import Foundation
import GatewayCodes

/// The shared sample vectors (`../shared/data/codes-sample.jsonl`), when the checkout has them.
struct SampleVector: Sendable, CustomStringConvertible {
    let id: String
    let input: [UInt8]
    let kind: String
    /// The `expect` object, as JSON text (kept as text so the vector stays Sendable).
    let expectJSON: Data

    var description: String { id }

    static let fileURL: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/codes-sample.jsonl").standardizedFileURL

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: fileURL.path) }

    static let all: [SampleVector] = {
        guard let text = try? String(contentsOf: fileURL, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["id"] as? String, let kind = object["kind"] as? String,
                  let expect = object["expect"], let expectJSON = try? JSONSerialization.data(withJSONObject: expect)
            else { return nil }
            let input: [UInt8]
            if let hex = object["input_hex"] as? String {
                input = hexBytes(hex)
            } else {
                input = Array(((object["input"] as? String) ?? "").utf8)
            }
            return SampleVector(id: id, input: input, kind: kind, expectJSON: expectJSON)
        }
    }()

    var expect: [String: Any] { (try? JSONSerialization.jsonObject(with: expectJSON) as? [String: Any]) ?? [:] }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) ?? 0)
        }
        return bytes
    }
}

/// Helpers to compare a ``DecodedCode`` with an `expect` object through its JSON encoding.
enum ExpectationMatcher {
    static let policyKeys: Set<String> = ["error", "error_kind", "strict_error", "requires_option", "expect_default"]

    static func json(_ code: DecodedCode) -> [String: Any] {
        guard let data = try? JSONEncoder().encode(code),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// Keys of `expect` whose values differ from the encoding of `code` (with both values, for the message).
    static func mismatches(_ code: DecodedCode, _ expect: [String: Any]) -> [String] {
        let actual = json(code)
        var problems: [String] = []
        for (key, expected) in expect where !policyKeys.contains(key) {
            let got = actual[key]
            if !isEqual(got, expected) {
                problems.append("\(key): expected \(expected), got \(got.map { "\($0)" } ?? "nil")")
            }
        }
        return problems
    }

    static func isEqual(_ lhs: Any?, _ rhs: Any?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        return canonical(lhs) == canonical(rhs)
    }

    /// Sorted-key JSON text of a JSONSerialization value: equal text means equal values.
    static func canonical(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }
}
