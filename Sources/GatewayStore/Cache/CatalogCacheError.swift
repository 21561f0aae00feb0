/// Why a cache operation failed: a machine code (also the `error` of a `catalog` command's reply), a message for
/// a person, and the underlying cause.
public struct CatalogCacheError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file cannot be opened, read or written (see the cause).
        case storage
        /// The file was written by a newer version of the gateway.
        case incompatibleFile = "incompatible_file"
        /// An upsert/delete skips versions: the backend should send a snapshot.
        case versionGap = "catalog_version_gap"
        /// A chunk or commit names a snapshot that is not open (never begun, or replaced by a newer begin).
        case unknownSnapshot = "unknown_snapshot"
        /// A commit's count differs from the records received: the snapshot stays open, nothing is removed.
        case snapshotIncomplete = "snapshot_incomplete"
        /// The command lacks a field its operation needs.
        case invalidCommand = "invalid_command"
        /// The import file's header cannot be used, or the file cannot be read.
        case invalidFile = "invalid_file"
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
