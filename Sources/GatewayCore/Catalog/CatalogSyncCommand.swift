/// The `catalog` command from the backend (docs/protocol.md, "Catalogue sync"): a full snapshot in chunks, or
/// incremental upserts and deletes, each carrying the catalogue version it brings the gateway to.
///
/// A snapshot is `snapshot_begin` (its `snapshot` id and `version`), any number of `snapshot_chunk`s (records),
/// and `snapshot_commit` (the record `count`, checked): only then are rows the snapshot did not mention removed
/// and the version set. Upserts and deletes apply when `version` is the next one; an older version is already
/// applied (acknowledged again), a gap is refused with `catalog_version_gap` so the backend sends a snapshot.
public struct CatalogSyncCommand: Sendable, Equatable, Codable {
    public enum Operation: String, Sendable, Codable, CaseIterable {
        case snapshotBegin = "snapshot_begin"
        case snapshotChunk = "snapshot_chunk"
        case snapshotCommit = "snapshot_commit"
        case upsert
        case delete
    }

    public var messageClass = "command"
    public var type = "catalog"
    public var id: String
    public var operation: Operation
    /// The catalogue version after this command (begin, commit, upsert, delete).
    public var version: Int64?
    /// The snapshot's id (begin, chunk, commit).
    public var snapshot: String?
    /// Records to store (chunk, upsert) or to delete (delete: only `kind` and `key`, or `cabinet` + `channel`).
    public var records: [CatalogRecord]?
    /// Records in the whole snapshot (commit).
    public var count: Int?

    public init(
        id: String, operation: Operation, version: Int64? = nil, snapshot: String? = nil,
        records: [CatalogRecord]? = nil, count: Int? = nil
    ) {
        self.id = id
        self.operation = operation
        self.version = version
        self.snapshot = snapshot
        self.records = records
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case messageClass = "class", type, id, operation = "op", version, snapshot, records, count
    }
}
