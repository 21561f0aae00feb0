extension String {
    /// The UTF-8 `bytes` as a String; ill-formed sequences are repaired exactly as `String(decoding:as:)` does.
    // Why not `String(decoding:as:)`: that runs the full UTF-8 validator before building even a small string.
    // ASCII values of up to 15 bytes (almost every decoded field value) are packed straight into the two words
    // of a small string (see `init(smallASCIIWords:count:)`, ~20 instructions); longer or non-ASCII values go
    // through `String(unsafeUninitializedCapacity:)` (~110 instructions for a 10-byte value, validated).
    // `package` and inlinable: the catalogue cache (GatewayStore) makes its column strings the same way.
    @inlinable
    package init(utf8Bytes bytes: UnsafeBufferPointer<UInt8>) {
        #if _endian(little) && _pointerBitWidth(_64)
        if bytes.count <= 15, let words = Self.smallASCIIWords(bytes) {
            self.init(smallASCIIWords: words, count: bytes.count)
            return
        }
        #endif
        self.init(unsafeUninitializedCapacity: bytes.count) { storage in
            guard let source = bytes.baseAddress, let target = storage.baseAddress else { return 0 }
            target.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    #if _endian(little) && _pointerBitWidth(_64)
    /// The up to 15 `bytes` as two little-endian words (byte 0 lowest, unused bytes zero), or nil when one of
    /// them is not ASCII. Reads only inside `bytes` (overlapping loads instead of a byte loop).
    @inlinable
    package static func smallASCIIWords(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        let count = bytes.count
        guard let start = bytes.baseAddress, count > 0 else { return count == 0 ? (0, 0) : nil }
        let raw = UnsafeRawPointer(start)
        let low: UInt64
        var high: UInt64 = 0
        if count >= 8 {
            low = raw.loadUnaligned(as: UInt64.self)
            if count > 8 {
                // Bytes count-8..<count, shifted down so that byte 8 lands in the lowest position.
                high = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) &>> UInt64(8 &* (16 &- count))
            }
        } else if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            low = first | last &<< UInt64(8 &* (count &- 4))  // the overlapping bytes are the same
        } else {
            let middle = count &>> 1
            low = UInt64(start[0]) | UInt64(start[middle]) &<< UInt64(8 &* middle)
                | UInt64(start[count &- 1]) &<< UInt64(8 &* (count &- 1))
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return (low, high)
    }

    /// A small (inline) ASCII string of `count` (0...15) bytes held in `words` as `smallASCIIWords` returns them.
    ///
    /// Why this is safe to rely on: on 64-bit platforms a String is two words, and a small string keeps its
    /// UTF-8 bytes in memory order in the first 15 bytes with a discriminator in the top byte: bit 63 immortal,
    /// bit 62 ASCII, bit 61 small, bits 56-59 the count (stdlib `StringObject.swift`). String is `@frozen` and
    /// that layout is read by the standard library's inlinable code compiled into every client, so it cannot
    /// change without breaking existing binaries. `SmallStringLayoutTests` checks every length against
    /// `String(decoding:as:)`.
    @inlinable
    package init(smallASCIIWords words: (UInt64, UInt64), count: Int) {
        let discriminator: UInt64 = (0xE0 | UInt64(truncatingIfNeeded: count)) &<< 56
        self = unsafeBitCast((words.0, words.1 | discriminator), to: String.self)
    }
    #endif
}
