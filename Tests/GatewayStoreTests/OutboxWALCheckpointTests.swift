import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

/// The WAL is copied into the database file by the outbox's checkpoint thread, not inside the commits.
@Suite struct OutboxWALCheckpointTests {
    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Frames in the WAL right now, asked through a second connection (whose passive checkpoint copies nothing
    /// new when the checkpoint thread has already done it). Busy while the thread checkpoints: asked again then.
    func walFrames(_ path: String) async throws -> Int {
        let connection = try SQLiteConnection(path: path)
        // A connection opens the WAL at its first read; before that a checkpoint reports -1 frames.
        _ = try connection.scalarInt64("SELECT count(*) FROM sqlite_master")
        var frames: Int?
        try await waitUntil("a checkpoint not busy") {
            frames = try? connection.checkpointPassively().walFrames
            return frames != nil
        }
        #expect(frames ?? -1 >= 0)
        return frames ?? -1
    }

    @Test func theCheckpointThreadCopiesTheWALAndTheWALRestarts() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("outbox.sqlite")
        let outbox = try Outbox.open(
            path: path, gatewayID: "gw-test", options: OutboxOptions(walCheckpointFrames: 16))
        let sizeBefore = fileSize(path)
        var lineBytes = 0
        for index in 1...200 {
            _ = try await outbox.append(makeDraft(index))
        }
        for entry in try await outbox.pending(afterSequence: 0, limit: 500) { lineBytes += entry.line.count }
        try await waitUntil("a checkpoint by the checkpoint thread") { outbox.checkpointer.statistics.checkpoints > 0 }
        #expect(outbox.checkpointer.statistics.failures == 0)
        // The events' pages reached the database file itself, not only the WAL.
        try await waitUntil("the database file to hold the events") { fileSize(path) >= sizeBefore + lineBytes }
        // After a complete checkpoint the next commit starts the WAL over: it stays near the trigger, far from the
        // 200 commits' worth it would hold without checkpoints.
        // The WAL starts over at the first commit after a checkpoint that copied every frame. How often that
        // happened during the run depends on timing (on a loaded machine the thread lags); what does not: once
        // everything is copied (the thread may still be behind by the last commits; the checkpoint made here
        // completes it), the next commit starts the WAL over, where without checkpoints (the control test below)
        // it holds every commit.
        _ = try await walFrames(path)
        _ = try await outbox.append(makeDraft(201))
        #expect(try await walFrames(path) < 16)
        await outbox.close()

        let reopened = try Outbox.open(path: path, gatewayID: "gw-test")
        #expect(reopened.statistics().depth == 201)
        #expect(try await reopened.pending(afterSequence: 0, limit: 500).map(\.sequence) == Array(1...201))
    }

    @Test func withoutCheckpointsTheWALWouldHoldEveryCommit() async throws {
        // The control for the test above: a trigger above what 200 commits write never asks for a checkpoint, and
        // then the WAL holds them all (so the figure asserted above is the thread's doing).
        let directory = try TemporaryDirectory()
        let path = directory.file("outbox.sqlite")
        let outbox = try Outbox.open(
            path: path, gatewayID: "gw-test", options: OutboxOptions(walCheckpointFrames: 1_000_000))
        for index in 1...200 {
            _ = try await outbox.append(makeDraft(index))
        }
        #expect(outbox.checkpointer.statistics.checkpoints == 0)
        #expect(try await walFrames(path) >= 200)
        await outbox.close()
    }
}
