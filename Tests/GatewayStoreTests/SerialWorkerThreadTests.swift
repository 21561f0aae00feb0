import Foundation
import Testing

@testable import GatewayStore

@Suite("Serial worker thread")
struct SerialWorkerThreadTests {
    @Test func busyTimeIsReportedWhileABatchRunsAndClearedAfter() async throws {
        let release = DispatchSemaphore(value: 0)
        let worker = try SerialWorkerThread<Int>(name: "test-worker") { _ in release.wait() }
        defer { worker.shutdown() }
        #expect(worker.busyNanoseconds == nil)
        #expect(worker.submit(1))
        // The batch blocks until released: the worker reports it busy, for longer and longer.
        let first = await poll { worker.busyNanoseconds }
        try await Task.sleep(for: .milliseconds(50))
        let later = try #require(worker.busyNanoseconds)
        #expect(first != nil && later >= first! + 40_000_000)
        release.signal()
        #expect(await poll { worker.busyNanoseconds == nil ? true : nil } == true)
    }

    @Test func anOutboxIsUnhealthyOnlyWhileABatchOutlastsTheLimit() async throws {
        let directory = try TemporaryDirectory()
        let outbox = try openOutbox(directory)
        #expect(outbox.healthProblem(stallLimit: .zero) == nil, "idle: not busy at all")
        // Storage that stops answering, as the outbox's thread sees it: an operation that does not return.
        let release = DispatchSemaphore(value: 0)
        #expect(outbox.worker.submit(.perform { _ in release.wait() }))
        let problem = await poll { outbox.healthProblem(stallLimit: .milliseconds(20)) }
        #expect(problem?.contains("the outbox has been writing to \(outbox.path)") == true)
        #expect(outbox.healthProblem() == nil, "within the default limit")
        release.signal()
        #expect(await poll { outbox.busyDuration() == nil ? true : nil } == true)
        #expect(outbox.healthProblem(stallLimit: .zero) == nil)
        #expect(try await outbox.append(makeDraft(1)).sequence == 1)
    }

    /// Polls `value` every millisecond for up to 10 s until it is not nil.
    func poll<T>(_ value: () -> T?) async -> T? {
        for _ in 0..<10_000 {
            if let found = value() { return found }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }
}
