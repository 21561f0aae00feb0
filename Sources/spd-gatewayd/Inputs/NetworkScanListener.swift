import GatewayCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Accepts scans over TCP or a Unix socket, one code per line (LF or CRLF), from PDAs and docks.
///
/// Each line becomes an event committed to the outbox before the answer `OK <event id>` is written; if the commit
/// fails the answer is `ERR <reason>` and the sender keeps the scan (it was not accepted). Answers come in order.
struct NetworkScanListener: Service {
    static let maximumLineBytes = 4096

    let settings: NetworkScannerSettings
    let builder: ScanEventBuilder
    let sink: any EventSink
    let clock: any GatewayClock
    let logger: Logger

    func run() async throws {
        await runListenerRetrying("network scanner", metadata: ["scanner.listen": "\(settings.listen)"],
                                  logger: logger) { try await listen() }
    }

    func listen() async throws {
        let server = try await bind()
        logger.info("network scanner listening", metadata: ["scanner.listen": "\(settings.listen)"])
        try await withGracefulShutdownHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    func bind() async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        switch settings.listen {
        case .tcp(let host, let port):
            return try await bootstrap.bind(host: host, port: port, childChannelInitializer: wrap)
        case .unix(let path):
            return try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: true, childChannelInitializer: wrap)
        }
    }

    func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let peer = connection.channel.remoteAddress.map { "\($0)" } ?? "local"
        let source = EventSource(kind: "network-scanner", id: settings.station)
        let channel = connection.channel
        do {
            // On shutdown an idle PDA connection is closed; a scan being committed finishes first (the close
            // only ends the read loop, the answer for an accepted scan is still written).
            try await withGracefulShutdownHandler {
                try await serveLines(connection, source: source, peer: peer)
            } onGracefulShutdown: {
                channel.close(mode: .input, promise: nil)
            }
        } catch {
            logger.info("network scanner connection ended", metadata: ["scanner.peer": "\(peer)", "error": "\(error)"])
        }
    }

    func serveLines(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, source: EventSource, peer: String
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var framer = LineFramer(maximumLength: Self.maximumLineBytes)
            for try await buffer in inbound {
                framer.append(buffer.readableBytesView)
                while let frame = framer.next() {
                    let answer: String
                    switch frame {
                    case .oversize(let length):
                        answer = "ERR line of \(length) bytes is longer than \(Self.maximumLineBytes)"
                    case .line(let bytes):
                        answer = await accept(bytes, source: source, peer: peer)
                    }
                    try await outbound.write(ByteBuffer(string: answer + "\n"))
                }
            }
        }
    }

    func accept(_ bytes: [UInt8], source: EventSource, peer: String) async -> String {
        let scan = ScanInput(
            bytes: bytes, station: settings.station, source: source,
            timeMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: clock.monotonicNanoseconds())
        do {
            let event = try await sink.commit(builder.draft(for: scan))
            return "OK \(event.id)"
        } catch {
            logger.error("scan not accepted", metadata: ["scanner.peer": "\(peer)", "error": "\(error)"])
            return "ERR not accepted: \(error)"
        }
    }
}
