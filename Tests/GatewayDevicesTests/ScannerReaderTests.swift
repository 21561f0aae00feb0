import CGatewayLinux
import GatewayCore
import GatewayDevices
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A pty pair standing in for a scanner's node (below the FFI line, the real syscalls).
final class PtyScanner: @unchecked Sendable {
    let controller: Int32
    let path: String

    init() throws {
        var controller: Int32 = -1, device: Int32 = -1
        guard cgl_openpty(&controller, &device) == 0, cgl_configure_serial(device, 9600) == 0 else {
            throw SystemCallError(call: "openpty", errno: errno)
        }
        var name = [CChar](repeating: 0, count: 128)
        _ = ttyname_r(device, &name, name.count)
        close(device)
        self.controller = controller
        path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Waits until someone has the device side open (the controller stops reporting POLLHUP).
    func waitForReader() async -> Bool {
        for _ in 0..<2000 {
            var entry = pollfd(fd: controller, events: Int16(POLLOUT), revents: 0)
            _ = poll(&entry, 1, 0)
            if entry.revents & Int16(POLLHUP) == 0 { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    func unplug() { close(controller) }
}

/// Collects a reader's reports.
final class Reports: Sendable {
    let items = Locked<[ScannerReader.Report]>([])

    func append(_ report: ScannerReader.Report) { items.withLock { $0.append(report) } }

    /// Polls until `condition` holds on a snapshot (taken under the lock, evaluated outside it).
    func waitFor(_ condition: @escaping ([ScannerReader.Report]) -> Bool) async -> Bool {
        for _ in 0..<2000 {
            if condition(items.withLock { $0 }) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    var texts: [String] { items.withLock { Self.texts($0) } }

    static func texts(_ reports: [ScannerReader.Report]) -> [String] {
        reports.compactMap { if case .frame(let frame, _) = $0 { frame.text } else { nil } }
    }

    var attachedPaths: [String] {
        items.withLock { $0.compactMap { if case .attached(let path, _) = $0 { path } else { nil } } }
    }
}

@Suite("Scanner reader on real ptys", .serialized)
struct ScannerReaderTests {
    @Test func serialScannerKeepsItsIdentityAcrossReplugOnAnotherNode() async throws {
        // udev would find the scanner by serial number on whatever node it gets; here the lookup is a closure
        // returning the current node, which changes on replug (ttyACM0 -> ttyACM1).
        let first = try PtyScanner()
        let current = Locked<String?>(first.path)
        let reports = Reports()
        var settings = ScannerSettings(id: "dock-1-serial", kind: .serial, path: nil, station: "dock-1")
        settings.match = ScannerSettings.Match(serial: "17081B1234")
        let reader = ScannerReader(
            settings: settings, clock: SystemClock(), locate: { _ in current.withLock { $0 } },
            report: { reports.append($0) })
        try reader.start()
        defer { reader.stop() }
        #expect(await first.waitForReader())
        first.send("ONE\rTW")
        #expect(
            await reports.waitFor { $0.contains { if case .frame(let f, _) = $0 { f.text == "ONE" } else { false } } })
        current.withLock { $0 = nil }
        first.unplug()
        #expect(await reports.waitFor { $0.contains { if case .detached = $0 { true } else { false } } })
        let second = try PtyScanner()
        current.withLock { $0 = second.path }
        #expect(await second.waitForReader())
        second.send("THREE\r")
        #expect(await reports.waitFor { Reports.texts($0).contains("THREE") })
        #expect(reports.texts == ["ONE", "TW", "THREE"])
        #expect(reports.attachedPaths == [first.path, second.path])
        let partial = reports.items.withLock {
            $0.compactMap { if case .frame(let f, _) = $0, f.text == "TW" { f } else { nil } }
        }
        #expect(partial.first?.end == .interrupted)
        second.unplug()
    }

    @Test func wedgeOnANodeThatIsNotEvdevSkipsTheGrabAndStillReads() async throws {
        let pty = try PtyScanner()
        let reports = Reports()
        let settings = ScannerSettings(id: "w", kind: .evdev, path: pty.path, station: "d")
        let reader = ScannerReader(settings: settings, clock: SystemClock()) { reports.append($0) }
        try reader.start()
        defer { reader.stop() }
        #expect(await pty.waitForReader())
        let typed = try KeystrokeEncoder(layout: .us).events(for: "A1\u{1D}b", terminator: .enter, startingAt: 1)
        let bytes = typed.events.flatMap(\.record)
        _ = bytes.withUnsafeBytes { write(pty.controller, $0.baseAddress, $0.count) }
        #expect(await reports.waitFor { !Reports.texts($0).isEmpty })
        #expect(reports.texts == ["A1\u{1D}b"])
        let notes = reports.items.withLock {
            $0.compactMap { if case .attached(_, let notes) = $0 { notes } else { nil } }
        }
        #expect(notes.first?.contains { $0.contains("grab") } == true)
        pty.unplug()
    }

    /// A node that opens and fails at once (here /dev/null: end of file on the first read) used to be reopened
    /// every 100 ms with an attached and a detached event each time (41 of each in 5 s).
    @Test func aNodeThatFailsRightAfterOpeningBacksOffAndIsReportedOnce() async throws {
        let reports = Reports()
        let opens = Locked(0)
        let settings = ScannerSettings(id: "null", kind: .evdev, path: "/dev/null", station: "d")
        let reader = ScannerReader(
            settings: settings, clock: SystemClock(),
            locate: { settings in
                opens.withLock { $0 += 1 }
                return settings.path
            },
            report: { reports.append($0) })
        try reader.start()
        try await Task.sleep(for: .milliseconds(2000))
        reader.stop()
        #expect(await reports.waitFor { $0.contains { if case .stopped = $0 { true } else { false } } })
        // Backoff 100, 200, 400, 800 ms... : about 5 attempts in 2 s, not 20.
        #expect(opens.withLock { $0 } <= 7, "\(opens.withLock { $0 }) attempts")
        let attached = reports.items.withLock { $0.filter { if case .attached = $0 { true } else { false } } }
        let detached = reports.items.withLock { $0.filter { if case .detached = $0 { true } else { false } } }
        #expect(attached.count == 1 && detached.count == 1, "\(reports.items.withLock { $0 })")
    }

    @Test func missingNodeIsReportedOnceAndStopEndsTheThread() async throws {
        let reports = Reports()
        let settings = ScannerSettings(id: "gone", kind: .hidpos, path: "/nonexistent/hidraw9", station: "d")
        let reader = ScannerReader(settings: settings, clock: SystemClock()) { reports.append($0) }
        try reader.start()
        #expect(await reports.waitFor { !$0.isEmpty })
        reader.stop()
        #expect(await reports.waitFor { $0.contains { if case .stopped = $0 { true } else { false } } })
        let unavailable = reports.items.withLock { $0.filter { if case .unavailable = $0 { true } else { false } } }
        #expect(unavailable.count == 1)
        #expect(reader.isFinished)
    }
}
