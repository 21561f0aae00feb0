import Foundation
import Testing

/// Independent Modbus peers keep the gateway and the simulator honest with each other: `mbpoll` (libmodbus-free
/// C client) reads the simulator, and the daemon polls a pymodbus server laid out like the simulator.
@Suite("Cabinet against independent Modbus peers", .serialized)
struct CabinetPeerTests {
    static let hasMbpoll = FileManager.default.isExecutableFile(atPath: "/usr/bin/mbpoll")
    static let hasPymodbus: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pymodbus"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs mbpoll once and returns its `[address]: value` lines as a dictionary.
    static func mbpoll(_ arguments: [String], in directory: TemporaryDirectory) async throws -> [Int: Int] {
        let run = try ChildProcess("/usr/bin/mbpoll", arguments + ["-1"], in: directory, label: "mbpoll")
        _ = await run.waitForExit()
        var values: [Int: Int] = [:]
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("[") {
            let parts = line.dropFirst().split(separator: "]")
            if parts.count == 2, let address = Int(parts[0]),
                let value = Int(
                    parts[1].drop { $0 == ":" || $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" })
            {
                values[address] = value
            }
        }
        return values
    }

    @Test(.enabled(if: hasMbpoll, "mbpoll is not installed (scripts/setup.sh installs it)"))
    func mbpollReadsTheSimulatorsWeightsDoorsAndStatusWords() async throws {
        let directory = try TemporaryDirectory("cab-mbpoll")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(
            in: directory, units: ["1:io-8:2", "2:weight-16:2"],
            extra: ["--noise", "0", "--items", "8", "--tare-grams", "100", "--settle", "0"])
        try cabinet.control("open 2")
        let common = ["-m", "tcp", "-p", "\(cabinet.port)", "-0", "-r", "0"]
        // Input registers as big-endian int32 (ABCD): 100 g + 8 x ~12.5 g at 0.01 g per count.
        let weights = try await Self.mbpoll(
            common + ["-a", "2", "-t", "3:int", "-B", "-c", "2", "127.0.0.1"], in: directory)
        #expect(weights.count == 2)
        for value in weights.values { #expect(abs(value - 20_000) < 150, "\(weights)") }
        let doors = try await Self.mbpoll(common + ["-a", "1", "-t", "1", "-c", "2", "127.0.0.1"], in: directory)
        #expect(doors == [0: 0, 1: 1])
        let status = try await Self.mbpoll(
            ["-m", "tcp", "-p", "\(cabinet.port)", "-0", "-r", "64", "-a", "2", "-t", "3", "-c", "2", "127.0.0.1"],
            in: directory)
        #expect(status == [64: 0x8000, 65: 0x8000])  // data OK, not moving
        // mbpoll's own write of a lock coil is seen by the simulator as a release.
        _ = try await Self.mbpoll(common + ["-a", "1", "-t", "0", "127.0.0.1", "1"], in: directory)
        #expect(try cabinet.control("state").contains("releases=1"))
    }

    @Test(.enabled(if: hasMbpoll, "mbpoll is not installed (scripts/setup.sh installs it)"))
    func mbpollReadsSeveralUnitsOverTheRTUPty() async throws {
        let directory = try TemporaryDirectory("cab-mbpoll-rtu")
        defer { directory.remove() }
        let cabinet = try await CabinetSimProcess(
            in: directory, rtu: true, units: ["1:io-8:2", "3:eagle-ei4000"],
            extra: ["--noise", "0", "--settle", "0", "--items", "0"])
        try cabinet.control("open 1")
        let path = String(cabinet.address.dropFirst(4))
        let rtu = ["-m", "rtu", "-b", "9600", "-P", "none", "-0"]
        // Float32 ABCD gross of the Eagle's four channels: the empty bins' 150 g tare.
        let gross = try await Self.mbpoll(
            rtu + ["-a", "3", "-t", "4:float", "-B", "-r", "4096", "-c", "4", path], in: directory)
        #expect(gross == [4096: 150, 4098: 150, 4100: 150, 4102: 150], "\(gross)")
        let doors = try await Self.mbpoll(rtu + ["-a", "1", "-t", "1", "-r", "0", "-c", "2", path], in: directory)
        #expect(doors == [0: 1, 1: 0])
    }

    @Test(.enabled(if: hasPymodbus, "python3 pymodbus is not installed (scripts/setup.sh installs pymodbus<4)"))
    func daemonPollsAPymodbusServerAndDecodesItsRegisters() async throws {
        let directory = try TemporaryDirectory("cab-pymodbus")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let port = try FreePort.find()
        let server = try ChildProcess(
            "/usr/bin/env",
            ["python3", Self.root.appendingPathComponent("Tests/Fixtures/pymodbus-cabinet.py").path, "\(port)"],
            in: directory, label: "pymodbus")
        defer { server.signal(SIGTERM) }
        #expect(await server.waitForOutput("listening on", timeout: .seconds(30)), "\(server.stderr)")
        let backend = try await BackendSimProcess(in: directory)
        var config = CabinetIntegrationTests.config(
            directory: directory, backend: backend.address, bus: "tcp://127.0.0.1:\(port)")
        config = config.replacingOccurrences(of: "count = 4", with: "count = 2")
            .replacingOccurrences(of: "channel = \"3\"", with: "channel = \"2\"")
        let daemon = try ChildProcess(
            "spd-gatewayd", ["--config", try directory.write("gateway.toml", config)], in: directory, label: "daemon")
        // The weights reached the session as the same numbers pymodbus holds (int32 ABCD x 0.01 g).
        var references: [Double] = []
        let until = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < until, references.count < 2 {
            if let values = CabinetCheckpoint.references(directory) { references = values }
            if references.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(references == [400.0, -12.5], "\(daemon.stderr)")
        // The lock coils are written to the peer (FC 05) and the backend hears the cabinet unlock.
        try backend.control(#"send {"class":"command","type":"unlock","id":"p-1","user":{"id":"N7"}}"#)
        let events = await BackendRecord.waitForEvents(backend) { events in
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "unlocked" }
        }
        #expect(
            events.contains { ($0["door"] as? [String: Any])?["state"] as? String == "unlocked" }, "\(daemon.stderr)")
        let reply = BackendRecord.messages(backend, kind: "reply").first { $0["id"] as? String == "p-1" }
        #expect(reply?["ok"] as? Bool == true)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}

/// A TCP port that was free a moment ago (for peers that cannot report the port they bound).
enum FreePort {
    static func find() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw SimulatorFailed(message: "cannot find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
