/// Hooks for GatewayStoreTests (`@testable import`); not public API.
extension Outbox {
    /// Transactions that committed appends so far (fewer than appends when group commit batched them).
    var appendCommitsForTesting: Int { monitor.appendCommits }

    /// Jobs submitted and not yet taken by the worker thread.
    var queuedJobsForTesting: Int { worker.queuedCount }

    /// Runs `body` with the outbox's own connection on its worker thread, e.g. to set `PRAGMA max_page_count`.
    func withConnectionForTesting<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws -> T
    ) async throws -> T {
        try await perform { try body($0.openSession().connection) }
    }
}
