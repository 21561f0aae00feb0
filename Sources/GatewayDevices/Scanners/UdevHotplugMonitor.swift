import CUdev
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Watches udev for scanner nodes appearing and disappearing (subsystems input, hidraw, tty) on its own
/// thread, and calls `changed` for each, so readers retry at once instead of at the end of their backoff.
///
/// With udevd it listens to the "udev" source (events after the rules ran, with the `SPD_*` properties).
/// Without udevd (containers) it listens to the "kernel" source, which still sees raw add/remove uevents;
/// readers then find their devices by enumeration and configured paths.
public final class UdevHotplugMonitor: Sendable {
    /// One hotplug event.
    public struct Change: Sendable, Equatable {
        public var action: String
        public var subsystem: String
        public var node: String?
    }

    /// The event source in use: "udev" or "kernel".
    public let source: String
    private let stopped = Locked(false)

    public init() {
        source = UdevDirectory.hasUdevDaemon ? "udev" : "kernel"
    }

    /// Starts watching; returns an error when netlink is unavailable (readers still retry on their own).
    public func start(_ changed: @escaping @Sendable (Change) -> Void) throws(SystemCallError) {
        guard let udev = udev_new() else { throw SystemCallError(call: "udev_new", errno: errno) }
        guard let monitor = udev_monitor_new_from_netlink(udev, source) else {
            udev_unref(udev)
            throw SystemCallError(call: "udev_monitor_new_from_netlink", subject: source, errno: errno)
        }
        for subsystem in ["input", "hidraw", "tty"] {
            _ = udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil)
        }
        guard udev_monitor_enable_receiving(monitor) >= 0 else {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            throw SystemCallError(call: "udev_monitor_enable_receiving", subject: source, errno: errno)
        }
        let handles = Handles(udev: udev, monitor: monitor)
        try DeviceThread.start(name: "udev-monitor") { [self] in
            watch(handles, changed)
        }
    }

    public func stop() { stopped.withLock { $0 = true } }

    private final class Handles: @unchecked Sendable {
        // @unchecked: used by the monitor thread only after start() hands them over.
        let udev: OpaquePointer
        let monitor: OpaquePointer
        init(udev: OpaquePointer, monitor: OpaquePointer) {
            self.udev = udev
            self.monitor = monitor
        }
        deinit {
            udev_monitor_unref(monitor)
            udev_unref(udev)
        }
    }

    private func watch(_ handles: Handles, _ changed: @Sendable (Change) -> Void) {
        let descriptor = udev_monitor_get_fd(handles.monitor)
        while !stopped.withLock({ $0 }) {
            guard let events = try? Posix.pollInput(descriptor, timeoutMilliseconds: 200), events != 0 else { continue }
            guard let device = udev_monitor_receive_device(handles.monitor) else { continue }
            defer { udev_device_unref(device) }
            let action = udev_device_get_action(device).map { String(cString: $0) } ?? "change"
            let subsystem = udev_device_get_subsystem(device).map { String(cString: $0) } ?? ""
            let node = udev_device_get_devnode(device).map { String(cString: $0) }
            changed(Change(action: action, subsystem: subsystem, node: node))
        }
    }
}
