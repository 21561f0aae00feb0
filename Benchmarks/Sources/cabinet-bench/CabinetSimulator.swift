import Foundation

/// `spd-sim cabinet` as a child process; returns once it prints its address.
final class CabinetSimulator {
    let process = Process()
    let address: String
    let controlPath: String

    init(executable: String, directory: URL, rtu: Bool, units: [String]) async throws {
        controlPath = directory.appendingPathComponent(rtu ? "rtu-control.sock" : "tcp-control.sock").path
        let output = directory.appendingPathComponent(rtu ? "rtu.stdout" : "tcp.stdout")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        let transport =
            rtu ? ["--rtu-link", directory.appendingPathComponent("cab.tty").path] : ["--tcp", "127.0.0.1:0"]
        process.arguments = ["cabinet"] + transport + units.flatMap { ["--unit", $0] } + ["--control", controlPath]
        process.standardOutput = FileHandle(forWritingAtPath: output.path)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                address = String(line.dropFirst("listening on ".count))
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        process.terminate()
        throw BenchError(message: "spd-sim cabinet did not start")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// One control command; returns the reply line.
    @discardableResult
    func control(_ line: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(controlPath.utf8) + [0]) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw BenchError(message: "control socket: errno \(errno)") }
        let request = Array((line + "\n").utf8)
        _ = request.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != 10 { reply.append(byte) }
        return String(decoding: reply, as: UTF8.self)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
