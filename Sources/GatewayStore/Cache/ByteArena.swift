/// Bytes appended back to back in one growing buffer, each record written in place: one capacity check for a
/// record, then plain stores.
///
/// Why not `[UInt8]`: an import stages millions of product rows of a dozen fields each, and each `append` to an
/// array checks capacity and uniqueness and goes through the class's exclusivity check: about 4,000 instructions
/// a row, a sixth of an import's work.
final class ByteArena {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int
    private let initialCapacity: Int

    init(capacity: Int = 1 << 16) {
        initialCapacity = max(capacity, 64)
        self.capacity = initialCapacity
        base = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// The bytes written so far (valid until the next append or `removeAll`).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Appends `byteCount` bytes written by `body` at the pointer it gets; returns the offset of the first.
    @inline(__always)
    func append(byteCount: Int, _ body: (inout ArenaWriter) -> Void) -> Int {
        if count + byteCount > capacity { grow(toFit: count + byteCount) }
        var writer = ArenaWriter(pointer: base + count)
        body(&writer)
        precondition(writer.written == byteCount, "ByteArena: \(writer.written) bytes written for \(byteCount)")
        defer { count += byteCount }
        return count
    }

    /// Forgets the bytes; `keepingCapacity: false` also gives the memory back (down to the initial size).
    func removeAll(keepingCapacity: Bool) {
        count = 0
        guard !keepingCapacity, capacity > initialCapacity else { return }
        base.deallocate()
        capacity = initialCapacity
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    private func grow(toFit needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// Writes one record into a ``ByteArena`` (little-endian integers, unaligned).
struct ArenaWriter {
    private let pointer: UnsafeMutableRawPointer
    private(set) var written = 0

    init(pointer: UnsafeMutableRawPointer) {
        self.pointer = pointer
    }

    @inline(__always)
    mutating func write<T: FixedWidthInteger>(_ value: T) {
        pointer.storeBytes(of: value.littleEndian, toByteOffset: written, as: T.self)
        written += MemoryLayout<T>.size
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        if let source = bytes.baseAddress { (pointer + written).copyMemory(from: source, byteCount: bytes.count) }
        written += bytes.count
    }
}
