import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Faults the control socket can switch on.
struct BackendFaults: Sendable {
    var stallUntil: ContinuousClock.Instant?
    var duplicateAcks = false
    var lateAckDelay: Duration = .zero
    var ackBeyond: Int64 = 0
    var nackRemaining = 0
    var nackRetry = false
    var restartDelay: Duration = .seconds(1)
    /// Connections still to be cut in the middle of a line (`cut-mid-line N`).
    var midLineCuts = 0
}

/// What the simulator has seen, for `stats` and the test assertions.
struct BackendCounters: Sendable {
    var connections = 0
    var hellos = 0
    var events = 0
    var unique = 0
    var duplicates = 0
    var redelivered = 0
    var nacks = 0
    var invalidLines = 0
    var replies = 0
    /// Connections cut in the middle of a line by the `cut-mid-line` fault.
    var midLineCuts = 0
}

/// Highest gap-free sequence of one gateway epoch, plus sequences received above it.
struct SequenceProgress: Sendable {
    var contiguous: Int64 = 0
    var above: Set<Int64> = []

    /// Records a sequence; returns false if it had been received before.
    mutating func insert(_ sequence: Int64) -> Bool {
        guard sequence > contiguous, !above.contains(sequence) else { return false }
        above.insert(sequence)
        advance()
        return true
    }

    /// A gateway's hello: every sequence through `lastAcked` is settled on its side (acknowledged, or refused for
    /// good), so none of them will come again and the prefix starts there. Sequences received above it before join
    /// the prefix when they follow on: without that, a resend of them (a duplicate) would never move it, and the
    /// acks would stop for good.
    mutating func resume(after lastAcked: Int64) {
        guard lastAcked > contiguous else { return }
        contiguous = lastAcked
        above = above.filter { $0 > lastAcked }
        advance()
    }

    private mutating func advance() {
        while above.remove(contiguous + 1) != nil { contiguous += 1 }
    }
}

/// Per-connection state.
struct ConnectionState {
    let id: Int
    var gatewayKey: String?
    var pendingIDs: [String] = []
    var ackDue = false
}

extension BackendSimulator {
    /// Handles one frame; returns reply lines to send now (acks are gathered per read, see `acknowledgements`).
    func handle(_ frame: LineFramer.Frame, session: inout ConnectionState) -> [[UInt8]] {
        guard case .line(let line) = frame else {
            counters.withLock { $0.invalidLines += 1 }
            return []
        }
        // Events are most of the traffic, and recording and acking one needs only its envelope: reading that
        // costs about a microsecond, decoding the whole line tens of them, CPU a benchmark's gateway shares.
        if !verbose, let envelope = EventEnvelope.read(line) {
            return receive(envelope, line: line, session: &session)
        }
        switch WireCodec.decodeGatewayMessage(line) {
        case .failure:
            counters.withLock { $0.invalidLines += 1 }
            log?.record(line, connection: session.id, kind: "invalid")
            return []
        case .success(.hello(let hello)):
            let key = "\(hello.gateway):\(hello.epoch)"
            session.gatewayKey = key
            progress.withLock { table in
                // Events up to the gateway's ack point were settled before (perhaps with a previous run).
                table[key, default: SequenceProgress()].resume(after: hello.lastAckedSequence)
            }
            counters.withLock { $0.hellos += 1 }
            log?.record(line, connection: session.id, kind: "hello")
            announce("hello from \(hello.gateway) epoch \(hello.epoch), resuming after seq \(hello.lastAckedSequence)")
            return [WireCodec.line(BackendHello(backend: "spd-sim backend \(GatewayVersion.current)"))]
                + catalogCatchUp(for: hello, connection: session.id)
        case .success(.event(let event)):
            if verbose { announce(Self.describe(event)) }
            let envelope = EventEnvelope(
                id: event.id, sequence: event.sequence, gateway: event.gateway,
                redelivered: event.redelivered == true)
            return receive(envelope, line: line, session: &session)
        case .success(.heartbeat):
            return [WireCodec.line(HeartbeatMessage(timeMilliseconds: WallClock.nowMilliseconds()))]
        case .success(.reply(let reply)):
            counters.withLock { $0.replies += 1 }
            log?.record(line, connection: session.id, kind: "reply")
            return answered(reply.id, connection: session.id)
        case .success(.unknown):
            return []
        }
    }

