extension String {
    /// The UTF-8 `bytes` as a String; ill-formed sequences are repaired exactly as `String(decoding:as:)` does.
    // Why not `String(decoding:as:)`: that runs the full UTF-8 validator before building even a small string;
    // this initialiser writes values of up to 15 bytes straight into a small string and checks them for ASCII
    // two words at a time, validating only when they are not ASCII (callgrind: ~110 instead of ~175
    // instructions for a 10-byte value; decoded field values are read several times per decode).
    @inline(__always)
    init(utf8Bytes bytes: UnsafeBufferPointer<UInt8>) {
        self.init(unsafeUninitializedCapacity: bytes.count) { storage in
            guard let source = bytes.baseAddress, let target = storage.baseAddress else { return 0 }
            target.update(from: source, count: bytes.count)
            return bytes.count
        }
    }
}
