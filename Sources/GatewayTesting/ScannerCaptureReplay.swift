import GatewayCodes
import GatewayCore

/// Replays a ``ScannerCapture`` through exactly the pure path the daemon runs for a scanner (decoder, pipeline,
/// dock session) against a manual clock, and returns the event drafts the daemon would commit. The fixture
/// tests compare them, as JSON lines, with the recorded `*.log.chk`.
public enum ScannerCaptureReplay {
    /// A capture whose configuration is not a valid `[[scanner]]`.
    public struct ConfigurationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Wall clock of the first entry (2026-11-23T08:00:00Z), so replays are identical on every machine.
    public static let wallBase: Int64 = 1_795_420_800_000

    public static func replay(_ capture: ScannerCapture, resolver: (any CodeResolver)? = nil) throws
        -> [EventDraft]
    {
        let document = "[gateway]\nid = \"replay\"\n" + capture.configuration.joined(separator: "\n") + "\n"
        let config: GatewayConfig
        do {
            config = try GatewayConfig.load(text: document, file: "capture")
        } catch {
            throw ConfigurationError(description: "\(error)")
        }
        guard let settings = config.scanners.first else {
            throw ConfigurationError(description: "the capture configures no [[scanner]]")
        }
        let start = capture.entries.first?.time ?? 0
        let clock = ManualClock(wallMilliseconds: wallBase, monotonicNanoseconds: start)
        func move(to time: UInt64) {
            let now = clock.monotonicNanoseconds()
            if time > now { clock.advance(by: .nanoseconds(Int64(time - now))) }
        }
        let options = DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23))
        var pipeline = ScannerPipeline(
            scannerID: settings.id, station: settings.station,
            builder: ScanEventBuilder(decoder: CodeDecoder(options: options)),
            substitution: GroupSeparatorSubstitution(settings.gsSubstitutes),
            doubleReadWindow: settings.doubleReadWindow)
        var session = config.dock.map { DockSession(station: settings.station, settings: $0, resolver: resolver) }
        var decoder = ScannerDecoder(settings: settings, messageBoundaries: capture.reportPerRead)
        var drafts: [EventDraft] = []
        func emit(_ frame: ScanFrame) {
            guard var draft = pipeline.draft(
                for: frame, wallMilliseconds: clock.wallMilliseconds(),
                monotonicNanoseconds: clock.monotonicNanoseconds())
            else { return }
            if frame.isComplete, settings.dock, var current = session {
                draft = current.handle(draft)
                session = current
            }
            drafts.append(draft)
        }
        func device(_ state: String, _ detail: String) {
            drafts.append(pipeline.deviceDraft(
                kind: settings.kind.deviceKind, state: state, detail: detail,
                wallMilliseconds: clock.wallMilliseconds(), monotonicNanoseconds: clock.monotonicNanoseconds()))
        }
        func flushIdle(before time: UInt64) {
            if let deadline = decoder.idleDeadline, deadline <= time {
                move(to: deadline)
                if let frame = decoder.flushIfIdle(atNanoseconds: deadline) { emit(frame) }
            }
        }
        device("attached", "capture")
        for entry in capture.entries {
            flushIdle(before: entry.time)
            move(to: entry.time)
            switch entry {
            case .read(_, let bytes):
                for frame in decoder.decode(read: bytes[...], atNanoseconds: entry.time) { emit(frame) }
            case .unplug:
                if let frame = decoder.interrupt(reason: "device unplugged (end of file)") { emit(frame) }
                device("detached", "capture: device unplugged (end of file)")
            case .replug:
                device("attached", "capture")
            }
        }
        flushIdle(before: UInt64.max)
        return drafts
    }
}
