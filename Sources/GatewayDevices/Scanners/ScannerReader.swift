import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads one scanner on its own thread: finds its node (configured path or udev match), opens and sets it up,
/// decodes what it sends into scans, and survives unplugs: a read error or end of file ends the partial scan
/// as interrupted, reports the detach, and retries with backoff (or at once when ``wake()`` signals hotplug). The
/// backoff starts over only once a node has stayed attached for 10 s or delivered data, and a node that keeps
/// failing the same way right after it opens is reported attached / detached once, not on every retry.
///
/// Everything it sees goes to `report`, on the reader thread, in order.
public final class ScannerReader: Sendable {
    /// What the reader tells its owner.
    public enum Report: Sendable {
        /// The node was opened and set up.
        case attached(path: String, notes: [String])
        /// The node went away or failed after being attached.
        case detached(path: String, reason: String)
        /// The scanner cannot be opened; reported once per distinct reason. `present` is false when its node
        /// does not exist (unplugged: expected), true when it exists but fails (permission, set-up).
        case unavailable(reason: String, present: Bool)
        /// A scan, with the monotonic time its last byte was read.
        case frame(ScanFrame, readAtNanoseconds: UInt64)
        /// The thread ended after ``stop()``; nothing follows.
        case stopped
    }

    public let settings: ScannerSettings
    private let clock: any GatewayClock
    private let locate: @Sendable (ScannerSettings) -> String?
    private let report: @Sendable (Report) -> Void
    private let control = Locked((stopped: false, woken: false))
    private let finished = Locked(false)

    /// - Parameters:
    ///   - locate: where the scanner's node is now (default: ``UdevDirectory/locate(_:)``).
    ///   - report: called on the reader thread.
    public init(
        settings: ScannerSettings, clock: any GatewayClock,
        locate: @escaping @Sendable (ScannerSettings) -> String? = UdevDirectory.locate,
        report: @escaping @Sendable (Report) -> Void
    ) {
        self.settings = settings
        self.clock = clock
        self.locate = locate
        self.report = report
    }

    /// Starts the reader thread.
    public func start() throws(SystemCallError) {
        try DeviceThread.start(name: "scan-\(settings.id)") { [self] in
            run()
            finished.withLock { $0 = true }
            report(.stopped)
        }
    }

    /// Asks the thread to stop; it ends within one poll interval, reporting a partial scan if one was buffered.
    public func stop() { control.withLock { $0.stopped = true } }

    /// Whether the thread has ended after ``stop()``.
    public var isFinished: Bool { finished.withLock { $0 } }

    /// Hotplug: a device appeared or went; retry opening now instead of at the end of the backoff.
    public func wake() { control.withLock { $0.woken = true } }

    private var isStopped: Bool { control.withLock { $0.stopped } }

    static let pollInterval: Int32 = 100
    static let backoffMinimum: UInt64 = 100_000_000
    static let backoffMaximum: UInt64 = 5_000_000_000
    /// How long a node must stay attached (unless it delivers data first) before the backoff starts over: a node
    /// that opens and then fails at once must not be reopened every 100 ms for ever.
    static let provenAfter: UInt64 = 10_000_000_000

    /// One attachment of a node, as ``read(_:decoder:attachment:)`` leaves it.
    private struct Attachment {
        let path: String
        let notes: [String]
        let since: UInt64
        /// Whether `attached` was reported (a repeat of a node that failed at once is reported only when it proves
        /// itself, so a flapping node does not flood the outbox with attached / detached events).
        var reported: Bool
        /// Stayed attached for ``ScannerReader/provenAfter`` or delivered data.
        var proven = false
    }

