/// Splits a byte stream into 24-byte `struct input_event` records (x86-64 / aarch64 layout: `timeval` as two
/// 64-bit little-endian integers, then `type` u16, `code` u16, `value` s32).
///
/// A real evdev node returns whole records per `read`, but stand-ins (a pty, a FIFO) coalesce and split them:
/// the decoder keeps a partial record until the rest arrives, so the reader can hand it any chunk.
public struct InputEventRecordDecoder: Sendable {
    /// Size of one record.
    public static let recordSize = 24

    private var pending: [UInt8] = []

    public init() {}

    /// Bytes of an incomplete record held back, waiting for the rest.
    public var pendingByteCount: Int { pending.count }

    /// Consumes bytes from `buffer` and returns the next complete event, or nil when `buffer` is exhausted
    /// without completing one. Call it again until it returns nil.
    public mutating func decode(buffer: inout ArraySlice<UInt8>) -> InputEvent? {
        let needed = Self.recordSize - pending.count
        if pending.isEmpty && buffer.count >= Self.recordSize {
            let record = buffer.prefix(Self.recordSize)
            buffer = buffer.dropFirst(Self.recordSize)
            return Self.parse(record)
        }
        let take = min(needed, buffer.count)
        pending.append(contentsOf: buffer.prefix(take))
        buffer = buffer.dropFirst(take)
        guard pending.count == Self.recordSize else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return Self.parse(pending[...])
    }

    /// Discards a partial record (after the device went away: its rest will never come).
    public mutating func reset() { pending.removeAll() }

    static func parse(_ record: ArraySlice<UInt8>) -> InputEvent {
        let base = record.startIndex
        func integer(_ offset: Int, _ width: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in (0..<width).reversed() { value = value << 8 | UInt64(record[base + offset + index]) }
            return value
        }
        let seconds = integer(0, 8)
        let microseconds = integer(8, 8)
        return InputEvent(
            type: UInt16(integer(16, 2)), code: UInt16(integer(18, 2)),
            value: Int32(bitPattern: UInt32(integer(20, 4))),
            timeNanoseconds: seconds &* 1_000_000_000 &+ microseconds &* 1000)
    }
}

extension InputEvent {
    /// The 24-byte record for this event (what the simulator writes to a stand-in device node).
    public var record: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(InputEventRecordDecoder.recordSize)
        func append(_ value: UInt64, _ width: Int) {
            for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
        }
        append(timeNanoseconds / 1_000_000_000, 8)
        append(timeNanoseconds % 1_000_000_000 / 1000, 8)
        append(UInt64(type), 2)
        append(UInt64(code), 2)
        append(UInt64(UInt32(bitPattern: value)), 4)
        return bytes
    }
}
