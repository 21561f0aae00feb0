#if canImport(Glibc)
import Glibc
#endif

extension CabinetServer {
    static func listen(unixPath path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CabinetSimulatorError("socket: \(String(cString: strerror(errno)))") }
        unlink(path)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CabinetSimulatorError("control socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, Glibc.listen(descriptor, 8) == 0 else {
            throw CabinetSimulatorError("cannot listen on \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// Reads what a control client sent; answers each complete line.
    func serveControl(_ descriptor: Int32) {
        var chunk = [UInt8](repeating: 0, count: 1024)
        let count = read(descriptor, &chunk, chunk.count)
        guard count > 0 else {
            close(descriptor)
            controlClients[descriptor] = nil
            return
        }
        var pending = (controlClients[descriptor] ?? []) + chunk[0..<count]
        while let newline = pending.firstIndex(of: 10) {
            let line = String(decoding: pending[0..<newline], as: UTF8.self)
            pending.removeFirst(newline + 1)
            let reply: String
            do {
                if let command = try CabinetScriptCommand.parse(line) {
                    reply = execute(command)
                } else {
                    reply = "error empty command"
                }
            } catch {
                reply = "error \(error)"
            }
            let bytes = Array((reply + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        }
        controlClients[descriptor] = pending
    }
}
