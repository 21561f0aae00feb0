// The messages of the gateway <-> backend line protocol, version 1.0. One JSON object per line; `class` names
// the message. Field tables and JSON Schemas: docs/protocol.md and docs/schema/. Optional fields are omitted
// when absent; receivers ignore fields they do not know.

/// `hello` from the gateway: sent first on every connection.
public struct GatewayHello: Sendable, Equatable, Codable {
    public var messageClass = "hello"
    public var role = "gateway"
    public var protocolVersion = ProtocolVersion.current
    public var gateway: String
    public var site: String?
    public var software: String
    /// Identifies the outbox's sequence space; changes only if the outbox was created anew.
    public var epoch: String
    /// Highest sequence the backend has acknowledged (cumulatively) so far: the resume point.
    public var lastAckedSequence: Int64
    /// The sequence the next new event will get.
    public var nextSequence: Int64
    public var timeMilliseconds: Int64
    /// The version of the gateway's local catalogue (absent when it has none): the backend sends what is newer.
    public var catalogVersion: Int64?

    public init(
        gateway: String, site: String?, software: String, epoch: String, lastAckedSequence: Int64,
        nextSequence: Int64, timeMilliseconds: Int64, catalogVersion: Int64? = nil
    ) {
        self.gateway = gateway
        self.site = site
        self.software = software
        self.epoch = epoch
        self.lastAckedSequence = lastAckedSequence
        self.nextSequence = nextSequence
        self.timeMilliseconds = timeMilliseconds
        self.catalogVersion = catalogVersion
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", role, protocolVersion = "protocol", gateway, site, software, epoch
        case lastAckedSequence = "last_acked_seq", nextSequence = "next_seq", timeMilliseconds = "time_ms"
        case catalogVersion = "catalog_version"
    }
}

/// `hello` from the backend: its answer to the gateway's hello. Events flow only after it.
public struct BackendHello: Sendable, Equatable, Codable {
    public var messageClass = "hello"
    public var role = "backend"
    public var protocolVersion: ProtocolVersion
    /// The backend's name or version, for the log.
    public var backend: String?

    public init(protocolVersion: ProtocolVersion = .current, backend: String? = nil) {
        self.protocolVersion = protocolVersion
        self.backend = backend
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", role, protocolVersion = "protocol", backend
    }
}

/// `ack` from the backend: events it has stored durably. `seq` acknowledges every event up to and including that
/// sequence (cumulative); `ids` acknowledges individual events. Either or both may be present.
public struct AckMessage: Sendable, Equatable, Codable {
    public var messageClass = "ack"
    public var sequence: Int64?
    public var ids: [String]?

    public init(sequence: Int64? = nil, ids: [String]? = nil) {
        self.sequence = sequence
        self.ids = ids
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", sequence = "seq", ids
    }
}

/// `nack` from the backend: it could not accept one event. With `retry: true` the gateway sends it again later;
/// otherwise the event is parked as rejected (kept, counted, alarmed — never dropped).
public struct NackMessage: Sendable, Equatable, Codable {
    public var messageClass = "nack"
    public var id: String
    public var reason: String
    public var retry: Bool?

    public init(id: String, reason: String, retry: Bool? = nil) {
        self.id = id
        self.reason = reason
        self.retry = retry
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", id, reason, retry
    }
}

/// `heartbeat`, both directions: proves the peer is alive when there is nothing else to say.
public struct HeartbeatMessage: Sendable, Equatable, Codable {
    public var messageClass = "heartbeat"
    public var timeMilliseconds: Int64
    /// From the gateway: events not yet acknowledged.
    public var outboxDepth: Int64?

    public init(timeMilliseconds: Int64, outboxDepth: Int64? = nil) {
        self.timeMilliseconds = timeMilliseconds
        self.outboxDepth = outboxDepth
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", timeMilliseconds = "time_ms", outboxDepth = "outbox_depth"
    }
}

/// `command` from the backend: something the gateway should do (`unlock`, `catalog`, `config`). Every command
/// is answered with a ``ReplyMessage`` carrying its id.
public struct CommandMessage: Sendable, Equatable, Codable {
    public var messageClass = "command"
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", type, id
    }
}

/// `reply` from the gateway: the outcome of a backend command.
public struct ReplyMessage: Sendable, Equatable, Codable {
    public var messageClass = "reply"
    public var id: String
    public var ok: Bool
    /// Machine-readable reason when `ok` is false, e.g. `unsupported_command`.
    public var error: String?
    public var message: String?
    /// For `catalog` commands: the gateway's catalogue version after the command (applied or not).
    public var catalogVersion: Int64?

    public init(id: String, ok: Bool, error: String? = nil, message: String? = nil, catalogVersion: Int64? = nil) {
        self.id = id
        self.ok = ok
        self.error = error
        self.message = message
        self.catalogVersion = catalogVersion
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", id, ok, error, message
        case catalogVersion = "catalog_version"
    }
}
