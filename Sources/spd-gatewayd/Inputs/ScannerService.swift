import GatewayCodes
import GatewayCore
import GatewayDevices
import Logging
import ServiceLifecycle

/// Reads every configured `[[scanner]]` (keyboard wedge, HID-POS, serial), each on its own reader thread, and
/// commits its scans and device changes to the outbox in the order they happened on that scanner. The dock
/// workflow (`[dock]`) binds items to the patient or surgery scanned before them, per station.
///
/// Misbehaving scanners are isolated: each reader retries its own device with backoff, and a hotplug event
/// (udev monitor) makes them retry at once.
struct ScannerService: Service {
    let scanners: [ScannerSettings]
    let dock: DockSettings?
    let builder: ScanEventBuilder
    let resolver: (any CodeResolver)?
    let sink: any EventSink
    let clock: any GatewayClock
    let logger: Logger
    /// Cabinets by id: a scanner whose station is a cabinet hands its scans to that cabinet's session.
    var cabinets: [String: CabinetController] = [:]
    /// Where scanner states and dock bindings are posted for `spd-gateway status`.
    var observability: Observability?

    func run() async throws {
        let sessions = Locked<[String: DockSession]>([:])
        let readers = scanners.map { settings in
            let (stream, continuation) = AsyncStream.makeStream(of: ScannerReader.Report.self)
            let reader = ScannerReader(settings: settings, clock: clock) { report in continuation.yield(report) }
            return (reader, stream)
        }
        let monitor = startHotplugMonitor(readers.map(\.0))
        defer { monitor?.stop() }
        for (reader, _) in readers {
            do {
                try reader.start()
            } catch {
                logger.error(
                    "cannot start scanner reader",
                    metadata: ["scanner.id": "\(reader.settings.id)", "error": "\(error)"])
            }
        }
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for (reader, stream) in readers {
                    group.addTask { await consume(stream, from: reader.settings, sessions: sessions) }
                }
            }
        } onGracefulShutdown: {
            for (reader, _) in readers { reader.stop() }
        }
    }

    private func startHotplugMonitor(_ readers: [ScannerReader]) -> UdevHotplugMonitor? {
        let monitor = UdevHotplugMonitor()
        if monitor.source == "kernel" {
            logger.notice("""
                no udevd here (/run/udev/control missing): scanners are found by enumeration and configured paths, \
                without udev properties; hotplug listens to raw kernel uevents and readers retry with backoff
                """)
        }
        do {
            try monitor.start { change in
                for reader in readers where reader.settings.kind.udevSubsystem == change.subsystem { reader.wake() }
            }
            return monitor
        } catch {
            logger.notice("no udev hotplug monitor; scanners are retried with backoff", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func consume(
        _ stream: AsyncStream<ScannerReader.Report>, from settings: ScannerSettings,
        sessions: Locked<[String: DockSession]>
    ) async {
        var pipeline = ScannerPipeline(
            scannerID: settings.id, station: settings.station, builder: builder,
            substitution: GroupSeparatorSubstitution(settings.gsSubstitutes),
            doubleReadWindow: settings.doubleReadWindow)
        var metadata: Logger.Metadata = ["scanner.id": "\(settings.id)", "scanner.kind": "\(settings.kind.rawValue)"]
        for await report in stream {
            let wall = clock.wallMilliseconds(), mono = clock.monotonicNanoseconds()
            switch report {
            case .attached(let path, let notes):
                post(settings, state: "attached", path: path, error: nil)
                metadata["scanner.path"] = "\(path)"
                logger.info(
                    "scanner attached",
                    metadata: metadata.merging(["scanner.notes": "\(notes.joined(separator: "; "))"]) { $1 })
                await commit(pipeline.deviceDraft(kind: settings.kind.deviceKind, state: "attached", detail: path,
                    wallMilliseconds: wall, monotonicNanoseconds: mono), metadata)
            case .detached(let path, let reason):
                post(settings, state: "detached", path: path, error: reason)
                logger.warning("scanner detached; retrying", metadata: metadata.merging(["error": "\(reason)"]) { $1 })
                await commit(pipeline.deviceDraft(kind: settings.kind.deviceKind, state: "detached",
                    detail: "\(path): \(reason)", wallMilliseconds: wall, monotonicNanoseconds: mono), metadata)
            case .unavailable(let reason, let present):
                post(settings, state: present ? "fault" : "waiting", path: nil, error: reason)
                logger.warning(
                    "scanner not available; retrying", metadata: metadata.merging(["error": "\(reason)"]) { $1 })
                if present {
                    await commit(pipeline.deviceDraft(kind: settings.kind.deviceKind, state: "fault", detail: reason,
                        wallMilliseconds: wall, monotonicNanoseconds: mono), metadata)
                }
            case .frame(let frame, _):
                guard var draft = pipeline.draft(for: frame, wallMilliseconds: wall, monotonicNanoseconds: mono) else {
                    logger.debug("double read suppressed", metadata: metadata)
                    continue
                }
                if let cabinet = cabinets[settings.station], frame.isComplete, let raw = draft.raw {
                    await cabinet.scan(raw: raw, resolution: resolution(of: draft))
                    continue
                }
                if let dock, settings.dock, frame.isComplete {
                    draft = sessions.withLock { sessions in
                        var session = sessions[settings.station]
                            ?? DockSession(station: settings.station, settings: dock, resolver: resolver)
                        defer { sessions[settings.station] = session }
                        let handled = session.handle(draft)
                        post(dock: session, station: settings.station)
                        return handled
                    }
                }
                if draft.alarm != nil {
                    logger.warning(
                        "partial scan", metadata: metadata.merging(["scan.bytes": "\(frame.bytes.count)"]) { $1 })
                }
                await commit(draft, metadata)
            case .stopped:
                return
            }
        }
    }

    private func commit(_ draft: EventDraft, _ metadata: Logger.Metadata) async {
        do {
            let event = try await sink.commit(draft)
            logger.debug("scanner event committed", metadata: metadata.merging(["event.id": "\(event.id)"]) { $1 })
        } catch {
            // The outbox reports why (disk full, file too large); the scan is lost to the gateway, so say so loudly.
            logger.error(
                "scanner event not committed",
                metadata: metadata.merging(["error": "\(error)", "event.type": "\(draft.type.rawValue)"]) { $1 })
        }
    }
}
