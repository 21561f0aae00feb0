/// Everything `spd-gateway status` reports, as the daemon's control socket sends it (`--json` prints it as is).
public struct GatewayStatusReport: Sendable, Equatable, Codable {
    public struct Gateway: Sendable, Equatable, Codable {
        public var id: String
        public var site: String?
        public var version: String
        public var pid: Int32
        public var startedMilliseconds: Int64
        public var uptimeSeconds: Int64

        public init(
            id: String, site: String?, version: String, pid: Int32, startedMilliseconds: Int64, uptimeSeconds: Int64
        ) {
            self.id = id
            self.site = site
            self.version = version
            self.pid = pid
            self.startedMilliseconds = startedMilliseconds
            self.uptimeSeconds = uptimeSeconds
        }

        enum CodingKeys: String, CodingKey {
            case id, site, version, pid
            case startedMilliseconds = "started_ms"
            case uptimeSeconds = "uptime_s"
        }
    }

    public struct Backend: Sendable, Equatable, Codable {
        /// `connecting`, `handshaking`, `connected`, `waiting` (backing off), `stopped`, or `not_configured`.
        public var state: String
        public var endpoint: String?
        public var sinceMilliseconds: Int64?
        public var connections: Int
        public var disconnects: Int
        public var lastError: String?
        public var eventsSent: Int
        public var eventsAcknowledged: Int
        public var backendName: String?

        public init(state: String, endpoint: String? = nil) {
            self.state = state
            self.endpoint = endpoint
            connections = 0
            disconnects = 0
            eventsSent = 0
            eventsAcknowledged = 0
        }

        enum CodingKeys: String, CodingKey {
            case state, endpoint, connections, disconnects
            case sinceMilliseconds = "since_ms"
            case lastError = "last_error"
            case eventsSent = "events_sent"
            case eventsAcknowledged = "events_acked"
            case backendName = "backend_name"
        }
    }

    public struct Outbox: Sendable, Equatable, Codable {
        public var depth: Int
        public var oldestUnackedAgeSeconds: Double?
        public var lastAckedSequence: Int64
        public var nextSequence: Int64
        public var rejected: Int
        public var highWaterMark: Int
        public var overHighWater: Bool

        public init(statistics: OutboxStatistics, nowMilliseconds: Int64) {
            depth = statistics.depth
            oldestUnackedAgeSeconds = statistics.oldestPendingMilliseconds.map {
                max(0, Double(nowMilliseconds - $0) / 1000)
            }
            lastAckedSequence = statistics.lastAckedSequence
            nextSequence = statistics.nextSequence
            rejected = statistics.rejectedCount
            highWaterMark = statistics.highWaterMark
            overHighWater = statistics.isOverHighWater
        }

        enum CodingKeys: String, CodingKey {
            case depth, rejected
            case oldestUnackedAgeSeconds = "oldest_unacked_age_s"
            case lastAckedSequence = "last_acked_seq"
            case nextSequence = "next_seq"
            case highWaterMark = "high_water_mark"
            case overHighWater = "over_high_water"
        }
    }

    public struct Cache: Sendable, Equatable, Codable {
        public var version: Int64?
        public var products: Int?
        public var path: String?

        public init(version: Int64?, products: Int?, path: String?) {
            self.version = version
            self.products = products
            self.path = path
        }
    }

    public var gateway: Gateway
    public var backend: Backend
    public var outbox: Outbox
    public var cache: Cache?
    public var devices: [DeviceStatus]
    public var sessions: [SessionStatus]
    /// Live `spd-gateway watch` clients.
    public var watchers: Int

    public init(
        gateway: Gateway, backend: Backend, outbox: Outbox, cache: Cache? = nil, devices: [DeviceStatus] = [],
        sessions: [SessionStatus] = [], watchers: Int = 0
    ) {
        self.gateway = gateway
        self.backend = backend
        self.outbox = outbox
        self.cache = cache
        self.devices = devices
        self.sessions = sessions
        self.watchers = watchers
    }
}