    func receive(_ event: EventEnvelope, line: [UInt8], session: inout ConnectionState) -> [[UInt8]] {
        let refusal = faults.withLock { faults -> Bool? in
            guard faults.nackRemaining > 0 else { return nil }
            faults.nackRemaining -= 1
            return faults.nackRetry
        }
        if let retry = refusal {
            counters.withLock { $0.nacks += 1 }
            // A permanent refusal is handled: the cumulative ack may pass it. A retry refusal is not: the
            // cumulative ack must stop below it until the gateway sends it again (protocol rule, docs/protocol.md).
            if !retry {
                let key = session.gatewayKey ?? "\(event.gateway):?"
                _ = progress.withLock { $0[key, default: SequenceProgress()].insert(event.sequence) }
                session.ackDue = true
            }
            log?.record(line, connection: session.id, kind: "nacked")
            return [WireCodec.line(NackMessage(id: event.id, reason: "simulated refusal", retry: retry))]
        }
        let key = session.gatewayKey ?? "\(event.gateway):?"
        let isNew = progress.withLock { $0[key, default: SequenceProgress()].insert(event.sequence) }
        counters.withLock {
            $0.events += 1
            if isNew { $0.unique += 1 } else { $0.duplicates += 1 }
            if event.redelivered { $0.redelivered += 1 }
        }
        log?.record(line, connection: session.id, kind: "event")
        session.pendingIDs.append(event.id)
        session.ackDue = true
        return []
    }

    /// One ack for everything received in the last read, in the configured mode.
    func acknowledgements(for session: inout ConnectionState) -> [[UInt8]] {
        guard session.ackDue, let key = session.gatewayKey else { return [] }
        defer {
            session.ackDue = false
            session.pendingIDs.removeAll()
        }
        switch ackMode {
        case .none:
            return []
        case .ids:
            return [WireCodec.line(AckMessage(ids: session.pendingIDs))]
        case .cumulative:
            let contiguous = progress.withLock { $0[key]?.contiguous ?? 0 }
            let beyond = faults.withLock { faults -> Int64 in
                defer { faults.ackBeyond = 0 }
                return faults.ackBeyond
            }
            return [WireCodec.cumulativeAckLine(through: contiguous + beyond)]
        }
    }

    static func describe(_ event: WireEvent) -> String {
        var parts = ["\(event.draft.type.rawValue)", "seq \(event.sequence)"]
        if let station = event.draft.station { parts.append("station \(station)") }
        if let raw = event.draft.raw { parts.append("code \(raw.debugDescription)") }
        if let kind = event.draft.code?.kind { parts.append("(\(kind.rawValue))") }
        if event.redelivered == true { parts.append("[redelivered]") }
        return "received " + parts.joined(separator: " ")
    }
}

/// Appends every received line to a JSONL file: `{"received_ms":..,"connection":..,"kind":..,"message":{...}}`.
/// The message is embedded verbatim (it is already JSON), so the record is exactly what arrived.
final class ReceptionLog: Sendable {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReceptionLogError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
    }

    func record(_ line: [UInt8], connection: Int, kind: String) {
        let isJSONObject = kind != "invalid" && line.first == UInt8(ascii: "{") && line.last == UInt8(ascii: "}")
        let received = WallClock.nowMilliseconds()
        var bytes = Array(#"{"received_ms":\#(received),"connection":\#(connection),"kind":"\#(kind)","#.utf8)
        if isJSONObject {
            bytes += Array(#""message":"#.utf8) + line
        } else {
            bytes += Array(#""bytes":\#(line.count)"#.utf8)
        }
        bytes += Array("}\n".utf8)
        // One write(2) with O_APPEND per record: records from concurrent connections never interleave.
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit { close(descriptor) }
}

struct ReceptionLogError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
