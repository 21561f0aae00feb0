import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads small text files (configuration) through ``Posix``, without Foundation.
public enum TextFile {
    /// Reads a whole file as UTF-8 (invalid sequences become U+FFFD, which the TOML parser then reports).
    /// - Parameter limit: the largest file accepted, so a wrong path such as a device node cannot hang us.
    public static func read(_ path: String, limit: Int = 4 << 20) throws(SystemCallError) -> String {
        let descriptor = try Posix.open(path, flags: O_RDONLY)
        defer { Posix.close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // withUnsafeMutableBytes rethrows untyped errors; carry the typed one out in a Result.
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemCallError) in try Posix.read(descriptor, into: buffer, subject: path) }
            }.get()
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw SystemCallError(call: "read", subject: path, errno: EFBIG) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension GatewayConfig {
    /// Reads and validates a configuration file; an unreadable file is a ``ConfigError`` too, so the caller has
    /// one error path that names the file.
    public static func load(path: String) throws(ConfigError) -> GatewayConfig {
        let text: String
        do {
            text = try TextFile.read(path)
        } catch {
            throw ConfigError(
                code: .unreadable,
                issues: [ConfigIssue(file: path, position: nil, key: "", message: "cannot read: \(error)")])
        }
        return try load(text: text, file: path)
    }
}
