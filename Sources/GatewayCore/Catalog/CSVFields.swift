import GatewayCodes

/// Splits one CSV record (RFC 4180: comma separated, fields in double quotes may hold commas, newlines and
/// doubled quotes) into its fields.
public enum CSVFields {
    /// The fields of `bytes` (one logical record, line terminator removed).
    public static func split(_ bytes: ArraySlice<UInt8>) -> [String] {
        // Most lines have no quotes: split on commas without copying byte by byte.
        if !bytes.contains(UInt8(ascii: "\"")) { return splitUnquoted(bytes) }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    let next = bytes.index(after: index)
                    if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if byte == UInt8(ascii: "\""), field.isEmpty {
                quoted = true
            } else {
                field.append(byte)
            }
            index = bytes.index(after: index)
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// The fields of a record without quotes: one pass over the bytes, each field made straight from its bytes.
    ///
    /// Why not `split(separator:)` and `map`: that built an array of slices and then the array of strings, and ran
    /// the full UTF-8 validator for every field; most fields of an export (codes, GTINs, kinds, numbers, lots,
    /// dates) are short ASCII, which `String(utf8Bytes:)` packs straight into a small string. The result is the
    /// same, ill-formed UTF-8 repaired as `String(decoding:as:)` does (about a fifth of an in-hospital code row's
    /// import cost went to the old way).
    static func splitUnquoted(_ bytes: ArraySlice<UInt8>) -> [String] {
        bytes.withUnsafeBufferPointer { line in
            var fields: [String] = []
            fields.reserveCapacity(16)
            var start = 0
            for index in 0..<line.count where line[index] == UInt8(ascii: ",") {
                fields.append(String(utf8Bytes: UnsafeBufferPointer(rebasing: line[start..<index])))
                start = index + 1
            }
            fields.append(String(utf8Bytes: UnsafeBufferPointer(rebasing: line[start..<line.count])))
            return fields
        }
    }

    /// Whether a line leaves a quoted field open (an odd number of quotes): the record continues on the next line.
    public static func leavesQuoteOpen(_ bytes: ArraySlice<UInt8>, wasOpen: Bool) -> Bool {
        var open = wasOpen
        for byte in bytes where byte == UInt8(ascii: "\"") { open.toggle() }
        return open
    }
}
