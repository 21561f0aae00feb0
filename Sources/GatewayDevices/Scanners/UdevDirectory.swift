import CUdev
import GatewayCore

/// One device node as udev lists it: the node, its subsystem, and its properties (`ID_SERIAL_SHORT`,
/// `ID_PATH_TAG`, and the project rules' `SPD_GATEWAY_ROLE` / `SPD_SCANNER_KIND`).
public struct UdevDevice: Sendable, Equatable {
    public var node: String
    public var subsystem: String
    public var properties: [String: String]

    /// Whether the project's udev rules (udev-rules/60-spd-gateway.rules) tagged it as a scanner.
    public var isTaggedScanner: Bool { properties["SPD_GATEWAY_ROLE"] == "scanner" }
}

/// Device enumeration through libudev. Works without udevd (it reads /sys), but then the `ID_*` and `SPD_*`
/// properties that rules add are missing, so matching by serial or port finds nothing and configured paths
/// are the fallback (see TOOLCHAIN.md).
public enum UdevDirectory {
    /// Whether udevd runs here (it owns /run/udev/control); containers usually have none.
    public static var hasUdevDaemon: Bool { Posix.exists("/run/udev/control") }

    /// The device nodes of one subsystem (`input`, `hidraw`, `tty`), with their properties.
    public static func devices(subsystem: String) -> [UdevDevice] {
        guard let udev = udev_new() else { return [] }
        defer { udev_unref(udev) }
        guard let enumerate = udev_enumerate_new(udev) else { return [] }
        defer { udev_enumerate_unref(enumerate) }
        guard udev_enumerate_add_match_subsystem(enumerate, subsystem) >= 0,
            udev_enumerate_scan_devices(enumerate) >= 0
        else { return [] }
        var result: [UdevDevice] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            defer { entry = udev_list_entry_get_next(current) }
            guard let syspath = udev_list_entry_get_name(current),
                let device = udev_device_new_from_syspath(udev, syspath)
            else { continue }
            defer { udev_device_unref(device) }
            guard let node = udev_device_get_devnode(device) else { continue }
            result.append(
                UdevDevice(node: String(cString: node), subsystem: subsystem, properties: properties(of: device)))
        }
        return result
    }

    static func properties(of device: OpaquePointer) -> [String: String] {
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        return properties
    }

    /// Where the configured scanner is now: the node udev lists that matches `match_*` (so a replugged scanner
    /// is found on its new node), else the configured `path`.
    public static func locate(_ settings: ScannerSettings) -> String? {
        if !settings.match.isEmpty {
            let found = devices(subsystem: settings.kind.udevSubsystem)
            if let index = settings.selectNode(among: found.map(\.properties)) { return found[index].node }
        }
        guard let path = settings.path, Posix.exists(path) else { return nil }
        return path
    }
}
