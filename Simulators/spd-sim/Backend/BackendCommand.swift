import ArgumentParser
import GatewayCore
import NIOCore
import NIOPosix
import NIOSSL

/// `spd-sim backend`: an SPD backend that speaks protocol 1.0, acknowledges events, records everything it
/// receives, and misbehaves on command (drop, stall, garbage, duplicate/late acks, nacks, restart).
struct BackendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backend",
        abstract: "Run a simulated SPD backend.",
        discussion: """
            Control commands, one per line on the --control socket (reply: "ok ..." or "error ..."):
              drop                 close every gateway connection now
              cut-mid-line [N]     on the next N reads (default 1), take half a line, then drop the connection
              stall MS             stop reading and acknowledging for MS milliseconds
              garbage              send malformed, oversize and unknown lines to every gateway
              duplicate-acks on|off  send every ack twice
              late-acks MS         delay every ack by MS milliseconds (0 = off)
              ack-beyond N         send a cumulative ack N sequences past what was received (hostile)
              nack-next N [retry]  refuse the next N events (with retry: true if given)
              restart MS           close the listener and all connections, listen again after MS ms
              command TYPE ID      send a command of TYPE with ID to every gateway
              send JSON            send one raw line (a whole message, e.g. an unlock command with fields)
              catalog FILE VERSION [CHUNK]  publish a catalogue file (CSV/JSONL) as VERSION and send it as a
                                   snapshot (CHUNK records per line, at most 4 lines unanswered); gateways
                                   that say hello with another catalog_version get it too
              stats                print counters
            """
    )

    @Option(help: ArgumentHelp("Where to listen: tcp://HOST:PORT or unix:/path.", valueName: "address"))
    var listen: String = "tcp://127.0.0.1:7400"

    @Option(help: ArgumentHelp("Append every received line as JSON to this file.", valueName: "path"))
    var record: String?

    @Option(help: ArgumentHelp("Unix socket for control commands.", valueName: "path"))
    var control: String?

    @Option(help: ArgumentHelp("How to acknowledge: cumulative, ids, or none.", valueName: "mode"))
    var ackMode: AckMode = .cumulative

    @Flag(help: "Print each received event on stdout, readable by a person.")
    var verbose = false

    @Option(help: ArgumentHelp("Serve TLS with this PEM certificate chain (needs --tls-key).", valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Require client certificates signed by this PEM CA (mutual TLS).", valueName: "path"))
    var tlsClientCA: String?

    func validate() throws {
        guard BackendEndpoint.parse(listen) != nil else {
            throw ValidationError("--listen must be tcp://HOST:PORT or unix:/path, got '\(listen)'")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsClientCA != nil && tlsCert == nil { throw ValidationError("--tls-client-ca needs --tls-cert") }
    }

    func run() async throws {
        let endpoint = BackendEndpoint.parse(listen)!
        let log = try record.map { try ReceptionLog(path: $0) }
        var tls: NIOSSLContext?
        if let tlsCert, let tlsKey {
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tlsCert).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tlsKey, format: .pem)))
            if let tlsClientCA {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tlsClientCA))
                configuration.certificateVerification = .noHostnameVerification
            }
            tls = try NIOSSLContext(configuration: configuration)
        }
        let simulator = BackendSimulator(endpoint: endpoint, log: log, ackMode: ackMode, verbose: verbose, tls: tls)
        try await simulator.run(controlPath: control)
    }
}

enum AckMode: String, ExpressibleByArgument, Sendable {
    case cumulative, ids, none
}
