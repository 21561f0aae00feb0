/// One Modbus read request: a run of registers or bits of one table.
public struct ReadRequest: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var kind: RegisterKind
    public var address: Int
    public var count: Int

    public init(kind: RegisterKind, address: Int, count: Int) {
        self.kind = kind
        self.address = address
        self.count = count
    }

    public var description: String { "\(kind)[\(address)..<\(address + count)]" }
}

/// What one slave accepts in a single read: many devices cap a read below the protocol's 125 registers / 2000
/// bits (32 registers or 120 bytes are common).
public struct ReadLimits: Sendable, Equatable, Codable, Hashable {
    public var maxRegisters: Int
    public var maxBytes: Int
    public var maxBits: Int
    /// Unused registers a read may span to join two runs (reading a few spare registers is cheaper than another
    /// request); 0 joins only adjacent runs.
    public var maxGap: Int

    public init(maxRegisters: Int = 125, maxBytes: Int = 250, maxBits: Int = 2000, maxGap: Int = 0) {
        self.maxRegisters = maxRegisters
        self.maxBytes = maxBytes
        self.maxBits = maxBits
        self.maxGap = maxGap
    }

    /// Registers per read after both register and byte caps.
    public var registersPerRead: Int { max(1, min(maxRegisters, maxBytes / 2, 125)) }
    public var bitsPerRead: Int { max(1, min(maxBits, maxBytes * 8, 2000)) }
}

/// Plans the fewest reads that cover a set of points: sorts them per table, joins contiguous (or nearly
/// contiguous) runs, and splits at the device's limits without ever splitting a multi-register value.
public enum ReadPlanner {
    public static func plan(_ points: [RegisterPoint], limits: ReadLimits) -> [ReadRequest] {
        var requests: [ReadRequest] = []
        for kind in RegisterKind.allCases {
            let spans = Set(points.filter { $0.kind == kind }.map { Span(start: $0.address, count: $0.count) })
                .sorted { ($0.start, $0.count) < ($1.start, $1.count) }
            let cap = kind.isBit ? limits.bitsPerRead : limits.registersPerRead
            var current: ReadRequest?
            for span in spans {
                if var open = current {
                    let end = open.address + open.count
                    let newEnd = max(end, span.start + span.count)
                    if span.start <= end + limits.maxGap, newEnd - open.address <= cap {
                        open.count = newEnd - open.address
                        current = open
                        continue
                    }
                    requests.append(open)
                }
                current = ReadRequest(kind: kind, address: span.start, count: span.count)
            }
            if let current { requests.append(current) }
        }
        return requests
    }

    struct Span: Hashable {
        var start: Int
        var count: Int
    }
}
