/// How one bus is driven: its endpoint, timing, and how failing slaves and connections are backed off.
public struct ModbusBusSettings: Sendable, Equatable {
    public var id: String
    public var endpoint: ModbusEndpoint
    /// How long to wait for a slave's answer.
    public var responseTimeout: Duration
    /// Silence between two requests (RTU devices need their turnaround; some need more than 3.5 characters).
    public var requestGap: Duration
    /// Start-to-start time of poll cycles; a cycle longer than this starts the next one at once.
    public var pollInterval: Duration
    /// Consecutive failed cycles after which a slave is backed off.
    public var failuresBeforeBackoff: Int
    public var slaveBackoffMinimum: Duration
    public var slaveBackoffMaximum: Duration
    public var reconnectMinimum: Duration
    public var reconnectMaximum: Duration

    public init(
        id: String, endpoint: ModbusEndpoint, responseTimeout: Duration = .milliseconds(200),
        requestGap: Duration = .zero, pollInterval: Duration = .milliseconds(100), failuresBeforeBackoff: Int = 3,
        slaveBackoffMinimum: Duration = .milliseconds(500), slaveBackoffMaximum: Duration = .seconds(30),
        reconnectMinimum: Duration = .milliseconds(250), reconnectMaximum: Duration = .seconds(30)
    ) {
        self.id = id
        self.endpoint = endpoint
        self.responseTimeout = responseTimeout
        self.requestGap = requestGap
        self.pollInterval = pollInterval
        self.failuresBeforeBackoff = failuresBeforeBackoff
        self.slaveBackoffMinimum = slaveBackoffMinimum
        self.slaveBackoffMaximum = slaveBackoffMaximum
        self.reconnectMinimum = reconnectMinimum
        self.reconnectMaximum = reconnectMaximum
    }
}

