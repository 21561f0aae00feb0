#if canImport(Glibc)
import Glibc
#endif

/// The process environment as a dictionary, read once at start-up (systemd passes `$NOTIFY_SOCKET`,
/// `$WATCHDOG_USEC`, `$STATE_DIRECTORY`, `$JOURNAL_STREAM` this way).
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}

/// Writes to standard error without buffering, for messages printed before logging is set up.
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            try? Posix.writeAll(STDERR_FILENO, UnsafeRawBufferPointer(buffer), subject: "stderr")
        }
    }
}
