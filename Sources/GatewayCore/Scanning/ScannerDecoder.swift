/// The decoder for one scanner of any kind, behind one interface: bytes in (as one `read(2)` returned them),
/// scans out. The device layer and the fixture replay both drive it, so recorded captures exercise exactly
/// the code path the daemon runs.
public struct ScannerDecoder: Sendable {
    enum State: Sendable {
        case wedge(records: InputEventRecordDecoder, keys: KeyboardWedgeDecoder)
        /// `messages`: each read is one report (a real hidraw node); otherwise a byte stream (a stand-in).
        case hidpos(HIDPOSReportAssembler, messages: Bool)
        case serial(SerialScanFramer)
    }

    var state: State
    /// When the last read arrived. A wedge's idle timeout runs from it rather than from the events' own
    /// timestamps, which are on the realtime clock when the kernel refused EVIOCSCLOCKID.
    var lastRead: UInt64 = 0

    /// A decoder for `settings`; `messageBoundaries` says whether a HID-POS node delivers one report per read
    /// (true for real hidraw nodes, false for stand-ins that deliver a stream).
    public init(settings: ScannerSettings, messageBoundaries: Bool = true) {
        switch settings.kind {
        case .evdev:
            state = .wedge(
                records: InputEventRecordDecoder(), keys: KeyboardWedgeDecoder(options: settings.wedgeOptions))
        case .hidpos:
            state = .hidpos(HIDPOSReportAssembler(), messages: messageBoundaries)
        case .serial:
            state = .serial(
                SerialScanFramer(terminator: settings.serialTerminator, idleTimeout: settings.idleTimeout))
        }
    }

    /// Decodes the bytes of one read, received at `time` (monotonic nanoseconds; evdev records carry their own).
    public mutating func decode(read bytes: ArraySlice<UInt8>, atNanoseconds time: UInt64) -> [ScanFrame] {
        var frames: [ScanFrame] = []
        var input = bytes
        lastRead = time
        switch state {
        case .wedge(var records, var keys):
            while let event = records.decode(buffer: &input) {
                if let frame = keys.decode(event: event) { frames.append(frame) }
            }
            state = .wedge(records: records, keys: keys)
        case .hidpos(var assembler, let messages):
            if messages {
                if let frame = assembler.decode(report: input, atNanoseconds: time) { frames.append(frame) }
                while let frame = assembler.nextFrame() { frames.append(frame) }
            } else {
                while let frame = assembler.decode(stream: &input, atNanoseconds: time) { frames.append(frame) }
            }
            state = .hidpos(assembler, messages: messages)
        case .serial(var framer):
            while let frame = framer.decode(buffer: &input, atNanoseconds: time) { frames.append(frame) }
            state = .serial(framer)
        }
        return frames
    }

    /// When the buffered partial scan times out (monotonic nanoseconds), or nil.
    public var idleDeadline: UInt64? {
        switch state {
        case .wedge(_, let keys):
            keys.hasPartialScan ? keys.options.idleTimeout.map { lastRead &+ $0.nanosecondsValue } : nil
        case .hidpos(let assembler, _): assembler.idleDeadline
        case .serial(let framer): framer.idleDeadline
        }
    }

    /// Ends a partial scan whose idle timeout passed.
    public mutating func flushIfIdle(atNanoseconds now: UInt64) -> ScanFrame? {
        switch state {
        case .wedge(let records, var keys):
            guard let deadline = idleDeadline, now >= deadline else { return nil }
            defer { state = .wedge(records: records, keys: keys) }
            return keys.flushPartial()
        case .hidpos(var assembler, let messages):
            // A multi-report scan whose last report never came must not wait to be glued to the next scan.
            defer { state = .hidpos(assembler, messages: messages) }
            return assembler.flushIfIdle(atNanoseconds: now)
        case .serial(var framer):
            defer { state = .serial(framer) }
            return framer.flushIfIdle(atNanoseconds: now)
        }
    }

    /// The device went away: the partial scan, if any, and a clean state for the next device.
    public mutating func interrupt(reason: String) -> ScanFrame? {
        switch state {
        case .wedge(var records, var keys):
            records.reset()
            defer { state = .wedge(records: records, keys: keys) }
            return keys.interrupt(reason: reason)
        case .hidpos(var assembler, let messages):
            defer { state = .hidpos(assembler, messages: messages) }
            return assembler.interrupt(reason: reason)
        case .serial(var framer):
            defer { state = .serial(framer) }
            return framer.interrupt(reason: reason)
        }
    }

    /// Switches a HID-POS decoder between report-per-read and stream input (once the node's type is known).
    public mutating func setMessageBoundaries(_ messages: Bool) {
        if case .hidpos(let assembler, _) = state { state = .hidpos(assembler, messages: messages) }
    }
}
