/// RFC 3986 percent-decoding on bytes.
enum PercentDecoding {
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Decodes `bytes[range]` into `output` starting at `offset`; returns the end offset written, or the input
    /// offset of a malformed escape as `.failure`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                       into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Result<Int, MalformedEscape> {
        var read = range.lowerBound
        var written = offset
        while read < range.upperBound {
            var byte = bytes[read]
            if byte == UInt8(ascii: "%") {
                guard read + 2 < range.upperBound, let high = hexValue(bytes[read + 1]),
                      let low = hexValue(bytes[read + 2])
                else { return .failure(MalformedEscape(position: read)) }
                byte = high << 4 | low
                read += 3
            } else {
                read += 1
            }
            output[written] = byte
            written += 1
        }
        return .success(written)
    }

    struct MalformedEscape: Error {
        let position: Int
    }
}
