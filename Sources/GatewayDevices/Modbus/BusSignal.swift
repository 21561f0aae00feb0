#if canImport(Glibc)
import Glibc
#endif

/// A mutex and a condition variable on CLOCK_MONOTONIC: the bus thread sleeps between poll cycles and wakes early
/// when a write (an unlock) or a stop arrives.
final class BusSignal: @unchecked Sendable {
    // @unchecked: the pthread objects live on the heap at fixed addresses and are only used through pthread calls.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending = false

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Wakes the waiter (now, or its next wait returns at once).
    func signal() {
        pthread_mutex_lock(mutex)
        pending = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits until `deadline` (CLOCK_MONOTONIC nanoseconds) or a signal, whichever comes first.
    func wait(untilMonotonic deadline: UInt64) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while !pending {
            if pthread_cond_timedwait(condition, mutex, &time) == ETIMEDOUT { break }
        }
        pending = false
    }
}

/// Starts a detached, named OS thread running `body`.
enum BusThread {
    /// - Returns: 0, or the error number from pthread_create.
    static func start(name: String, _ body: @escaping () -> Void) -> Int32 {
        let context = Unmanaged.passRetained(BusThreadEntry(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let entry = Unmanaged<BusThreadEntry>.fromOpaque(raw).takeRetainedValue()
            nameBusThread(entry.name)
            entry.body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<BusThreadEntry>.fromOpaque(context).release()
            return result
        }
        pthread_detach(thread)
        return 0
    }
}

private final class BusThreadEntry {
    let name: String
    let body: () -> Void

    init(name: String, body: @escaping () -> Void) {
        self.name = name
        self.body = body
    }
}

/// Names the calling thread for `top -H` (pthread_setname_np is not in the Glibc module; procfs does the same).
private func nameBusThread(_ name: String) {
    guard let descriptor = try? Posix.open("/proc/thread-self/comm", flags: O_WRONLY) else { return }
    defer { Posix.close(descriptor) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { buffer in
        Result { () throws(SystemCallError) in try Posix.writeAll(descriptor, buffer) }
    }
}
