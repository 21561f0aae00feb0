import CSQLite

extension SQLiteConnection {
    /// What a WAL checkpoint did.
    public struct CheckpointResult: Sendable, Equatable {
        /// Frames in the WAL file.
        public var walFrames: Int
        /// Frames of it now copied into the database file (all of them: the next writer may restart the WAL).
        public var checkpointedFrames: Int

        /// True when every frame was copied.
        public var isComplete: Bool { checkpointedFrames >= walFrames }
    }

    /// Copies as much of the WAL into the database file as it can without waiting for readers or writers
    /// (`SQLITE_CHECKPOINT_PASSIVE`), then syncs the database file (with `synchronous` NORMAL or FULL).
    public func checkpointPassively() throws -> CheckpointResult {
        var walFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &checkpointed)
        try check(rc, "sqlite3_wal_checkpoint_v2")
        return CheckpointResult(walFrames: Int(walFrames), checkpointedFrames: Int(checkpointed))
    }

    /// Turns off SQLite's automatic checkpoint after commits on this connection and calls `observer` instead,
    /// on the committing thread, with the number of frames in the WAL after each commit.
    ///
    /// `observer` must stay alive while the connection can commit; ``removeCommitObserver()`` detaches it.
    public func setCommitObserver(_ observer: WALCommitObserver) {
        let context = Unmanaged.passUnretained(observer).toOpaque()
        sqlite3_wal_hook(handle, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<WALCommitObserver>.fromOpaque(context).takeUnretainedValue().committed(Int(frames))
            return SQLITE_OK
        }, context)
    }

    /// Detaches the observer set by ``setCommitObserver(_:)``; no checkpoint runs after commits from then on.
    public func removeCommitObserver() {
        sqlite3_wal_hook(handle, nil, nil)
    }
}

/// Told the size of the WAL after each commit of the connection it observes; see
/// ``SQLiteConnection/setCommitObserver(_:)``.
public final class WALCommitObserver {
    let committed: (_ walFrames: Int) -> Void

    /// - Parameter committed: runs on the committing thread, inside SQLite, after each commit, with the frames
    ///   now in the WAL. Keep it short; it may checkpoint the connection that committed, nothing else on it.
    public init(_ committed: @escaping (_ walFrames: Int) -> Void) {
        self.committed = committed
    }
}
