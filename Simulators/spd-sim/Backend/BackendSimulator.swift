import GatewayCore
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// The simulated backend: accepts gateway connections, answers hello, records and acknowledges events, and
/// applies whatever faults the control socket asked for.
final class BackendSimulator: Sendable {
    /// Lines handled between two acks within one read (see the read loop).
    static let linesPerAcknowledgement = 16

    let endpoint: BackendEndpoint
    let log: ReceptionLog?
    let ackMode: AckMode
    let verbose: Bool
    let tls: NIOSSLContext?
    let faults = Locked(BackendFaults())
    let counters = Locked(BackendCounters())
    /// Per `gateway:epoch`: the highest sequence received with no gap below it, and received ones above it.
    let progress = Locked([String: SequenceProgress]())
    let connections = Locked([Int: any Channel]())
    let listener = Locked<(any Channel)?>(nil)
    let nextConnectionID = Locked(1)
    /// The catalogue published with the `catalog` control command.
    let catalog = Locked<PublishedCatalog?>(nil)
    /// Per connection id: catalogue commands not yet sent or not yet answered.
    let pacedCommands = Locked([Int: PacedCommands]())

    init(endpoint: BackendEndpoint, log: ReceptionLog?, ackMode: AckMode, verbose: Bool, tls: NIOSSLContext?) {
        self.tls = tls
        self.endpoint = endpoint
        self.log = log
        self.ackMode = ackMode
        self.verbose = verbose
    }

    func run(controlPath: String?) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            if let controlPath {
                let control = try await ControlServer.start(path: controlPath, simulator: self)
                group.addTask { try await control.run() }
            }
            while true {
                let server = try await bind()
                listener.withLock { $0 = server.channel }
                // The bound address, so that a test can ask for port 0 and learn the real one.
                let bound = server.channel.localAddress.map { address -> String in
                    if case .tcp(let host, _) = endpoint, let port = address.port { return "tcp://\(host):\(port)" }
                    return "\(endpoint)"
                } ?? "\(endpoint)"
                announce("listening on \(bound)\(tls == nil ? "" : " (TLS)")")
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask { await self.serve(connection) }
                        }
                    }
                }
                // The listener was closed by `restart`: wait, then listen again.
                let delay = faults.withLock { $0.restartDelay }
                announce("restarting in \(delay)")
                try await Task.sleep(for: delay)
            }
        }
    }

    func bind() async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        let tls = self.tls
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        switch endpoint {
        case .tcp(let host, let port):
            return try await bootstrap.bind(host: host, port: port, childChannelInitializer: wrap)
        case .unix(let path):
            return try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: true, childChannelInitializer: wrap)
        }
    }

    /// A line on stdout, flushed at once: tests wait for "listening on".
    func announce(_ text: String) {
        // One write(2) to fd 1: unbuffered, so a test reading our stdout sees the line at once.
        let bytes = Array("spd-sim backend: \(text)\n".utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    // MARK: One gateway connection

    func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let id = nextConnectionID.withLock { next in
            defer { next += 1 }
            return next
        }
        let channel = connection.channel
        connections.withLock { $0[id] = channel }
        counters.withLock { $0.connections += 1 }
        defer {
            connections.withLock { _ = $0.removeValue(forKey: id) }
            pacedCommands.withLock { _ = $0.removeValue(forKey: id) }
        }
        var session = ConnectionState(id: id)
        do {
            try await connection.executeThenClose { inbound, _ in
                var framer = LineFramer(maximumLength: 1 << 20)
                for try await buffer in inbound {
                    await waitWhileStalled()
                    let bytes = buffer.readableBytesView
                    let cut = session.gatewayKey == nil ? nil : takeMidLineCut(bytes)
                    framer.append(cut.map { bytes[bytes.startIndex..<$0] } ?? bytes)
                    var replies: [[UInt8]] = []
                    func acknowledgeAndSend() {
                        replies += acknowledgements(for: &session)
                        send(replies, on: channel)
                        replies.removeAll(keepingCapacity: true)
                    }
                    var linesSinceAck = 0
                    while let frame = framer.next() {
                        replies += handle(frame, session: &session)
                        linesSinceAck += 1
                        // A read can hold a hundred lines after a hiccup; acking only at its end would hold the
                        // first line's ack for all of their decoding. Ack (and send) every few lines instead.
                        if linesSinceAck >= Self.linesPerAcknowledgement {
                            acknowledgeAndSend()
                            linesSinceAck = 0
                        }
                    }
                    acknowledgeAndSend()
                    if cut != nil {
                        // The rest of the line never arrives: the half line dies with the connection, as on a
                        // network that drops mid-write. Whole lines before it were handled (and acked) as usual.
                        announce("connection \(session.id) cut in the middle of a line")
                        channel.close(promise: nil)
                        return
                    }
                }
            }
        } catch {
            // A reset by the gateway (kill -9) ends up here; nothing to do but forget the connection.
        }
    }

    /// When a `cut-mid-line` fault is armed, consumes it and returns a position strictly inside a line of `bytes`
    /// (before the first line end, never right after one), where the connection is to be cut.
    func takeMidLineCut(_ bytes: ByteBufferView) -> ByteBufferView.Index? {
        guard bytes.count >= 2 else { return nil }
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let length = bytes.distance(from: bytes.startIndex, to: lineEnd)
        guard length >= 2 else { return nil }
        let armed = faults.withLock { faults in
            guard faults.midLineCuts > 0 else { return false }
            faults.midLineCuts -= 1
            return true
        }
        guard armed else { return nil }
        counters.withLock { $0.midLineCuts += 1 }
        return bytes.index(bytes.startIndex, offsetBy: length / 2)
    }

    func waitWhileStalled() async {
        while let until = faults.withLock({ $0.stallUntil }), ContinuousClock.now < until {
            try? await Task.sleep(until: until, clock: .continuous)
        }
    }

    /// Writes reply lines, applying the late- and duplicate-ack faults.
    func send(_ lines: [[UInt8]], on channel: any Channel) {
        guard !lines.isEmpty else { return }
        let (delay, duplicate) = faults.withLock { ($0.lateAckDelay, $0.duplicateAcks) }
        var buffer = ByteBuffer()
        for line in lines {
            buffer.writeBytes(line)
            if duplicate { buffer.writeBytes(line) }
        }
        let payload = buffer
        if delay > .zero {
            Task {
                try? await Task.sleep(for: delay)
                channel.writeAndFlush(payload, promise: nil)
            }
        } else {
            channel.writeAndFlush(payload, promise: nil)
        }
    }

    /// Sends raw bytes to every connected gateway (garbage, commands).
    func broadcast(_ bytes: [UInt8]) -> Int {
        let channels = connections.withLock { Array($0.values) }
        for channel in channels { channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil) }
        return channels.count
    }

    func dropAll() -> Int {
        let channels = connections.withLock { Array($0.values) }
        for channel in channels { channel.close(promise: nil) }
        return channels.count
    }

    func restart(after delay: Duration) {
        faults.withLock { $0.restartDelay = delay }
        _ = dropAll()
        listener.withLock { $0?.close(promise: nil) }
    }
}
