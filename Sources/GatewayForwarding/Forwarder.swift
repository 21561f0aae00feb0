import GatewayCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Handles one kind of backend command (`unlock`, `catalog`, `config`); gets the whole line to decode its own
/// fields, and returns the reply to send.
public protocol BackendCommandHandler: Sendable {
    func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage
}

/// Forwards committed events from the outbox to the backend, at least once, in sequence order, and removes
/// them from the outbox only when the backend acknowledges them.
///
/// Runs as a `Service`: connects, says hello, streams events within a bounded window, applies acks, sends
/// heartbeats and treats a silent peer as dead, reconnects with exponential backoff and jitter, and resends
/// unacknowledged events with `redelivered: true`. On graceful shutdown it waits briefly for in-flight acks.
public final class Forwarder: Service, Sendable {
    let settings: BackendSettings
    let identity: GatewayIdentity
    let outbox: any EventOutbox
    let commandHandlers: [String: any BackendCommandHandler]
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    let tls: BackendTLS?
    let state: Locked<ForwarderStatus>
    /// Streams of ack arrivals (see ``acknowledgementArrivals()``); usually none.
    let arrivalObservers = Locked(AcknowledgementObservers())
    /// Ack latency and reconnect counts go here when set.
    let metrics: GatewayMetrics?
    /// Reports the local catalogue's version in every hello (nil: no catalogue).
    let catalogVersion: (@Sendable () -> Int64?)?

    /// Backend commands read ahead of the one being carried out (see ForwardingSession+Commands.swift). The reader
    /// stops reading the connection when this many wait, so what a flooding backend costs is bounded (each line at
    /// most `max_line_bytes`). The price: an ack the backend wrote after a run of commands waits until the worker
    /// took all but this many of the commands ahead of it. Small: reading further ahead gains nothing once the
    /// worker always has a next command.
    public static let commandQueueCapacity = 4

    /// How often a backend on another major protocol version is reported as an error while it stays so.
    static let incompatibleReportInterval = Duration.seconds(60)

    /// - Throws: ``BackendTLSError`` when `[backend.tls]` names files that cannot be used.
    public init(
        settings: BackendSettings, identity: GatewayIdentity, outbox: any EventOutbox,
        commandHandlers: [String: any BackendCommandHandler] = [:], metrics: GatewayMetrics? = nil, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        catalogVersion: (@Sendable () -> Int64?)? = nil
    ) throws {
        self.catalogVersion = catalogVersion
        tls = try settings.tls.map { try BackendTLS(settings: $0, endpoint: settings.endpoint) }
        self.settings = settings
        self.identity = identity
        self.outbox = outbox
        self.commandHandlers = commandHandlers
        self.metrics = metrics
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        state = Locked(ForwarderStatus(endpoint: settings.endpoint.description))
    }

    /// A snapshot of the forwarder's state.
    public func status() -> ForwarderStatus { state.withLock { $0 } }

    func update(_ change: (inout ForwarderStatus) -> Void) { state.withLock { change(&$0) } }

    func setState(_ connectionState: ForwarderStatus.ConnectionState) {
        update {
            $0.state = connectionState
            $0.sinceMilliseconds = WallClock.nowMilliseconds()
        }
    }

    public func run() async throws {
        let start = outbox.statistics()
        // Everything committed before this process started may have been sent by the previous one.
        var tracker = DeliveryTracker(
            window: settings.window, lastAckedSequence: start.lastAckedSequence,
            possiblySentThrough: start.nextSequence - 1)
        var backoff = ReconnectBackoff(minimum: settings.reconnectMinimum, maximum: settings.reconnectMaximum)
        var random = SystemRandomNumberGenerator()
        var lastIncompatibleReport: ContinuousClock.Instant?
        defer { setState(.stopped) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            setState(.connecting)
            // The session owns the bookkeeping while connected; it is taken back however the connection ends
            // (a thrown error still writes back the mutated session), so what was sent stays "possibly sent".
            var session = ForwardingSession(forwarder: self, tracker: tracker)
            do {
                let channel = try await connect()
                update { $0.connections += 1 }
                if try await session.run(on: channel, backoff: &backoff) { return }
            } catch {
                update {
                    $0.disconnects += 1
                    $0.lastError = "\(error)"
                }
                metrics?.recordReconnect(link: "backend")
                // The first failure after a good connection is news; the hundredth retry of an outage is not.
                var level: Logger.Level = backoff.failures == 0 ? .warning : .debug
                if let ended = error as? ConnectionEnded, ended.incompatible {
                    // Another major version is a misconfiguration no retry fixes (protocol.md promises an error
                    // in the log): an error each time, at most once per `incompatibleReportInterval`.
                    let now = ContinuousClock.now
                    if lastIncompatibleReport.map({ now - $0 >= Self.incompatibleReportInterval }) ?? true {
                        level = .error
                        lastIncompatibleReport = now
                    }
                }
                logger.log(
                    level: level, "backend connection failed",
                    metadata: [
                        "backend.endpoint": "\(settings.endpoint)", "error": "\(error)",
                        "retry.attempt": "\(backoff.failures + 1)",
                    ])
            }
            tracker = session.tracker
            tracker.rewind()
            guard !Task.isShuttingDownGracefully else { return }
            let delay = backoff.nextDelay(using: &random)
            setState(.waiting)
            logger.debug(
                "reconnecting", metadata: ["backend.endpoint": "\(settings.endpoint)", "retry.delay": "\(delay)"])
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        }
    }

    func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.milliseconds(Int64(settings.connectTimeout.milliseconds)))
            .channelOption(.socketOption(.so_keepalive), value: 1)
        let tls = self.tls
        let initialize: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = {
            channel in
            channel.eventLoop.makeCompletedFuture {
                if let tls {
                    try channel.pipeline.syncOperations.addHandler(try tls.makeHandler())
                }
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        switch settings.endpoint {
        case .tcp(let host, let port):
            return try await bootstrap
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port, channelInitializer: initialize)
        case .unix(let path):
            return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initialize)
        }
    }
}

extension Duration {
    /// Whole milliseconds (rounded down).
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
