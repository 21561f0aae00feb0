#if canImport(Glibc)
import Glibc
#endif
import GatewayCore

/// Writes small files atomically and durably (``Posix/replaceFile(_:with:mode:)``) on its own thread, so the
/// fsyncs never block the cooperative pool. Writes run in submission order; the caller awaits each.
public final class DurableFileWriter: Sendable {
    private struct Job: Sendable {
        var path: String
        var bytes: [UInt8]
        var done: @Sendable (Result<Void, SystemCallError>) -> Void
    }

    private let queue = Locked<(jobs: [Job], stopped: Bool)>(([], false))
    private let signal = BusSignal()

    public init(name: String) throws(SystemCallError) {
        let started = BusThread.start(name: name) { [self] in loop() }
        guard started == 0 else { throw SystemCallError(call: "pthread_create", subject: name, errno: started) }
    }

    /// Replaces `path` with `bytes`; returns once the data is on disk.
    public func write(_ bytes: [UInt8], to path: String) async throws(SystemCallError) {
        let result: Result<Void, SystemCallError> = await withCheckedContinuation { continuation in
            let accepted = queue.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.jobs.append(Job(path: path, bytes: bytes) { continuation.resume(returning: $0) })
                return true
            }
            if accepted { signal.signal() } else { continuation.resume(returning: .failure(SystemCallError(call: "write", subject: path, errno: ESHUTDOWN))) }
        }
        try result.get()
    }

    /// Ends the thread once queued writes are done.
    public func stop() {
        queue.withLock { $0.stopped = true }
        signal.signal()
    }

    private func loop() {
        while true {
            let (jobs, stopped) = queue.withLock { state in
                defer { state.jobs.removeAll() }
                return (state.jobs, state.stopped)
            }
            for job in jobs {
                do throws(SystemCallError) {
                    try Posix.replaceFile(job.path, with: job.bytes)
                    job.done(.success(()))
                } catch {
                    job.done(.failure(error))
                }
            }
            if stopped { return }
            if jobs.isEmpty { signal.wait(untilMonotonic: UInt64.max / 2) }
        }
    }
}
