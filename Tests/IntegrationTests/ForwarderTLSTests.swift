import Foundation
import GatewayCore
import GatewayForwarding
import GatewayTesting
import Logging
import ServiceLifecycleTestKit
import Testing

/// TLS between the real forwarder and the real backend simulator, with certificates made by openssl for the test:
/// server verification, mutual TLS, and refusal of an untrusted server or a missing client certificate.
@Suite("Forwarder over TLS", .serialized, .enabled(if: TestCertificates.opensslAvailable, "openssl is not installed"))
struct ForwarderTLSTests {
    func run(
        tls: TLSSettings, simulatorArguments: [String], events: Int, expectDelivered: Bool,
        in directory: TemporaryDirectory
    ) async throws -> (BackendSimProcess, ForwarderStatus) {
        let backend = try await BackendSimProcess(in: directory, extraArguments: simulatorArguments)
        let outbox = MemoryOutbox(gatewayID: "gw-tls")
        for index in 1...events {
            var draft = EventDraft(type: .scan, timeMilliseconds: Int64(index), monotonicNanoseconds: UInt64(index))
            draft.raw = "TLS-\(index)"
            outbox.append(draft)
        }
        var settings = BackendSettings(endpoint: BackendEndpoint.parse(backend.address)!)
        settings.reconnectMinimum = .milliseconds(20)
        settings.reconnectMaximum = .milliseconds(100)
        settings.tls = tls
        var logger = Logger(label: "test.tls")
        logger.logLevel = .critical
        let forwarder = try Forwarder(
            settings: settings, identity: GatewayIdentity(gatewayID: "gw-tls", site: nil, software: "t"),
            outbox: outbox, logger: logger)
        try await testGracefulShutdown { trigger in
            let task = Task { try await forwarder.run() }
            let deadline = ContinuousClock.now + .seconds(expectDelivered ? 30 : 2)
            while ContinuousClock.now < deadline {
                if expectDelivered && outbox.statistics().depth == 0 { break }
                if !expectDelivered && forwarder.status().disconnects >= 3 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            trigger.triggerGracefulShutdown()
            try await task.value
        }
        return (backend, forwarder.status())
    }

    @Test func serverVerifiedWithTheConfiguredCA() async throws {
        let directory = try TemporaryDirectory("tls")
        defer { directory.remove() }
        let certificates = try TestCertificates(in: directory)
        let (backend, status) = try await run(
            tls: TLSSettings(caFile: certificates.caCertificate, serverName: "localhost"),
            simulatorArguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey],
            events: 50, expectDelivered: true, in: directory)
        #expect(status.eventsAcknowledged == 50)
        #expect(try await backend.report().unique == 50)
    }

    @Test func mutualTLSWithAClientCertificate() async throws {
        let directory = try TemporaryDirectory("tls")
        defer { directory.remove() }
        let certificates = try TestCertificates(in: directory)
        let (backend, _) = try await run(
            tls: TLSSettings(
                caFile: certificates.caCertificate, certificateFile: certificates.clientCertificate,
                privateKeyFile: certificates.clientKey, serverName: "localhost"),
            simulatorArguments: [
                "--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey,
                "--tls-client-ca", certificates.caCertificate,
            ],
            events: 20, expectDelivered: true, in: directory)
        #expect(try await backend.report().unique == 20)
    }

    @Test func backendRequiringAClientCertificateRefusesAGatewayWithout() async throws {
        let directory = try TemporaryDirectory("tls")
        defer { directory.remove() }
        let certificates = try TestCertificates(in: directory)
        let (backend, status) = try await run(
            tls: TLSSettings(caFile: certificates.caCertificate, serverName: "localhost"),
            simulatorArguments: [
                "--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey,
                "--tls-client-ca", certificates.caCertificate,
            ],
            events: 5, expectDelivered: false, in: directory)
        #expect(status.disconnects >= 1)
        #expect(status.eventsAcknowledged == 0)
        #expect(try await backend.report().received == 0)
    }

    @Test func untrustedServerIsRefusedAndNothingIsSent() async throws {
        let directory = try TemporaryDirectory("tls")
        defer { directory.remove() }
        let certificates = try TestCertificates(in: directory)
        let other = try TestCertificates(in: directory, prefix: "other")
        let (backend, status) = try await run(
            tls: TLSSettings(caFile: other.caCertificate, serverName: "localhost"),
            simulatorArguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey],
            events: 5, expectDelivered: false, in: directory)
        #expect(status.eventsSent == 0)
        #expect(status.lastError?.isEmpty == false)
        #expect(try await backend.report().received == 0)
    }

    @Test func unreadableCertificateFileIsAClearStartupError() throws {
        var settings = BackendSettings(endpoint: .tcp(host: "backend.local", port: 7400))
        settings.tls = TLSSettings(caFile: "/nonexistent/ca.pem")
        #expect {
            _ = try Forwarder(
                settings: settings, identity: GatewayIdentity(gatewayID: "g", site: nil, software: "t"),
                outbox: MemoryOutbox(gatewayID: "g"), logger: Logger(label: "t"))
        } throws: { error in
            "\(error)".hasPrefix("backend.tls.ca_file (/nonexistent/ca.pem): cannot read it as PEM")
        }
    }
}

/// A CA, a server certificate for `localhost` and a client certificate, made with the openssl CLI.
struct TestCertificates {
    static let opensslAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")

    let caCertificate: String
    let serverCertificate: String
    let serverKey: String
    let clientCertificate: String
    let clientKey: String

    init(in directory: TemporaryDirectory, prefix: String = "test") throws {
        func path(_ name: String) -> String { directory.file("\(prefix)-\(name)") }
        caCertificate = path("ca.pem")
        serverCertificate = path("server.pem")
        serverKey = path("server.key")
        clientCertificate = path("client.pem")
        clientKey = path("client.key")
        let extensions = try directory.write("\(prefix)-san.cnf", "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=\(prefix) test CA", "-keyout", path("ca.key"), "-out", caCertificate,
        ])
        for (name, subject) in [("server", "/CN=localhost"), ("client", "/CN=gw-tls")] {
            try Self.openssl([
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subject,
                "-keyout", path("\(name).key"), "-out", path("\(name).csr"),
            ])
            try Self.openssl([
                "x509", "-req", "-in", path("\(name).csr"), "-CA", caCertificate, "-CAkey", path("ca.key"),
                "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", path("\(name).pem"),
            ])
        }
    }

    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SimulatorFailed(message: "openssl \(arguments.joined(separator: " ")) failed")
        }
    }
}
