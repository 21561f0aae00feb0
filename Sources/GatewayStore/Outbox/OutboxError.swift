/// Why an outbox operation failed. `message` says what happened and what to do; `cause` is the underlying
/// ``SQLiteError`` (or other error) when there is one.
public struct OutboxError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The disk (or the database's size limit) is full. Nothing of the failed batch was stored; everything
        /// committed before is intact. Retry once space is freed.
        case diskFull = "disk_full"
        /// Any other storage failure: I/O error, lock held too long, damaged file. Nothing of the failed
        /// operation was stored.
        case storage
        /// The file belongs to another gateway id: using it would send events under ids that lie.
        case gatewayMismatch = "gateway_mismatch"
        /// The file's schema is newer than this program, or its metadata is missing or malformed.
        case incompatibleFile = "incompatible_file"
        /// No pending event has that id.
        case unknownEvent = "unknown_event"
        /// The outbox was closed.
        case closed
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        cause.map { "outbox \(code.rawValue): \(message): \($0)" } ?? "outbox \(code.rawValue): \(message)"
    }

    /// Classifies a storage failure during `operation`: disk full, or anything else.
    static func storage(_ error: any Error, during operation: String, path: String) -> OutboxError {
        if let outboxError = error as? OutboxError { return outboxError }
        if let sqliteError = error as? SQLiteError, sqliteError.isDiskFull {
            return OutboxError(
                code: .diskFull,
                message: "\(operation) failed because the disk holding \(path) is full; nothing of it was stored, "
                    + "earlier events are intact; free space and retry",
                cause: error)
        }
        return OutboxError(code: .storage, message: "\(operation) failed on \(path); nothing of it was stored",
                           cause: error)
    }
}
