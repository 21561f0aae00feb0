import GatewayCore
import GatewayDevices
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// The local control socket: `spd-gateway status` and `spd-gateway watch` connect here.
///
/// A Unix socket with mode 0660, so that only root and members of the daemon's group (the operators) can read
/// patient-adjacent status; one JSON request per line (``ControlRequest``), JSON lines back.
struct ControlSocketService: Service {
    static let maximumLineBytes = 1024

    let path: String
    let gatewayID: String
    let status: @Sendable () -> GatewayStatusReport
    let broadcaster: EventBroadcaster
    let logger: Logger

    func run() async throws {
        await runListenerRetrying("control socket", metadata: ["control.socket": "\(path)"], logger: logger) {
            try await listen()
        }
    }

    func listen() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // UMask=0077 creates it 0600; operators reach it through the group.
        guard chmod(path, 0o660) == 0 else {
            server.channel.close(promise: nil)
            throw SystemCallError(call: "chmod", subject: path, errno: errno)
        }
        logger.info("control socket listening", metadata: ["control.socket": "\(path)"])
        defer { unlink(path) }
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
            broadcaster.finishAll()
        }
    }

    func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let channel = connection.channel
        do {
            try await withGracefulShutdownHandler {
                try await connection.executeThenClose { inbound, outbound in
                    var framer = LineFramer(maximumLength: Self.maximumLineBytes)
                    for try await buffer in inbound {
                        framer.append(buffer.readableBytesView)
                        while let frame = framer.next() {
                            guard case .line(let bytes) = frame else {
                                try await outbound.write(Self.line(ControlErrorReply(message: "request line too long")))
                                continue
                            }
                            if try await answer(bytes, outbound: outbound) == .watch { return }
                        }
                    }
                }
            } onGracefulShutdown: {
                channel.close(mode: .input, promise: nil)
            }
        } catch {
            logger.debug("control connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// Answers one request; a `watch` streams until the client goes away or the daemon stops.
    func answer(
        _ bytes: [UInt8], outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws -> ControlRequest.Kind? {
        let request: ControlRequest
        do {
            request = try WireCodec.decode(ControlRequest.self, from: bytes)
        } catch {
            let known = ControlRequest.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            try await outbound.write(
                Self.line(ControlErrorReply(message: "expected {\"request\": one of \(known)}")))
            return nil
        }
        switch request.request {
        case .status:
            try await outbound.write(Self.line(ControlStatusReply(status: status())))
        case .watch:
            let events = broadcaster.subscribe()
            try await outbound.write(Self.line(ControlWatchingReply(gateway: gatewayID)))
            for await event in events {
                try await outbound.write(
                    ByteBuffer(bytes: WireCodec.eventLine(WireEvent(event: event, gateway: gatewayID))))
            }
        }
        return request.request
    }

    static func line(_ message: some Encodable) -> ByteBuffer {
        ByteBuffer(bytes: WireCodec.line(message))
    }
}
