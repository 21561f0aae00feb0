/// One problem found in a configuration file: where it is, which key, and what was expected.
///
/// Printed as `gateway.toml:12:9: [backend] address: expected "tcp://HOST:PORT" or "unix:PATH", found "tcp:/x"`,
/// the form editors and `grep -n` users recognise.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file the configuration was read from (or `<embedded demo config>`).
    public var file: String
    /// Where in the file; `nil` for a missing key of a table that does not exist at all.
    public var position: SourcePosition?
    /// The dotted key path, e.g. `backend.address` or `scanners[2].keymap`.
    public var key: String
    /// What is wrong and what is expected.
    public var message: String

    public init(file: String, position: SourcePosition?, key: String, message: String) {
        self.file = file
        self.position = position
        self.key = key
        self.message = message
    }

    public var description: String {
        let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
    }
}

/// The error a configuration load throws: every issue found, not just the first, so that an operator can fix a
/// file in one pass.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Machine-readable category.
    public enum Code: String, Sendable {
        /// The file could not be read.
        case unreadable
        /// The file is not valid TOML.
        case syntax
        /// The file is valid TOML but a setting is missing, unknown, or has a wrong value.
        case invalid
    }

    public var code: Code
    public var issues: [ConfigIssue]

    public init(code: Code, issues: [ConfigIssue]) {
        self.code = code
        self.issues = issues
    }

    public var description: String {
        let header = issues.count == 1 ? "configuration error:" : "configuration errors (\(issues.count)):"
        return ([header] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
