/// Assembles scans from HID-POS input reports (USB HID usage page 0x8C, "bar code scanner"), as read from a
/// hidraw node: report ID 2, then a length byte, three AIM symbology-identifier bytes, 56 data bytes, two
/// reserved bytes, and a "more reports follow" flag. A long code spans several reports.
///
/// Byte offsets below count from the report ID (hidraw delivers it as the first byte of numbered reports):
/// `[0]` = 2, `[1]` = data length, `[2...4]` = AIM id, `[5..<61]` = data, `[63]` != 0 = more follows.
///
/// A scan's reports follow each other within a few USB polling intervals. Held reports whose continuation does not
/// come within ``interReportTimeout`` (``flushIfIdle(atNanoseconds:)``, or the next report arriving late), or that a
/// report with another AIM id follows, end as an interrupted, damaged scan: never glued to the next, unrelated one.
public struct HIDPOSReportAssembler: Sendable {
    /// Size of one report including its ID byte.
    public static let reportSize = 64
    /// The input report ID of scanned data.
    public static let scanReportID: UInt8 = 2
    /// Data bytes one report carries.
    public static let dataCapacity = 56

    /// What the assembler set aside rather than reported.
    public struct Counters: Sendable, Equatable {
        /// Reports with another report ID (status, feature replies) or garbage.
        public var foreignReports = 0
        /// Reports shorter than 64 bytes or with a length beyond the data area.
        public var malformedReports = 0
    }

    public private(set) var counters = Counters()
    /// How long held reports wait for their continuation (nanoseconds).
    public let interReportTimeout: UInt64
    private var data: [UInt8] = []
    /// Held reports ended early (a late continuation, another AIM id), waiting to be handed out before the scan
    /// that ended them.
    private var ready: [ScanFrame] = []
    private var symbology: String?
    private var damage: String?
    private var firstTime: UInt64 = 0
    private var lastTime: UInt64 = 0
    /// Bytes of a report split across reads (stand-in devices that deliver a stream, not whole reports).
    private var streamPending: [UInt8] = []

    /// The default ``interReportTimeout``: far beyond a scanner's report spacing (1-10 ms), far below the time
    /// a person takes to aim at the next code.
    public static let defaultInterReportTimeout: Duration = .milliseconds(150)

    public init(interReportTimeout: Duration = Self.defaultInterReportTimeout) {
        self.interReportTimeout = interReportTimeout.nanosecondsValue
    }

    /// Whether part of a multi-report scan is held.
    public var hasPartialScan: Bool { !data.isEmpty }

    /// When held reports stop waiting for their continuation (monotonic nanoseconds), or nil.
    public var idleDeadline: UInt64? { data.isEmpty ? nil : lastTime &+ interReportTimeout }

    /// Ends held reports whose continuation did not arrive in time, as an interrupted scan.
    public mutating func flushIfIdle(atNanoseconds now: UInt64) -> ScanFrame? {
        if !ready.isEmpty { return ready.removeFirst() }
        guard let deadline = idleDeadline, now >= deadline else { return nil }
        return endHeld(lateContinuation)
    }

    /// A frame ended while a report was decoded that ``decode(report:atNanoseconds:)`` could not return with it
    /// (held reports ended by the next scan's first report come first). Call until it returns nil.
    public mutating func nextFrame() -> ScanFrame? { ready.isEmpty ? nil : ready.removeFirst() }

    /// Why held reports ended when their continuation came too late, or not at all.
    private var lateContinuation: String {
        "the next report did not arrive within \(interReportTimeout / 1_000_000) ms"
    }

    private mutating func endHeld(_ reason: String) -> ScanFrame? {
        guard !data.isEmpty else { return nil }
        noteDamage(reason)
        return finish(.interrupted)
    }

