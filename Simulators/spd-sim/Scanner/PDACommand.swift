import ArgumentParser
import GatewayCore
import NIOCore
import NIOPosix

/// `spd-sim pda`: a PDA or dock that sends scans to the gateway's network scanner listener, one per line, and
/// prints the gateway's answer to each (`OK <event id>` once the event is durable, or `ERR <reason>`).
struct PDACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pda",
        abstract: "Send scans to the gateway's network scanner listener, like a PDA in a dock.",
        discussion: """
            Codes come from the arguments, or from --file (one per line; `\\x1d` or <GS> stands for GS,
            lines starting with # are comments). Exit status 0 when every scan was answered OK.
            """
    )

    @Option(help: ArgumentHelp("The gateway's listener: tcp://HOST:PORT or unix:/path.", valueName: "address"))
    var connect: String = "tcp://127.0.0.1:7410"

    @Option(help: ArgumentHelp("File with one code per line.", valueName: "path"))
    var file: String?

    @Option(
        help: ArgumentHelp(
            "Pause between scans, in milliseconds (a person scans about once a second).", valueName: "ms"))
    var interval: Int = 0

    @Flag(help: "Print only the summary line.")
    var quiet = false

    @Argument(help: "Codes to send.")
    var codes: [String] = []

    func validate() throws {
        guard BackendEndpoint.parse(connect) != nil else {
            throw ValidationError("--connect must be tcp://HOST:PORT or unix:/path, got '\(connect)'")
        }
        if file == nil && codes.isEmpty { throw ValidationError("give codes as arguments or --file") }
    }

    func run() async throws {
        var scans = codes
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            scans += text.split(separator: "\n", omittingEmptySubsequences: true)
                .map(String.init).filter { !$0.hasPrefix("#") }
        }
        scans = scans.map { $0.replacing("\\x1d", with: "\u{1D}").replacing("<GS>", with: "\u{1D}") }
        let channel = try await open()
        var accepted = 0
        try await channel.executeThenClose { inbound, outbound in
            var framer = LineFramer(maximumLength: 4096)
            var iterator = inbound.makeAsyncIterator()
            for scan in scans {
                try await outbound.write(ByteBuffer(string: scan + "\n"))
                var answer: String?
                while answer == nil {
                    if case .line(let line) = framer.next() {
                        answer = String(decoding: line, as: UTF8.self)
                    } else {
                        guard let buffer = try await iterator.next() else {
                            throw ValidationError("the gateway closed the connection")
                        }
                        framer.append(buffer.readableBytesView)
                    }
                }
                if answer!.hasPrefix("OK ") { accepted += 1 }
                if !quiet { print("scan \(scan.debugDescription) -> \(answer!)") }
                if interval > 0 { try await Task.sleep(for: .milliseconds(interval)) }
            }
        }
        print("pda: \(accepted) of \(scans.count) scans accepted")
        if accepted != scans.count { throw ExitCode(1) }
    }

    func open() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        switch BackendEndpoint.parse(connect)! {
        case .tcp(let host, let port):
            return try await bootstrap.connect(host: host, port: port, channelInitializer: wrap)
        case .unix(let path): return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: wrap)
        }
    }
}
