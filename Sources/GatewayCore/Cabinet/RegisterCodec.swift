#if canImport(Glibc)
import Glibc
#endif

/// Decodes and encodes register values for every data type and word order. Pure; shared by the gateway (reading
/// scales) and the simulator (laying out its registers), and checked against independent peers in the tests.
public enum RegisterCodec {
    /// `raw` rounded to an integer; NaN becomes 0 and infinities the extremes (a simulator must never trap).
    static func integer(_ raw: Double) -> Int64 {
        guard !raw.isNaN else { return 0 }
        let limit = 9.0e18
        return Int64(min(max(raw, -limit), limit).rounded())
    }

    /// The raw 32 bits of a two-register value, after undoing the word order.
    static func bits32(_ first: UInt16, _ second: UInt16, order: WordOrder) -> UInt32 {
        var high = first, low = second
        if order.swapsWords { swap(&high, &low) }
        if order.swapsBytes {
            high = high.byteSwapped
            low = low.byteSwapped
        }
        return UInt32(high) << 16 | UInt32(low)
    }

    /// The engineering value of `point` from its registers (`words.count == point.type.wordCount`).
    public static func decode(_ words: some Collection<UInt16>, as type: RegisterDataType, order: WordOrder) -> Double {
        var iterator = words.makeIterator()
        let first = iterator.next() ?? 0
        switch type {
        case .u16, .i16:
            let word = order.swapsBytes ? first.byteSwapped : first
            return type == .u16 ? Double(word) : Double(Int16(bitPattern: word))
        case .u32, .i32, .f32:
            let bits = bits32(first, iterator.next() ?? 0, order: order)
            switch type {
            case .u32: return Double(bits)
            case .i32: return Double(Int32(bitPattern: bits))
            default: return Double(Float(bitPattern: bits))
            }
        }
    }

    /// The registers that hold `raw` (already divided by the scale), rounded and clamped to the type's range.
    public static func encode(_ raw: Double, as type: RegisterDataType, order: WordOrder) -> [UInt16] {
        switch type {
        case .u16, .i16:
            let word: UInt16 =
                type == .u16
                ? UInt16(clamping: integer(raw))
                : UInt16(bitPattern: Int16(clamping: integer(raw)))
            return [order.swapsBytes ? word.byteSwapped : word]
        case .u32, .i32, .f32:
            let bits: UInt32
            switch type {
            case .u32: bits = UInt32(clamping: integer(raw))
            case .i32: bits = UInt32(bitPattern: Int32(clamping: integer(raw)))
            default: bits = Float(raw).bitPattern
            }
            var high = UInt16(bits >> 16), low = UInt16(bits & 0xFFFF)
            if order.swapsBytes {
                high = high.byteSwapped
                low = low.byteSwapped
            }
            return order.swapsWords ? [low, high] : [high, low]
        }
    }

    /// Reads `point` from a register image; nil when the image lacks any of its registers.
    public static func value(of point: RegisterPoint, in image: RegisterImage) -> Double? {
        if point.kind.isBit {
            return image.bit(point.kind, point.address).map { $0 ? 1 : 0 }
        }
        var words: [UInt16] = []
        words.reserveCapacity(point.count)
        for offset in 0..<point.count {
            guard let word = image.word(point.kind, point.address + offset) else { return nil }
            words.append(word)
        }
        return decode(words, as: point.type, order: point.order) * point.scale
    }
}