    private func run() {
        var decoder = ScannerDecoder(settings: settings)
        var backoff = Self.backoffMinimum
        var lastUnavailable: String?
        // The node and reason of the last attachment that failed before it proved itself.
        var flapping: (path: String, reason: String)?
        while !isStopped {
            guard let path = locate(settings) else {
                let reason =
                    settings.path.map { "\($0) does not exist" } ?? "no device matches the configured match_* keys"
                if lastUnavailable != reason { report(.unavailable(reason: reason, present: false)) }
                lastUnavailable = reason
                pause(&backoff)
                continue
            }
            let node: ScannerNode
            do {
                node = try ScannerNode(path: path, settings: settings)
            } catch {
                let reason = "\(error)"
                if lastUnavailable != reason { report(.unavailable(reason: reason, present: error.errno != ENOENT)) }
                lastUnavailable = reason
                pause(&backoff)
                continue
            }
            lastUnavailable = nil
            decoder.setMessageBoundaries(node.reportPerRead)
            var attachment = Attachment(
                path: path, notes: node.notes, since: clock.monotonicNanoseconds(), reported: flapping?.path != path)
            if attachment.reported { report(.attached(path: path, notes: node.notes)) }
            let reason = read(node, decoder: &decoder, attachment: &attachment)
            if attachment.proven {
                backoff = Self.backoffMinimum
                flapping = nil
            }
            if let partial = decoder.interrupt(reason: reason) {
                reportAttached(&attachment)
                report(.frame(partial, readAtNanoseconds: clock.monotonicNanoseconds()))
            }
            if isStopped { return }
            // The same quick failure again: already reported, and the backoff grows; anything new is reported.
            if attachment.reported || flapping?.reason != reason {
                reportAttached(&attachment)
                report(.detached(path: path, reason: reason))
            }
            if !attachment.proven { flapping = (path, reason) }
            pause(&backoff)
        }
    }

    private func reportAttached(_ attachment: inout Attachment) {
        guard !attachment.reported else { return }
        attachment.reported = true
        report(.attached(path: attachment.path, notes: attachment.notes))
    }

    /// Reads until the node fails or the reader stops; returns why it ended.
    private func read(_ node: ScannerNode, decoder: inout ScannerDecoder, attachment: inout Attachment) -> String {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { buffer.deallocate() }
        while !isStopped {
            var timeout = Self.pollInterval
            if let deadline = decoder.idleDeadline {
                let now = clock.monotonicNanoseconds()
                timeout = deadline <= now ? 0 : Int32(min(UInt64(timeout), (deadline - now) / 1_000_000 + 1))
            }
            let events: Int16
            do {
                events = try Posix.pollInput(node.descriptor, timeoutMilliseconds: timeout, subject: node.path)
            } catch {
                return "\(error)"
            }
            let now = clock.monotonicNanoseconds()
            if !attachment.proven, now &- attachment.since >= Self.provenAfter {
                attachment.proven = true
                reportAttached(&attachment)
            }
            if events & Int16(POLLIN) != 0 {
                let count: Int
                do {
                    count = try node.read(into: buffer)
                } catch {
                    if error.errno == EAGAIN { continue }
                    return error.errno == EIO || error.errno == ENODEV ? "device unplugged (\(error))" : "\(error)"
                }
                if count == 0 { return "device unplugged (end of file)" }
                attachment.proven = true
                reportAttached(&attachment)
                let bytes = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                for frame in decoder.decode(read: bytes[...], atNanoseconds: now) {
                    report(.frame(frame, readAtNanoseconds: now))
                }
            } else if events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                return "device unplugged (hang-up)"
            } else if let frame = decoder.flushIfIdle(atNanoseconds: now) {
                report(.frame(frame, readAtNanoseconds: now))
            }
        }
        return "gateway stopping"
    }

    /// Sleeps for the backoff (in short slices, so stop and wake are prompt), then doubles it.
    private func pause(_ backoff: inout UInt64) {
        let deadline = clock.monotonicNanoseconds() &+ backoff
        backoff = min(backoff * 2, Self.backoffMaximum)
        while !isStopped && clock.monotonicNanoseconds() < deadline {
            if control.withLock({ state in defer { state.woken = false }; return state.woken }) { return }
            var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
            nanosleep(&pause, nil)
        }
    }
}