    /// Feeds one report exactly as one `read(2)` on a hidraw node returned it. A report shorter than 64 bytes
    /// is truncated: what it holds is kept, and the scan it belongs to is marked damaged.
    public mutating func decode(report: ArraySlice<UInt8>, atNanoseconds time: UInt64) -> ScanFrame? {
        guard let reportID = report.first, reportID == Self.scanReportID else {
            counters.foreignReports += 1
            return nil
        }
        let base = report.startIndex
        guard report.count >= 5 else {
            counters.malformedReports += 1
            noteDamage("a report of \(report.count) bytes was truncated before its data")
            return nil
        }
        var length = Int(report[base + 1])
        if length > Self.dataCapacity {
            counters.malformedReports += 1
            noteDamage("a report claimed \(length) data bytes, more than the \(Self.dataCapacity) it can hold")
            length = Self.dataCapacity
        }
        let available = report.count - 5
        if available < length {
            counters.malformedReports += 1
            noteDamage("a report of \(report.count) bytes was truncated (expected \(Self.reportSize))")
            length = available
        }
        let aim = Self.aimIdentifier(report[(base + 2)..<(base + 5)])
        if !data.isEmpty {
            // Not the continuation of the held reports: a late one (the scanner gave up on the rest, or this is
            // the next code) or another symbology. The held part is a damaged scan of its own.
            var held: ScanFrame?
            if time &- lastTime > interReportTimeout {
                held = endHeld(lateContinuation)
            } else if aim != symbology {
                held = endHeld("a report with AIM id \(aim ?? "none") followed before the scan's last report")
            }
            if let held {
                let own = decode(report: report, atNanoseconds: time)
                if let own { ready.append(own) }
                return held
            }
        }
        if data.isEmpty {
            firstTime = time
            symbology = aim
        }
        lastTime = time
        data.append(contentsOf: report[(base + 5)..<(base + 5 + length)])
        // Without the flag byte (a truncated report) the scan is taken as ended: waiting for a continuation
        // that may never come would hold the scan back.
        let more = report.count >= Self.reportSize && report[base + Self.reportSize - 1] != 0
        return more ? nil : finish(.terminator)
    }

    /// Feeds bytes from a stand-in that delivers reports as a byte stream (a pty): splits them into 64-byte
    /// reports first. Call again with an empty slice until it returns nil.
    public mutating func decode(stream buffer: inout ArraySlice<UInt8>, atNanoseconds time: UInt64) -> ScanFrame? {
        if !ready.isEmpty { return ready.removeFirst() }
        while !buffer.isEmpty {
            let take = min(Self.reportSize - streamPending.count, buffer.count)
            streamPending.append(contentsOf: buffer.prefix(take))
            buffer = buffer.dropFirst(take)
            if streamPending.count == Self.reportSize {
                let report = streamPending
                streamPending.removeAll(keepingCapacity: true)
                if let frame = decode(report: report[...], atNanoseconds: time) { return frame }
            }
        }
        return nil
    }

    /// The device went away or failed mid-scan: the reports received so far as an interrupted scan.
    public mutating func interrupt(reason: String) -> ScanFrame? {
        streamPending.removeAll()
        guard !data.isEmpty else {
            damage = nil
            return nil
        }
        noteDamage(reason)
        return finish(.interrupted)
    }

    private mutating func noteDamage(_ note: String) {
        damage = damage.map { "\($0); \(note)" } ?? note
    }

    private mutating func finish(_ end: ScanFrame.End) -> ScanFrame {
        let frame = ScanFrame(
            bytes: data, symbology: symbology, end: end, damage: damage, firstNanoseconds: firstTime,
            lastNanoseconds: lastTime)
        data.removeAll(keepingCapacity: true)
        damage = nil
        symbology = nil
        return frame
    }

    /// `]d2` from the three AIM bytes; nil when they are zero or not printable (scanners with AIM ids off).
    static func aimIdentifier(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Builds the reports a HID-POS scanner sends for `data` (used by the simulator and tests).
    public static func reports(for data: [UInt8], symbology: String = "]C0") -> [[UInt8]] {
        let aim = Array(symbology.utf8.prefix(3)) + Array(repeating: 0, count: max(0, 3 - symbology.utf8.count))
        var reports: [[UInt8]] = []
        var offset = 0
        repeat {
            let chunk = data[offset..<min(offset + dataCapacity, data.count)]
            offset += chunk.count
            var report = [scanReportID, UInt8(chunk.count)] + aim + chunk
            report += Array(repeating: 0, count: reportSize - report.count)
            report[reportSize - 1] = offset < data.count ? 1 : 0
            reports.append(report)
        } while offset < data.count
        return reports
    }
}
