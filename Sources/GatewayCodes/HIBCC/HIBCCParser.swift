/// Parses HIBCC (HIBC LIC) data: a primary line, a secondary line, a primary with its secondary
/// concatenated after `/`, or lines joined with `+`. Check characters are modulo 43; a separate secondary
/// line ends with a link character (the primary's check character) and its own check character.
struct HIBCCParser {
    let input: InputText
    let reference: CivilDate

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    /// Decodes `fullRange` into `result` (cleared first).
    func decode(_ fullRange: Range<Int>, symbology: Range<Int>?, into code: inout DecodedCode) {
        var range = fullRange
        // `*` are Code 39 start/stop characters copied from the human-readable caption.
        if bytes[range.lowerBound] == UInt8(ascii: "*") { range = (range.lowerBound + 1)..<range.upperBound }
        if range.count > 1, bytes[range.upperBound - 1] == UInt8(ascii: "*") {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        code.reset(to: .hibcc, input: input, symbology: symbology)
        var result = HIBCCResult(input: input, symbology: symbology)
        defer { result.finish(into: &code) }
        if let bad = Mod43.firstInvalid(bytes, range) {
            result.fail(.charset, "character not allowed in HIBCC data (upper case, digits, - . space $ / + %)",
                        at: bad)
            return
        }
        guard range.count >= 3 else {
            result.fail(.syntax, "HIBCC data too short", at: range.lowerBound)
            return
        }
        if ASCII.isUpper(bytes[range.lowerBound + 1]) {
            let primaryEnd = primaryLineEnd(range)
            guard parsePrimary(range.lowerBound..<primaryEnd, &result, &code.fields) else { return }
            if primaryEnd < range.upperBound {
                code.fields.text.set(.line, .concatenated)
                _ = parseSecondaryLine(primaryEnd..<range.upperBound, &result, &code.fields)
            }
        } else {
            _ = parseSecondaryLine(range, &result, &code.fields)
        }
    }

    /// End of the primary line: the next `+` that starts a new line (a `+` right after the primary data may be
    /// the check character itself; `$+` is a serial flag inside concatenated data).
    private func primaryLineEnd(_ range: Range<Int>) -> Int {
        var index = range.lowerBound + 1
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "+"), bytes[index - 1] != UInt8(ascii: "$") {
                if index + 1 == range.upperBound { return range.upperBound }
                return bytes[index + 1] == UInt8(ascii: "+") ? index + 1 : index
            }
            index += 1
        }
        return range.upperBound
    }

    private func parsePrimary(_ line: Range<Int>, _ result: inout HIBCCResult, _ fields: inout CodeFields)
        -> Bool {
        let checkIndex = line.upperBound - 1
        let content = (line.lowerBound + 1)..<checkIndex
        let slash = content.first { bytes[$0] == UInt8(ascii: "/") }
        let primary = content.lowerBound..<(slash ?? content.upperBound)
        guard primary.count >= 6, primary.count <= 23 else {
            return result.fail(.syntax, "HIBCC primary data must be LIC(4) + product(1-18) + unit of measure(1)",
                               at: primary.lowerBound)
        }
        let uomIndex = primary.upperBound - 1
        guard ASCII.isDigit(bytes[uomIndex]) else {
            return result.fail(.syntax, "HIBCC unit of measure must be a digit", at: uomIndex)
        }
        for index in primary where !ASCII.isAlphanumericUpper(bytes[index]) {
            return result.fail(.charset, "HIBCC primary data is upper case letters and digits only", at: index)
        }
        fields.text.set(.lic, primary.lowerBound..<(primary.lowerBound + 4))
        fields.text.set(.product, (primary.lowerBound + 4)..<uomIndex)
        fields.uom = Int(bytes[uomIndex] - ASCII.zero)
        fields.text.set(.di, primary)
        fields.text.set(.line, slash == nil ? .primary : .concatenated)
        guard result.verifyCheck(line.lowerBound..<checkIndex, check: checkIndex, &fields) else { return false }
        result.primaryCheck = bytes[checkIndex]
        guard let slash else { return true }
        return HIBCCSecondaryData(input: input, reference: reference)
            .parse((slash + 1)..<content.upperBound, &result, &fields)
    }

    /// A separate secondary line: `+` data link check.
    private func parseSecondaryLine(_ line: Range<Int>, _ result: inout HIBCCResult, _ fields: inout CodeFields)
        -> Bool {
        guard line.count >= 4, bytes[line.lowerBound] == UInt8(ascii: "+") else {
            return result.fail(.syntax, "HIBCC secondary line must be '+' data, link and check characters",
                               at: line.lowerBound)
        }
        let checkIndex = line.upperBound - 1
        let linkIndex = line.upperBound - 2
        if !fields.text.isPresent(.line) { fields.text.set(.line, .secondary) }
        fields.text.set(.link, linkIndex..<(linkIndex + 1))
        guard result.verifyCheck(line.lowerBound..<checkIndex, check: checkIndex, &fields) else { return false }
        if let primaryCheck = result.primaryCheck, primaryCheck != bytes[linkIndex] {
            return result.fail(.checkCharacter, "link character does not match the primary check character",
                               at: linkIndex)
        }
        return HIBCCSecondaryData(input: input, reference: reference)
            .parse((line.lowerBound + 1)..<linkIndex, &result, &fields)
    }
}
