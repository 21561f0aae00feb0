/// What a client of the control socket asks, one JSON object per line: `{"request":"status"}` or
/// `{"request":"watch"}`. See `docs/operations.md`.
public struct ControlRequest: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// One `status` reply, then the connection stays open for further requests.
        case status
        /// A `watching` line, then every committed event as it is committed, as on the backend wire.
        case watch
    }

    public var request: Kind

    public init(_ request: Kind) {
        self.request = request
    }
}

/// The daemon's answer to `status`.
public struct ControlStatusReply: Sendable, Equatable, Codable {
    public var messageClass = "status"
    public var status: GatewayStatusReport

    public init(status: GatewayStatusReport) {
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", status
    }
}

/// The daemon's answer to a request it cannot serve.
public struct ControlErrorReply: Sendable, Equatable, Codable {
    public var messageClass = "error"
    public var message: String

    public init(message: String) {
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", message
    }
}

/// First line of a `watch` stream.
public struct ControlWatchingReply: Sendable, Equatable, Codable {
    public var messageClass = "watching"
    public var gateway: String

    public init(gateway: String) {
        self.gateway = gateway
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", gateway
    }
}
