import GatewayCore
import NIOCore
import NIOSSL

/// The TLS client context for the backend connection, built once at start-up so that a missing or malformed
/// certificate file stops the daemon with a clear error instead of failing every reconnect.
public struct BackendTLS: Sendable {
    let context: NIOSSLContext
    let serverName: String?

    /// Loads the CA, certificate and key files named in `[backend.tls]`.
    /// - Throws: ``BackendTLSError`` naming the file and what is wrong with it.
    public init(settings: TLSSettings, endpoint: BackendEndpoint) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile {
            configuration.trustRoots = .certificates(
                try Self.load("ca_file", caFile) { try NIOSSLCertificate.fromPEMFile($0) })
        }
        if let certificateFile = settings.certificateFile, let keyFile = settings.privateKeyFile {
            let chain = try Self.load("certificate_file", certificateFile) { try NIOSSLCertificate.fromPEMFile($0) }
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(
                try Self.load("private_key_file", keyFile) { try NIOSSLPrivateKey(file: $0, format: .pem) })
        }
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw BackendTLSError(key: "backend.tls", file: nil, message: "cannot build the TLS context: \(error)")
        }
        if let name = settings.serverName {
            serverName = name
        } else if case .tcp(let host, _) = endpoint, !Self.isIPAddress(host) {
            serverName = host
        } else {
            // An IP address is verified against the certificate's IP entries; SNI carries names only.
            serverName = nil
        }
    }

    /// The handler to put first in a new connection's pipeline.
    func makeHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverName)
    }

    static func load<Value>(_ key: String, _ path: String, _ body: (String) throws -> Value) throws -> Value {
        do {
            return try body(path)
        } catch {
            throw BackendTLSError(key: "backend.tls.\(key)", file: path, message: "cannot read it as PEM: \(error)")
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
    }
}

/// A TLS file or setting that cannot be used.
public struct BackendTLSError: Error, Sendable, CustomStringConvertible {
    public var key: String
    public var file: String?
    public var message: String

    public var description: String {
        "\(key)\(file.map { " (\($0))" } ?? ""): \(message)"
    }
}
