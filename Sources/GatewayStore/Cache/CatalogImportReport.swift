/// What an import or a sync command did: rows added, updated, deleted, and each rejected row with its line
/// number and reason. Codable for `spd-gateway cache import --json`.
public struct CatalogImportReport: Sendable, Equatable, Codable {
    /// One rejected row.
    public struct Rejection: Sendable, Equatable, Codable {
        /// 1-based line in the file (or index + 1 in a command's `records`).
        public var line: Int
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public var added = 0
    public var updated = 0
    public var deleted = 0
    /// Rows rejected in total (``rejections`` keeps the first ``maximumListed``).
    public var rejected = 0
    public var rejections: [Rejection] = []
    /// The catalogue version after the operation.
    public var catalogVersion: Int64 = 0

    /// At most this many rejections are listed; the count is always complete.
    public static let maximumListed = 1000

    public init() {}

    mutating func reject(line: Int, reason: String) {
        rejected += 1
        if rejections.count < Self.maximumListed { rejections.append(Rejection(line: line, reason: reason)) }
    }

    enum CodingKeys: String, CodingKey {
        case added, updated, deleted, rejected, rejections
        case catalogVersion = "catalog_version"
    }
}
