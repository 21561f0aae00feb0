/// The gateway id and epoch stored in `meta`: written once when the file is created, checked on every open.
extension OutboxStore {
    struct Identity {
        var epoch: String
        var lastAcked: Int64
    }

    static func loadOrCreateIdentity(_ db: SQLiteConnection, path: String, gatewayID: String) throws -> Identity {
        var created = false
        let identity: Identity
        do {
            identity = try db.transaction(.immediate) {
                let meta = try readMeta(db)
                guard let storedGateway = meta[OutboxSchema.MetaKey.gatewayID] else {
                    // A new file (or one whose creation was interrupted before this transaction committed).
                    created = true
                    let epoch = makeEpoch()
                    let insert = try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
                    try insert.run(.text(OutboxSchema.MetaKey.gatewayID), .text(gatewayID))
                    try insert.run(.text(OutboxSchema.MetaKey.epoch), .text(epoch))
                    try insert.run(.text(OutboxSchema.MetaKey.lastAckedSequence), "0")
                    return Identity(epoch: epoch, lastAcked: 0)
                }
                guard storedGateway == gatewayID else {
                    throw OutboxError(
                        code: .gatewayMismatch,
                        message: "outbox \(path) belongs to gateway \"\(storedGateway)\", not \"\(gatewayID)\"; "
                            + "its events would be sent under ids that lie. Fix gateway.id in the config, or move "
                            + "the file aside after its events were delivered")
                }
                guard let epoch = meta[OutboxSchema.MetaKey.epoch], isValidEpoch(epoch),
                      let lastAcked = meta[OutboxSchema.MetaKey.lastAckedSequence].flatMap({ Int64($0) })
                else {
                    throw OutboxError(code: .incompatibleFile,
                                      message: "outbox \(path) has missing or malformed meta rows (epoch, "
                                          + "last_acked_seq); the file was edited or damaged")
                }
                return Identity(epoch: epoch, lastAcked: lastAcked)
            }
            // The new file's directory entry must be on disk before anything appended to it counts as durable.
            if created { try DirectorySync.sync(directoryOf: path) }
        } catch let error as OutboxError {
            throw error
        } catch {
            throw OutboxError(code: .storage, message: "cannot read or write the identity of outbox \(path)",
                              cause: error)
        }
        return identity
    }

    private static func readMeta(_ db: SQLiteConnection) throws -> [String: String] {
        var meta: [String: String] = [:]
        try db.prepare("SELECT key, value FROM meta").forEachRow([]) { row in
            if let key = row.string(at: 0), let value = row.string(at: 1) { meta[key] = value }
        }
        return meta
    }

    /// 8 random lowercase hex digits.
    static func makeEpoch() -> String {
        let hex = String(UInt32.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    static func isValidEpoch(_ epoch: String) -> Bool {
        epoch.utf8.count == 8 && epoch.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
