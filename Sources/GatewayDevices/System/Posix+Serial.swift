#if canImport(Glibc)
import Glibc
#endif

extension Posix {
    /// Puts a serial port (or pty) in raw 8N1 mode at `baud`; no RS-485 ioctls (they fail with ENOTTY on a pty and
    /// USB adapters switch direction in hardware).
    public static func configureRawSerial(_ descriptor: Int32, baud: Int, subject: String) throws(SystemCallError) {
        let speeds: [Int: Int32] = [
            1200: B1200, 2400: B2400, 4800: B4800, 9600: B9600, 19_200: B19200, 38_400: B38400, 57_600: B57600,
            115_200: B115200,
        ]
        guard let speed = speeds[baud] else {
            throw SystemCallError(call: "cfsetspeed", subject: subject, errno: EINVAL)
        }
        var settings = termios()
        _ = try retrying("tcgetattr", subject: subject) { tcgetattr(descriptor, &settings) }
        cfmakeraw(&settings)
        _ = try retrying("cfsetspeed", subject: subject) { cfsetspeed(&settings, speed_t(speed)) }
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        _ = try retrying("tcsetattr", subject: subject) { tcsetattr(descriptor, TCSANOW, &settings) }
    }

    /// `poll(2)` for input on one descriptor; true when readable (or hung up) before `timeoutMilliseconds`.
    public static func waitReadable(
        _ descriptor: Int32, timeoutMilliseconds: Int32, subject: String? = nil
    ) throws(SystemCallError) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try retrying("poll", subject: subject) { Glibc.poll(&entry, 1, timeoutMilliseconds) }
        return ready > 0
    }
}
