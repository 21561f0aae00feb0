import GatewayCore
import GatewayDevices

/// A line-oriented client of the daemon's control socket, blocking: the operator tool does one thing at a time.
struct ControlClient: ~Copyable {
    let descriptor: Int32
    let path: String
    var framer = LineFramer(maximumLength: 16 * 1024 * 1024)

    init(path: String) throws {
        do {
            descriptor = try Posix.connectUnixStream(path)
        } catch {
            throw ControlClientError(
                message: "cannot reach the daemon's control socket: \(error). Is spd-gatewayd running, "
                    + "and are you root or in its group? (--socket to point elsewhere)")
        }
        self.path = path
    }

    deinit { Posix.close(descriptor) }

    func send(_ request: ControlRequest) throws {
        let line = WireCodec.line(request)
        try line.withUnsafeBytes { try Posix.writeAll(descriptor, $0, subject: path) }
    }

    /// The next line from the daemon, or nil when it closed the connection.
    mutating func nextLine() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let frame = framer.next() {
                switch frame {
                case .line(let bytes): return bytes
                case .oversize(let length): throw ControlClientError(message: "reply line of \(length) bytes")
                }
            }
            let count = try chunk.withUnsafeMutableBytes { try Posix.read(descriptor, into: $0, subject: path) }
            if count == 0 { return nil }
            framer.append(chunk[..<count])
        }
    }
}

struct ControlClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
