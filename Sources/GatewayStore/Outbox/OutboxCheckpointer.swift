import CSQLite
import GatewayCore

/// Copies the outbox's WAL into its database file on a thread of its own, so that no commit waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crossed 1,000 WAL frames: that commit, and every
/// append queued behind it, waits while the pages are written and the database file is fsynced (1-12 ms measured
/// here under load, every ~200 ms at 5,000 events/s), a stall for everything behind it. Here the
/// writer only asks (``request()``, a mutex and a signal) and a second connection checkpoints in WAL's passive mode,
/// which never blocks the writer; the WAL restarts from its beginning at the first commit after a checkpoint that
/// copied every frame.
final class OutboxCheckpointer: Sendable {
    private let worker: SerialWorkerThread<Void>
    private let counters = Locked(Counters())

    /// What the thread has done, for tests and diagnostics.
    struct Counters: Sendable {
        var checkpoints = 0
        var failures = 0
        /// Skipped because another connection was checkpointing at the time.
        var busy = 0
        var lastError: String?
    }

    /// Opens a second connection to the outbox file and starts the thread.
    init(path: String, busyTimeout: Duration) throws {
        let connection = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
        // FULL syncs the WAL before copying and the database file after: a WAL restart never loses a frame.
        try connection.setSynchronous(.full)
        let counters = self.counters
        worker = try SerialWorkerThread(name: "spd-outbox-ckpt") { _ in
            // Requests that arrived during the last checkpoint are answered by this one.
            do {
                _ = try connection.checkpointPassively()
                counters.withLock { $0.checkpoints += 1 }
            } catch let error as SQLiteError where error.primaryCode == SQLITE_BUSY {
                // Another connection was checkpointing (the writer's fallback, or one closing): it did the work.
                counters.withLock { $0.busy += 1 }
            } catch {
                // Retried at the next request; meanwhile the WAL only grows (and the writer's own fallback caps it).
                counters.withLock {
                    $0.failures += 1
                    $0.lastError = "\(error)"
                }
            }
        }
    }

    /// Asks for a checkpoint soon; returns at once. Requests made while one runs are merged into the next.
    func request() {
        _ = worker.submit(())
    }

    var statistics: Counters { counters.withLock { $0 } }

    /// Stops the thread after the checkpoint under way, if any; its connection closes then.
    func shutdown() {
        worker.shutdown()
    }
}
