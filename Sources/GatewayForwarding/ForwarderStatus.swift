import GatewayCore

/// What the forwarder is doing, for `spd-gateway status`, the log and metrics.
public struct ForwarderStatus: Sendable, Equatable {
    public enum ConnectionState: String, Sendable {
        case idle, connecting, handshaking, connected, waiting, stopped
    }

    public var state: ConnectionState = .idle
    public var endpoint: String
    /// Unix ms of the last change of `state`.
    public var sinceMilliseconds: Int64 = 0
    /// Connections established since start.
    public var connections: Int = 0
    /// Failed or lost connections since start.
    public var disconnects: Int = 0
    public var lastError: String?
    public var eventsSent: Int = 0
    public var eventsAcknowledged: Int = 0
    /// The highest sequence the backend acknowledged cumulatively, as its ack arrived (the outbox deletes the
    /// events just after, on its own thread).
    public var acknowledgedThrough: Int64 = 0
    public var eventsRejected: Int = 0
    /// Lines from the backend that were not usable messages (malformed, oversize, invalid).
    public var invalidLines: Int = 0
    public var backendName: String?
    /// Backend commands read and waiting for the command worker (at most ``Forwarder/commandQueueCapacity``); the
    /// one being carried out is not counted.
    public var commandsQueued: Int = 0
    /// The most commands that waited at once since start.
    public var commandsQueuedPeak: Int = 0
    /// Commands carried out since start (a reply is lost when its connection ended meanwhile).
    public var commandsHandled: Int = 0

    public init(endpoint: String) {
        self.endpoint = endpoint
    }
}

/// Identity the gateway announces in its hello.
public struct GatewayIdentity: Sendable, Equatable {
    public var gatewayID: String
    public var site: String?
    public var software: String

    public init(gatewayID: String, site: String?, software: String) {
        self.gatewayID = gatewayID
        self.site = site
        self.software = software
    }
}

/// Why a connection ended.
struct ConnectionEnded: Error, CustomStringConvertible {
    var description: String
    /// The backend speaks another major protocol version: no retry fixes that, a person must (logged as an error).
    var incompatible = false
}
