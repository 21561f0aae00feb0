#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached OS thread for a device's blocking reads, so they never occupy the cooperative pool.
enum DeviceThread {
    private final class Entry {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        let context = Unmanaged.passRetained(Entry(name: String(name.utf8.prefix(15)) ?? "device", body: body))
            .toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let entry = Unmanaged<Entry>.fromOpaque(raw).takeRetainedValue()
            DeviceThread.nameCurrentThread(entry.name)
            entry.body()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Entry>.fromOpaque(context).release()
            throw SystemCallError(call: "pthread_create", subject: name, errno: rc)
        }
        pthread_detach(thread)
    }

    /// Names the thread for `top -H` and core dumps (Glibc's pthread_setname_np is not exported to Swift).
    static func nameCurrentThread(_ name: String) {
        guard let descriptor = try? Posix.open("/proc/thread-self/comm", flags: O_WRONLY) else { return }
        defer { Posix.close(descriptor) }
        Array(name.utf8).withUnsafeBytes { bytes in
            do { try Posix.writeAll(descriptor, bytes) } catch {}  // a thread without a name still works
        }
    }
}
