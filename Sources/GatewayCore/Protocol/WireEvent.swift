/// An event as it travels on the wire: `class: "event"`, its identity, the gateway, a readable time, the
/// `redelivered` flag when it may have been sent before, and every field of the ``EventDraft``.
public struct WireEvent: Sendable, Equatable, Codable {
    public var id: String
    public var sequence: Int64
    public var gateway: String
    /// True when the gateway may have sent this event before (after a reconnect or restart); the backend
    /// deduplicates by `id`.
    public var redelivered: Bool?
    public var draft: EventDraft

    public init(event: GatewayEvent, gateway: String, redelivered: Bool? = nil) {
        id = event.id
        sequence = event.sequence
        self.gateway = gateway
        self.redelivered = redelivered
        draft = event.draft
    }

    public var event: GatewayEvent { GatewayEvent(id: id, sequence: sequence, draft: draft) }

    enum EnvelopeKeys: String, CodingKey {
        case messageClass = "class", id, sequence = "seq", gateway, time, redelivered
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: EnvelopeKeys.self)
        id = try container.decode(String.self, forKey: .id)
        sequence = try container.decode(Int64.self, forKey: .sequence)
        gateway = try container.decode(String.self, forKey: .gateway)
        redelivered = try container.decodeIfPresent(Bool.self, forKey: .redelivered)
        draft = try EventDraft(from: decoder)
    }

    /// The generic form (sorted keys under `WireCodec.line`); the outbox and the forwarder use
    /// ``WireCodec/eventLine(_:)``, which puts the envelope first. Both decode to the same event.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode("event", forKey: .messageClass)
        try container.encode(id, forKey: .id)
        try container.encode(sequence, forKey: .sequence)
        try Self.encodeBodyFields(gateway: gateway, redelivered: redelivered, draft: draft, to: encoder)
    }

    /// Every member but the envelope (`class`, `id`, `seq`): `gateway`, `time`, `redelivered` when set, and the
    /// draft's own fields, flat in the same object.
    static func encodeBodyFields(
        gateway: String, redelivered: Bool?, draft: EventDraft, to encoder: any Encoder
    ) throws {
        var container = encoder.container(keyedBy: EnvelopeKeys.self)
        try container.encode(gateway, forKey: .gateway)
        try container.encode(Timestamp.iso8601(milliseconds: draft.timeMilliseconds), forKey: .time)
        try container.encodeIfPresent(redelivered, forKey: .redelivered)
        try draft.encode(to: encoder)
    }
}
