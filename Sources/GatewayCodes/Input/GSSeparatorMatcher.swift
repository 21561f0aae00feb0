/// Recognises GS (0x1D) and the configured literal GS substitutes at a byte offset, without rewriting the
/// input (so positions stay those of the scan).
struct GSSeparatorMatcher: Sendable {
    private let aliases: [[UInt8]]
    /// Bit per possible first byte of a separator (GS always included).
    private let firstBytes: SIMD4<UInt64>  // SIMD, not InlineArray: element reads then copy nothing

    init(aliases: [String]) {
        // Longest first, so "<GS>" wins over a configured "<" should both exist.
        let list = aliases.map { Array($0.utf8) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.aliases = list
        var bits = SIMD4<UInt64>()
        for byte in [ASCII.gs] + list.map({ $0[0] }) { bits[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        firstBytes = bits
    }

    var hasAliases: Bool { !aliases.isEmpty }

    /// Length of the separator starting at `offset` (0 when there is none).
    @inline(__always)
    func length(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> Int {
        guard offset < end else { return 0 }
        let byte = bytes[offset]
        if byte == ASCII.gs { return 1 }
        guard firstBytes[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0 else { return 0 }
        return aliasLength(bytes, at: offset, end: end)
    }

    private func aliasLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> Int {
        for alias in aliases where offset + alias.count <= end {
            var matches = true
            for index in alias.indices where bytes[offset + index] != alias[index] {
                matches = false
                break
            }
            if matches { return alias.count }
        }
        return 0
    }
}
