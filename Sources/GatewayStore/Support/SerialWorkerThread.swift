#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One dedicated OS thread that runs blocking work (SQLite calls, fsync) in submission order, so that it never
/// occupies a thread of the Swift cooperative pool.
///
/// Jobs queue up while the thread is busy; each time it wakes it hands *all* queued jobs to `drain` at once.
/// That is what lets the outbox commit many concurrent appends in one transaction (group commit).
final class SerialWorkerThread<Job: Sendable>: @unchecked Sendable {
    // @unchecked: `queue` and `isShutDown` are only touched with `mutex` held; `drain` only on the thread.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Job] = []
    private var isShutDown = false
    private var drain: (([Job]) -> Void)?

    /// Starts the thread.
    ///
    /// - Parameters:
    ///   - name: the thread name shown by `top -H` and in core dumps (at most 15 bytes are kept).
    ///   - drain: runs on the thread with every job queued since the last call, oldest first. It owns whatever it
    ///     captures from now on.
    init(name: String, drain: sending @escaping ([Job]) -> Void) throws {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        self.drain = drain
        let name = String(name.utf8.prefix(15)) ?? "worker"
        // The thread keeps the worker alive until it has drained the queue after shutdown().
        let context = Unmanaged.passRetained(ThreadContext(worker: self, name: name)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let context = Unmanaged<ThreadContext<Job>>.fromOpaque(raw).takeRetainedValue()
            #if canImport(Darwin)
            _ = pthread_setname_np(context.name)
            #else
            _ = pthread_setname_np(pthread_self(), context.name)
            #endif
            context.worker.runLoop()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<ThreadContext<Job>>.fromOpaque(context).release()
            throw WorkerThreadError(errno: rc, name: name)
        }
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Queues a job. Returns false (and drops the job) after ``shutdown()``.
    func submit(_ job: Job) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !isShutDown else { return false }
        queue.append(job)
        pthread_cond_signal(condition)
        return true
    }

    /// Refuses new jobs; the thread runs what is already queued, releases `drain` (and what it captured), and exits.
    func shutdown() {
        pthread_mutex_lock(mutex)
        isShutDown = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    private func runLoop() {
        while true {
            pthread_mutex_lock(mutex)
            while queue.isEmpty && !isShutDown { pthread_cond_wait(condition, mutex) }
            let jobs = queue
            queue.removeAll(keepingCapacity: true)
            let finished = isShutDown && jobs.isEmpty
            pthread_mutex_unlock(mutex)
            if finished { break }
            drain?(jobs)
        }
        drain = nil
    }
}

private final class ThreadContext<Job: Sendable> {
    let worker: SerialWorkerThread<Job>
    let name: String

    init(worker: SerialWorkerThread<Job>, name: String) {
        self.worker = worker
        self.name = name
    }
}

/// The worker thread could not be started.
struct WorkerThreadError: Error, CustomStringConvertible {
    var errno: Int32
    var name: String

    var description: String { "pthread_create for \(name) failed: \(String(cString: strerror(errno)))" }
}
