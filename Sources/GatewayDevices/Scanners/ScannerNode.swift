import CGatewayLinux
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// An open scanner device node, set up for its kind: an evdev node grabbed (when it is one) and switched to the
/// monotonic clock; a hidraw node probed and optionally put into HID-POS mode; a tty in raw 8N1 at the baud.
///
/// Stand-ins (a pty made by `spd-sim scanner`) answer the evdev and hidraw ioctls with ENOTTY: the node is
/// still read, the grab is skipped, and the facts are in ``notes`` for the log.
public final class ScannerNode: @unchecked Sendable {
    // @unchecked: the descriptor is used by one reader thread only, and closed in deinit.
    public let path: String
    public let descriptor: Int32
    /// Whether each read returns exactly one HID report (a real hidraw node).
    public private(set) var reportPerRead = false
    /// What set-up found, for the log (`grab skipped: not an evdev node`).
    public private(set) var notes: [String] = []
    /// The device's own name (EVIOCGNAME), when it has one.
    public private(set) var name: String?

    /// Opens and sets up the node at `path` for `settings`.
    public init(path: String, settings: ScannerSettings) throws(SystemCallError) {
        self.path = path
        // O_NOCTTY for every kind: a stand-in node is a pty, which must not become our controlling terminal.
        let flags: Int32 = (settings.kind == .evdev ? O_RDONLY : O_RDWR) | O_NOCTTY
        descriptor = try Posix.open(path, flags: flags | O_NONBLOCK)
        // A failed set-up is not closed here: every stored property is set by now, so a throw runs `deinit`, which
        // closes the descriptor. Closing it here as well closed the number twice, and the second close could hit
        // whatever another thread had opened under that number in between (a socket, the outbox's file).
        switch settings.kind {
        case .evdev: try setUpEvdev(grab: settings.grab)
        case .hidpos: try setUpHidraw(featureReport: settings.hidposFeatureReport)
        case .serial:
            try Posix.ioctl("termios", subject: path) { cgl_configure_serial(descriptor, UInt32(settings.baud)) }
        }
    }

    deinit {
        // Closing releases an EVIOCGRAB grab too.
        Posix.close(descriptor)
    }

    /// Reads what is available into `buffer`; 0 means end of file (the device went away).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        try Posix.read(descriptor, into: buffer, subject: path)
    }

    private func setUpEvdev(grab: Bool) throws(SystemCallError) {
        var nameBuffer = [CChar](repeating: 0, count: 256)
        if cgl_evdev_name(descriptor, &nameBuffer, nameBuffer.count) < 0 {
            guard Self.isNotThisKindOfNode(errno) else {
                throw SystemCallError(call: "ioctl(EVIOCGNAME)", subject: path, errno: errno)
            }
            notes.append("not an evdev node (a stand-in): grab and clock set-up skipped")
            return
        }
        name = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if cgl_evdev_set_monotonic_clock(descriptor) < 0 {
            notes.append("events keep the realtime clock (EVIOCSCLOCKID failed, errno \(errno))")
        }
        if grab {
            // Exclusive: keystrokes of the scanner must never reach a console or a kiosk session.
            try Posix.ioctl("EVIOCGRAB", subject: path) { cgl_evdev_grab(descriptor, 1) }
            notes.append("grabbed exclusively")
        }
    }

    private func setUpHidraw(featureReport: Bool) throws(SystemCallError) {
        var info = hidraw_devinfo()
        if cgl_hidraw_info(descriptor, &info) < 0 {
            guard Self.isNotThisKindOfNode(errno) else {
                throw SystemCallError(call: "ioctl(HIDIOCGRAWINFO)", subject: path, errno: errno)
            }
            notes.append("not a hidraw node (a stand-in): reports are read as a 64-byte stream")
            return
        }
        reportPerRead = true
        notes.append("hidraw vendor \(Self.hex(info.vendor)) product \(Self.hex(info.product))")
        var report = [UInt8](repeating: 0, count: 4096)
        let length = cgl_hidraw_report_descriptor(descriptor, &report, report.count)
        if length > 0, !HIDReportDescriptor.isHIDPOS(Array(report.prefix(Int(length)))) {
            // Read anyway (the reports are counted as foreign, nothing is lost), but say what is likely wrong.
            notes.append("no HID-POS usage page (0x8C) in the report descriptor: is the scanner in keyboard mode?")
        }
        if featureReport {
            // Honeywell: feature report 254 = 1 switches the scanner to HID-POS output.
            let report: [UInt8] = [0xFE, 0x01]
            try Posix.ioctl("HIDIOCSFEATURE", subject: path) {
                cgl_hidraw_set_feature(descriptor, report, report.count)
            }
            notes.append("HID-POS mode enabled (feature report 254)")
        }
    }

    static func isNotThisKindOfNode(_ code: Int32) -> Bool { code == ENOTTY || code == EINVAL }

    static func hex(_ value: Int16) -> String {
        let text = String(UInt16(bitPattern: value), radix: 16)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
