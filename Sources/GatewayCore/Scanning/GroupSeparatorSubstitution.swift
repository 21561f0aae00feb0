/// Replaces the stand-ins a scanner was programmed to send for GS (FNC1) with GS (0x1D) itself: `#`, `|`,
/// `~`, `^]`, `<GS>`, `{GS}`, a space... Configured per scanner: a substitute that can occur in real data
/// (a `#` in an in-hospital code) would corrupt it, so none is assumed by default.
public struct GroupSeparatorSubstitution: Sendable, Equatable {
    /// The substitutes, longest first so that `<GS>` wins over a configured `<`.
    public let substitutes: [[UInt8]]

    public init(_ substitutes: [String]) {
        self.substitutes = substitutes.filter { !$0.isEmpty }.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    /// The bytes with every substitute replaced by 0x1D.
    public func apply(to bytes: [UInt8]) -> [UInt8] {
        guard !substitutes.isEmpty else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        scanning: while index < bytes.count {
            for substitute in substitutes where bytes[index...].starts(with: substitute) {
                result.append(0x1D)
                index += substitute.count
                continue scanning
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
