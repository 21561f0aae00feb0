import GatewayCore

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
    /// When the thread started on the batch it is running (monotonic nanoseconds); nil while it waits for work.
    private var busySince: UInt64?
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
        try start(name: String(name.utf8.prefix(15)) ?? "worker")
    }

    private func start(name: String) throws {
        // The thread keeps the worker alive until it has drained the queue after shutdown().
        // A C function pointer cannot capture the generic `Job`, so the entry point sees only a plain closure.
        let context = Unmanaged.passRetained(ThreadEntry(name: name) { self.runLoop() }).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let entry = Unmanaged<ThreadEntry>.fromOpaque(raw).takeRetainedValue()
            nameCurrentThread(entry.name)
            entry.body()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<ThreadEntry>.fromOpaque(context).release()
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

    /// Jobs waiting for the thread (for tests that need to know a batch is complete).
    var queuedCount: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return queue.count
    }

    /// How long the thread has been running its current batch; nil while it waits for work. A health check: a
    /// batch of SQLite work that does not end (a hung disk, a lock never released) shows here.
    var busyNanoseconds: UInt64? {
        pthread_mutex_lock(mutex)
        let since = busySince
        pthread_mutex_unlock(mutex)
        guard let since else { return nil }
        let now = SystemClock().monotonicNanoseconds()
        return now > since ? now - since : 0
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
            if !finished { busySince = SystemClock().monotonicNanoseconds() }
            pthread_mutex_unlock(mutex)
            if finished { break }
            drain?(jobs)
            pthread_mutex_lock(mutex)
            busySince = nil
            pthread_mutex_unlock(mutex)
        }
        drain = nil
    }
}

/// What a new thread runs, handed through pthread_create's context pointer.
private final class ThreadEntry {
    let name: String
    let body: () -> Void

    init(name: String, body: @escaping () -> Void) {
        self.name = name
        self.body = body
    }
}

/// Names the calling thread, best effort (a name only helps `top -H` and core dumps). Glibc's
/// `pthread_setname_np` is not visible to Swift without `_GNU_SOURCE`, so on Linux this writes the name to procfs.
private func nameCurrentThread(_ name: String) {
    #if canImport(Darwin)
    _ = pthread_setname_np(name)
    #else
    let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    _ = name.withCString { write(descriptor, $0, strlen($0)) }
    #endif
}

/// The worker thread could not be started.
struct WorkerThreadError: Error, CustomStringConvertible {
    var errno: Int32
    var name: String

    var description: String { "pthread_create for \(name) failed: \(String(cString: strerror(errno)))" }
}
