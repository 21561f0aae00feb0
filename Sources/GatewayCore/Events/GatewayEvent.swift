import GatewayCodes

/// The kinds of event a gateway reports to the backend.
public enum EventType: String, Sendable, Codable, CaseIterable {
    /// An item was used (billed to the patient or the department).
    case consume
    /// An item went back to stock.
    case `return`
    /// A scan that is not (yet) a consume or return: unresolved, informational, or invalid.
    case scan
    /// A cabinet door opened or closed.
    case door
    /// A weighing channel changed.
    case weight
    /// Something needs a person's attention.
    case alarm
    /// A device was attached, detached, or failed.
    case device
}

/// Where an event came from.
public struct EventSource: Sendable, Equatable, Codable {
    /// `scanner`, `network-scanner`, `cabinet`, `backend` or `gateway`.
    public var kind: String
    /// The configured device id, e.g. `dock-1` or `cabinet-or3`.
    public var id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// A person or case an event is bound to (user, patient, surgery), by the id the hospital uses.
public struct Party: Sendable, Equatable, Codable {
    public var id: String
    /// For users: the role from the badge registry, when known.
    public var role: String?

    public init(id: String, role: String? = nil) {
        self.id = id
        self.role = role
    }
}

/// An alarm: what happened and how urgent it is.
public struct AlarmDetail: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable { case info, warning, critical }

    /// Machine-readable kind, e.g. `outbox_high_water`, `door_open_too_long`.
    public var kind: String
    public var severity: Severity
    /// For a person: what happened and what to do.
    public var message: String
    /// `raised` or `cleared`.
    public var state: String

    public init(kind: String, severity: Severity, message: String, state: String = "raised") {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.state = state
    }
}

/// A device's state change.
public struct DeviceDetail: Sendable, Equatable, Codable {
    public var id: String
    /// e.g. `wedge`, `hidpos`, `serial`, `network`, `modbus-tcp`.
    public var kind: String
    /// `attached`, `detached` or `fault`.
    public var state: String
    public var detail: String?

    public init(id: String, kind: String, state: String, detail: String? = nil) {
        self.id = id
        self.kind = kind
        self.state = state
        self.detail = detail
    }
}

/// What a producer (scanner pipeline, cabinet session, the gateway itself) hands to the outbox: the whole event
/// except the identity (`id`, `seq`) that the outbox assigns when it commits it.
public struct EventDraft: Sendable, Equatable, Codable {
    public var type: EventType
    /// Wall-clock time of the occurrence, milliseconds since the Unix epoch (UTC).
    public var timeMilliseconds: Int64
    /// Monotonic clock at the occurrence, nanoseconds since boot: orders events even across wall-clock jumps.
    public var monotonicNanoseconds: UInt64
    /// The station (dock, cabinet) the event belongs to.
    public var station: String?
    public var source: EventSource?
    public var user: Party?
    public var patient: Party?
    public var surgery: Party?
    /// The scanned text as received (after terminator removal), for audit.
    public var raw: String?
    /// The decode of `raw`.
    public var code: DecodedCode?
    /// Item count for consume/return events.
    public var quantity: Int?
    public var alarm: AlarmDetail?
    public var device: DeviceDetail?
    /// What the catalogue knows about the scanned item (consume / return / scan events).
    public var item: ResolvedItem?
    /// The dock or cabinet session the event belongs to, when there is one.
    public var session: String?
    /// For `door` events.
    public var door: DoorDetail?
    /// For `weight` events and weight-counted consumes.
    public var weight: WeightDetail?

    public init(
        type: EventType, timeMilliseconds: Int64, monotonicNanoseconds: UInt64, station: String? = nil,
        source: EventSource? = nil
    ) {
        self.type = type
        self.timeMilliseconds = timeMilliseconds
        self.monotonicNanoseconds = monotonicNanoseconds
        self.station = station
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case type, station, source, user, patient, surgery, raw, code, quantity, alarm, device, item, session
        case door, weight
        case timeMilliseconds = "time_ms"
        case monotonicNanoseconds = "mono_ns"
    }
}

/// An event as committed in the outbox: the draft plus its stable identity.
public struct GatewayEvent: Sendable, Equatable {
    /// Globally unique and stable across redeliveries: `<gateway id>:<epoch>:<seq>`.
    public var id: String
    /// Per-gateway, per-epoch monotonic sequence number, starting at 1.
    public var sequence: Int64
    public var draft: EventDraft

    public init(id: String, sequence: Int64, draft: EventDraft) {
        self.id = id
        self.sequence = sequence
        self.draft = draft
    }

    /// The id format: the epoch changes only if the outbox is created anew, so ids never repeat even if the
    /// state directory is wiped.
    public static func makeID(gateway: String, epoch: String, sequence: Int64) -> String {
        "\(gateway):\(epoch):\(sequence)"
    }
}
