/// The registers and bits read from one slave in one poll cycle, by table and protocol address.
public struct RegisterImage: Sendable, Equatable {
    private var words: [RegisterKind: [Int: UInt16]] = [:]
    private var bits: [RegisterKind: [Int: Bool]] = [:]

    public init() {}

    public func word(_ kind: RegisterKind, _ address: Int) -> UInt16? { words[kind]?[address] }
    public func bit(_ kind: RegisterKind, _ address: Int) -> Bool? { bits[kind]?[address] }

    /// Stores registers read from `address` on.
    public mutating func store(words values: some Collection<UInt16>, kind: RegisterKind, from address: Int) {
        var table = words[kind] ?? [:]
        for (offset, value) in values.enumerated() { table[address + offset] = value }
        words[kind] = table
    }

    /// Stores bits read from `address` on.
    public mutating func store(bits values: some Collection<Bool>, kind: RegisterKind, from address: Int) {
        var table = bits[kind] ?? [:]
        for (offset, value) in values.enumerated() { table[address + offset] = value }
        bits[kind] = table
    }

    /// Copies every value of `other` over this image.
    public mutating func merge(_ other: RegisterImage) {
        for (kind, table) in other.words { words[kind, default: [:]].merge(table) { _, new in new } }
        for (kind, table) in other.bits { bits[kind, default: [:]].merge(table) { _, new in new } }
    }
}
