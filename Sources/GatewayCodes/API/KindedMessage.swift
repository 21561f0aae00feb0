/// What ``CodeWarning`` and ``DecodeError`` share: a machine `kind`, a human `message` (rendered lazily) and an
/// optional character `position`. Gives both the same text form, equality and JSON form (`kind`, `message`,
/// `position`), which the synthesized conformances had before the message became computed.
protocol KindedMessage: Equatable, Codable, CustomStringConvertible {
    associatedtype Kind: RawRepresentable<String> & Codable & Equatable
    var kind: Kind { get }
    var message: String { get }
    var position: Int? { get }
    init(kind: Kind, message: String, position: Int?)
}

private enum KindedMessageCodingKeys: String, CodingKey { case kind, message, position }

extension KindedMessage {
    public var description: String {
        position.map { "\(kind.rawValue) at \($0): \(message)" } ?? "\(kind.rawValue): \(message)"
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind && lhs.position == rhs.position && lhs.message == rhs.message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindedMessageCodingKeys.self)
        self.init(kind: try container.decode(Kind.self, forKey: .kind),
                  message: try container.decode(String.self, forKey: .message),
                  position: try container.decodeIfPresent(Int.self, forKey: .position))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindedMessageCodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(position, forKey: .position)
    }
}
