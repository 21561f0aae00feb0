/// A ``HospitalCodeRule`` with its prefix as bytes, ready to test against scans.
struct CompiledHospitalRule: Sendable {
    let rule: HospitalCodeRule
    private let prefix: [UInt8]

    init(_ rule: HospitalCodeRule) {
        self.rule = rule
        prefix = Array(rule.prefix.utf8)
    }

    /// Prefix, total length, charset after the prefix, and check character (if any) all fit.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard rule.length.contains(range.count), range.count >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where bytes[range.lowerBound + offset] != byte { return false }
        let body = (range.lowerBound + prefix.count)..<range.upperBound
        guard body.allSatisfy({ rule.charset.allows(bytes[$0]) }) else { return false }
        guard let check = rule.check else { return true }
        return CheckDigits.isValid(check, bytes, rule.checkIncludesPrefix ? range : body)
    }

    /// Writes the `internal` result of this rule for `range` into `result` (cleared first).
    func decode(_ input: InputText, _ range: Range<Int>, symbology: Range<Int>?, into result: inout DecodedCode) {
        result.reset(to: .internal, input: input, symbology: symbology)
        result.fields.text.set(.raw, range)
        result.fields.text.set(.rule, derived: rule.name)
        result.fields.meaning = rule.meaning
        result.fields.text.set(.id, (range.lowerBound + prefix.count)..<range.upperBound)
    }
}
