import ArgumentParser
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// `spd-gateway watch`: live events as the daemon commits them, like `gpspipe`.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Stream events live as the daemon commits them (Ctrl+C to stop).",
        discussion: """
            Each line is one event. By default a readable summary; --json prints the event exactly as the
            backend receives it. A watcher that cannot keep up skips events (the backend never does).
            """
    )

    @Option(name: .long, help: ArgumentHelp("The daemon's control socket.", valueName: "path"))
    var socket: String = ControlSettings.packagedSocketPath

    @Flag(name: .long, help: "Print events as JSON lines, as on the backend wire.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Stop after this many events.", valueName: "n"))
    var count: Int?

    func run() throws {
        var client = try ControlClient(path: socket)
        try client.send(ControlRequest(.watch))
        guard let first = try client.nextLine(),
            (try? WireCodec.decode(ControlWatchingReply.self, from: first)) != nil
        else {
            throw ControlClientError(message: "the daemon did not accept the watch request")
        }
        var seen = 0
        while count.map({ seen < $0 }) ?? true, let line = try client.nextLine() {
            seen += 1
            if json {
                print(String(decoding: line, as: UTF8.self))
            } else if case .success(.event(let event)) = WireCodec.decodeGatewayMessage(line) {
                print(EventSummary.line(for: event))
            }
            fflush(nil)  // every stream: `stdout` itself is not concurrency-safe to name
        }
    }
}
