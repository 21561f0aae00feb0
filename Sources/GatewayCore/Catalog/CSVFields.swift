/// Splits one CSV record (RFC 4180: comma separated, fields in double quotes may hold commas, newlines and
/// doubled quotes) into its fields.
public enum CSVFields {
    /// The fields of `bytes` (one logical record, line terminator removed).
    public static func split(_ bytes: ArraySlice<UInt8>) -> [String] {
        // Most lines have no quotes: split on commas without copying byte by byte.
        if !bytes.contains(UInt8(ascii: "\"")) {
            return bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
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

    /// Whether a line leaves a quoted field open (an odd number of quotes): the record continues on the next line.
    public static func leavesQuoteOpen(_ bytes: ArraySlice<UInt8>, wasOpen: Bool) -> Bool {
        var open = wasOpen
        for byte in bytes where byte == UInt8(ascii: "\"") { open.toggle() }
        return open
    }
}
