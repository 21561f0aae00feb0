import CGatewayLinux
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for a scanner's device node: a pty pair in raw mode whose device side is linked at the path the
/// gateway is configured with. Unplugging closes the controller side (the gateway's reads fail with EIO, as
/// with a USB unplug) and removes the link; replugging makes a new pair at the same path.
///
/// The controller side reports POLLHUP while no process has the device side open, which tells the simulator
/// when the gateway has opened the node (so no scan is written before anyone reads).
final class StandInDevice {
    let path: String
    private(set) var controller: Int32 = -1
    /// Records what the device sends, for `--capture`.
    var recorder: CaptureRecorder?
    /// When bytes were last written, so an unplug leaves the kernel time to deliver them (see `waitUntilRead`).
    private var lastWrite = ContinuousClock.now
    /// The pty's device side (`/dev/pts/N`).
    private(set) var deviceName = ""

    init(path: String) {
        self.path = path
    }

    /// Creates the pty pair and the link.
    func plug() throws {
        var controller: Int32 = -1, device: Int32 = -1
        guard cgl_openpty(&controller, &device) == 0 else { throw ScenarioError(message: "openpty: errno \(errno)") }
        // Raw 8N1 on the device side: the line discipline must pass every byte (0x1D, 0x00, CR) untouched.
        guard cgl_configure_serial(device, 115_200) == 0 else {
            throw ScenarioError(message: "termios: errno \(errno)")
        }
        var name = [CChar](repeating: 0, count: 128)
        guard ttyname_r(device, &name, name.count) == 0 else { throw ScenarioError(message: "ttyname: errno \(errno)") }
        close(device)
        deviceName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(path)
        guard symlink(name, path) == 0 else { throw ScenarioError(message: "symlink \(path): errno \(errno)") }
        self.controller = controller
        recorder?.note("replug")
    }

    /// Waits until a reader has the device side open.
    func waitForReader(timeout: Duration = .seconds(30)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var entry = pollfd(fd: controller, events: Int16(POLLOUT), revents: 0)
            _ = poll(&entry, 1, 0)
            if entry.revents & Int16(POLLHUP) == 0 { return }
            usleep(2_000)
        }
        throw ScenarioError(message: "no reader opened \(path) within \(timeout)")
    }

    func write(_ bytes: [UInt8]) throws {
        defer { lastWrite = .now }
        recorder?.record(bytes)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(controller, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    usleep(1_000)
                    continue
                }
                throw ScenarioError(message: "write: errno \(errno)")
            }
            offset += written
        }
    }

    /// Waits until the reader has taken every byte written (the device side's input queue is empty), so an
    /// unplug that follows loses nothing already delivered, as with a real USB device. The kernel moves bytes
    /// from the controller to the device side's queue on a work queue, so "empty" must hold for a few
    /// consecutive looks before it is believed.
    func waitUntilRead(timeout: Duration = .seconds(10)) {
        let deadline = ContinuousClock.now + timeout
        // Bytes written to the controller reach the device side through the kernel's tty flip buffer, a deferred
        // work item: on a busy machine they can be in flight for several milliseconds while the device side still
        // reports nothing queued. Wait for the controller's output to drain, then for 100 ms of empty looks, or an
        // unplug can discard a scan the gateway never got to read (seen in CI under load).
        // The device side's queue only shows bytes the flip work has already delivered, so "nothing queued" is
        // trusted only half a second after the last write.
        if controller >= 0 { _ = tcdrain(controller) }
        let settled = lastWrite + .milliseconds(500)
        var emptyLooks = 0
        while ContinuousClock.now < deadline && (emptyLooks < 50 || ContinuousClock.now < settled) {
            let descriptor = open(deviceName, O_RDWR | O_NOCTTY | O_NONBLOCK)
            guard descriptor >= 0 else { return }
            var pending: Int32 = 0
            let rc = ioctl(descriptor, UInt(FIONREAD), &pending)
            close(descriptor)
            if rc != 0 { return }
            emptyLooks = pending == 0 ? emptyLooks + 1 : 0
            usleep(2_000)
        }
    }

    /// Removes the link and closes the controller: the device is gone.
    func unplug() {
        if controller >= 0 { recorder?.note("unplug") }
        unlink(path)
        if controller >= 0 { close(controller) }
        controller = -1
    }

    deinit { unplug() }
}
