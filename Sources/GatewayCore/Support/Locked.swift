#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a pthread mutex that lives on the heap.
///
/// Used instead of the standard library's `Synchronization.Mutex`: with Swift 6.3.1 on Linux, a `Mutex` stored
/// in a class after other stored properties crashed debug builds when strings in the guarded value were read
/// (seen in this project's `MemoryOutbox`; moving the property first made it go away, which points at layout).
/// A heap-allocated `pthread_mutex_t` has a fixed address and a layout nobody can get wrong.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
