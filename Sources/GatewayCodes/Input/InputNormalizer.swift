/// Undoes scanner artefacts before decoding: trailing CR/LF/TAB, full-width ASCII variants, caps-lock
/// inverted letters. GS substitutes are not rewritten here (see ``GSSeparatorMatcher``).
enum InputNormalizer {
    /// End offset after dropping trailing terminators.
    static func trimmedEnd(_ raw: UnsafeBufferPointer<UInt8>, stripTerminators: Bool) -> Int {
        var end = raw.count
        guard stripTerminators else { return end }
        while end > 0, raw[end - 1] == 0x0D || raw[end - 1] == 0x0A || raw[end - 1] == 0x09 { end -= 1 }
        return end
    }

    /// Whether the first `count` bytes contain any non-ASCII byte.
    static func containsNonASCII(_ raw: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        var index = 0
        // Eight bytes at a time: the common case is short pure-ASCII scans.
        while index + 8 <= count {
            let word = UnsafeRawPointer(raw.baseAddress! + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        // The last (up to seven) bytes as the final eight, overlapping bytes already checked.
        if index < count, count >= 8 {
            let word = UnsafeRawPointer(raw.baseAddress! + count - 8).loadUnaligned(as: UInt64.self)
            return word & 0x8080_8080_8080_8080 != 0
        }
        while index < count {
            if raw[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }

    /// Copies `raw[0..<count]` into `output`, folding full-width forms and inverting letter case as asked.
    /// Returns the number of bytes written (never more than `count`).
    static func rewrite(_ raw: UnsafeBufferPointer<UInt8>, count: Int, into output: UnsafeMutableBufferPointer<UInt8>,
                        foldFullWidth: Bool, invertCase: Bool) -> Int {
        var read = 0
        var written = 0
        while read < count {
            var byte = raw[read]
            if foldFullWidth, byte == 0xEF, read + 2 < count, let folded = fullWidth(raw[read + 1], raw[read + 2]) {
                byte = folded
                read += 3
            } else if foldFullWidth, byte == 0xE3, read + 2 < count, raw[read + 1] == 0x80, raw[read + 2] == 0x80 {
                byte = UInt8(ascii: " ")  // U+3000 ideographic space
                read += 3
            } else {
                read += 1
            }
            if invertCase, ASCII.isUpper(byte) || ASCII.isLower(byte) { byte ^= 0x20 }
            output[written] = byte
            written += 1
        }
        return written
    }

    /// U+FF01...U+FF5E (EF BC 81...EF BD 9E) map to U+0021...U+007E.
    private static func fullWidth(_ second: UInt8, _ third: UInt8) -> UInt8? {
        if second == 0xBC, (0x81...0xBF).contains(third) { return third - 0x81 + 0x21 }
        if second == 0xBD, (0x80...0x9E).contains(third) { return third - 0x80 + 0x60 }
        return nil
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence, nil when all is valid.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
