/// The version of the gateway <-> backend line protocol (`docs/protocol.md`).
///
/// A peer with another major version is refused; a higher minor version is accepted (minor versions only add
/// optional fields and message types, which receivers ignore when unknown).
public struct ProtocolVersion: Sendable, Equatable, Codable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this build speaks.
    public static let current = ProtocolVersion(major: 1, minor: 0)

    public var description: String { "\(major).\(minor)" }

    /// Whether a peer speaking `other` can talk to us.
    public func isCompatible(with other: ProtocolVersion) -> Bool { major == other.major }
}
