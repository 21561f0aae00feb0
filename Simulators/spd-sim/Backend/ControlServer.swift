import GatewayCore
import NIOCore
import NIOPosix

/// The simulator's control socket: one command per line, one reply line each (see `spd-sim backend --help`).
struct ControlServer: Sendable {
    let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    let simulator: BackendSimulator

    static func start(path: String, simulator: BackendSimulator) async throws -> ControlServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return ControlServer(server: server, simulator: simulator)
    }

    func run() async throws {
        try await server.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound {
                    group.addTask {
                        try? await connection.executeThenClose { input, output in
                            var framer = LineFramer(maximumLength: 4096)
                            for try await buffer in input {
                                framer.append(buffer.readableBytesView)
                                while case .line(let line) = framer.next() {
                                    let reply = execute(String(decoding: line, as: UTF8.self))
                                    try await output.write(ByteBuffer(string: reply + "\n"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func execute(_ command: String) -> String {
        let words = command.split(separator: " ").map(String.init)
        guard let verb = words.first else { return "error empty command" }
        let argument = words.count > 1 ? words[1] : nil
        let milliseconds = argument.flatMap(Int64.init)
        switch verb {
        case "drop":
            return "ok dropped \(simulator.dropAll())"
        case "cut-mid-line":
            let count = Int(milliseconds ?? 1)
            simulator.faults.withLock { $0.midLineCuts += count }
            return "ok cut-mid-line \(count)"
        case "stall":
            guard let milliseconds else { return "error stall needs milliseconds" }
            simulator.faults.withLock { $0.stallUntil = .now + .milliseconds(milliseconds) }
            return "ok stalled \(milliseconds)ms"
        case "garbage":
            let oversize = [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
            let lines: [[UInt8]] = [
                Array("this is not json\n".utf8), Array("{\"no\":\"class\"}\n".utf8), Array("[1,2,3]\n".utf8),
                Array("{\"class\":\"ack\",\"seq\":\"twelve\"}\n".utf8), Array("{\"class\":\"ack\"}\n".utf8),
                Array("{\"class\":\"from-the-future\",\"x\":1}\n".utf8), [0xFF, 0xFE, 0x00, 0x0A],
                oversize + [0x0A], Array("{\"class\":\"nack\",\"id\":\"no-such-event\",\"reason\":\"x\"}\n".utf8),
            ]
            return "ok garbage sent to \(simulator.broadcast(lines.flatMap { $0 }))"
        case "duplicate-acks":
            let on = argument == "on"
            simulator.faults.withLock { $0.duplicateAcks = on }
            return "ok duplicate-acks \(on ? "on" : "off")"
        case "late-acks":
            guard let milliseconds else { return "error late-acks needs milliseconds" }
            simulator.faults.withLock { $0.lateAckDelay = .milliseconds(milliseconds) }
            return "ok late-acks \(milliseconds)ms"
        case "ack-beyond":
            guard let milliseconds else { return "error ack-beyond needs a count" }
            simulator.faults.withLock { $0.ackBeyond = milliseconds }
            return "ok ack-beyond \(milliseconds)"
        case "nack-next":
            guard let count = milliseconds else { return "error nack-next needs a count" }
            let retry = words.count > 2 && words[2] == "retry"
            simulator.faults.withLock {
                $0.nackRemaining = Int(count)
                $0.nackRetry = retry
            }
            return "ok nack-next \(count)\(retry ? " retry" : "")"
        case "restart":
            simulator.restart(after: .milliseconds(milliseconds ?? 1000))
            return "ok restarting"
        case "command":
            guard words.count == 3 else { return "error command needs TYPE ID" }
            let sent = simulator.broadcast(WireCodec.line(CommandMessage(type: words[1], id: words[2])))
            return "ok command sent to \(sent)"
        case "send":
            // A whole message as JSON (e.g. an `unlock` command with its fields), sent as one line.
            let json = command.drop { $0 != " " }.dropFirst()
            guard !json.isEmpty else { return "error send needs a JSON line" }
            return "ok sent to \(simulator.broadcast(Array((json + "\n").utf8)))"
        case "catalog":
            return simulator.publishCatalog(words)
        case "stats":
            let counters = simulator.counters.withLock { $0 }
            return "ok connections=\(counters.connections) hellos=\(counters.hellos) events=\(counters.events) "
                + "unique=\(counters.unique) duplicates=\(counters.duplicates) redelivered=\(counters.redelivered) "
                + "nacks=\(counters.nacks) invalid=\(counters.invalidLines) replies=\(counters.replies) "
                + "cuts=\(counters.midLineCuts)"
        default:
            return "error unknown command '\(verb)'"
        }
    }
}
