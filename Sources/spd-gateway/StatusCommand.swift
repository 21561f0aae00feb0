import ArgumentParser
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// `spd-gateway status`: what the running daemon is doing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the running daemon's devices, outbox, backend connection, cache and open sessions.",
        discussion: """
            Talks to the daemon's control socket (root or members of the spd-gateway group).
            Exit codes: 0 healthy, 1 cannot reach the daemon, 2 reachable but something needs attention
            (backend not connected, outbox over its high-water mark, a device in fault).
            """
    )

    @Option(name: .long, help: ArgumentHelp("The daemon's control socket.", valueName: "path"))
    var socket: String = ControlSettings.packagedSocketPath

    @Flag(name: .long, help: "Print the status as one JSON object (for scripts and monitoring).")
    var json = false

    func run() throws {
        var client = try ControlClient(path: socket)
        try client.send(ControlRequest(.status))
        guard let line = try client.nextLine() else {
            throw ControlClientError(message: "the daemon closed the control connection without answering")
        }
        let reply: ControlStatusReply
        do {
            reply = try WireCodec.decode(ControlStatusReply.self, from: line)
        } catch {
            throw ControlClientError(
                message: "unexpected reply from the daemon: \(String(decoding: line, as: UTF8.self))")
        }
        if json {
            print(String(decoding: line, as: UTF8.self))
        } else {
            print(reply.status.renderText(nowMilliseconds: WallClock.nowMilliseconds()), terminator: "")
        }
        if Self.needsAttention(reply.status) { throw ExitCode(2) }
    }

    static func needsAttention(_ status: GatewayStatusReport) -> Bool {
        let backendDown = status.backend.state != "connected" && status.backend.state != "not_configured"
        return backendDown || status.outbox.overHighWater || status.devices.contains { $0.state == "fault" }
    }
}
