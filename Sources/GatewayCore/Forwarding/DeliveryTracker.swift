/// The pure bookkeeping of at-least-once delivery over one connection at a time: which events are in flight,
/// where sending resumes, which acks are believable, and which sends must carry `redelivered: true`.
///
/// It does no I/O; the forwarder feeds it outbox entries and backend acks and does what it says.
public struct DeliveryTracker: Sendable {
    /// The most events sent but not yet acknowledged: bounds memory and the resend burst after a reconnect.
    public let window: Int
    /// Sequences sent on this connection and not yet acknowledged, in order.
    public private(set) var inFlight: [(sequence: Int64, id: String)] = []
    /// Sending resumes after this sequence.
    public private(set) var cursor: Int64
    /// Every sequence up to here may have reached the backend already (sent on an earlier connection, or
    /// before a restart): it is resent with `redelivered: true`.
    public private(set) var possiblySentThrough: Int64
    /// Highest sequence the backend acknowledged cumulatively.
    public private(set) var acknowledgedThrough: Int64

    /// - Parameters:
    ///   - lastAckedSequence: the outbox's cumulative ack point.
    ///   - possiblySentThrough: at start-up, the last sequence committed before this process started: the
    ///     previous process may have sent any of them before it died.
    public init(window: Int, lastAckedSequence: Int64, possiblySentThrough: Int64) {
        precondition(window > 0)
        self.window = window
        cursor = lastAckedSequence
        acknowledgedThrough = lastAckedSequence
        self.possiblySentThrough = max(possiblySentThrough, lastAckedSequence)
    }

    /// How many more events may be sent now.
    public var room: Int { window - inFlight.count }

    /// Records entries (read from the outbox after `cursor`) as sent and returns the lines to write.
    public mutating func send(_ entries: [OutboxEntry]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for entry in entries.prefix(room) where entry.sequence > cursor {
            let resend = entry.sequence <= possiblySentThrough
            lines.append(resend ? WireCodec.markRedelivered(entry.line) : entry.line)
            inFlight.append((entry.sequence, entry.id))
            cursor = entry.sequence
        }
        possiblySentThrough = max(possiblySentThrough, cursor)
        return lines
    }

    /// What a cumulative ack means for the outbox.
    public enum AckOutcome: Sendable, Equatable {
        /// Remove every event through this sequence.
        case acknowledge(through: Int64)
        /// Nothing new (a duplicate or late ack).
        case stale
        /// The backend acknowledged sequences it was never sent on this connection: believed only up to what
        /// was sent, the rest ignored (a confused or hostile backend must not make us delete unsent events).
        case clamped(to: Int64, claimed: Int64)
    }

    /// Applies a cumulative ack.
    public mutating func acknowledge(throughSequence claimed: Int64) -> AckOutcome {
        let believable = min(claimed, cursor)
        guard believable > acknowledgedThrough else { return .stale }
        acknowledgedThrough = believable
        inFlight.removeAll { $0.sequence <= believable }
        return believable == claimed ? .acknowledge(through: believable) : .clamped(to: believable, claimed: claimed)
    }

    /// Applies a selective ack; returns the ids that were actually in flight (the only ones to delete).
    public mutating func acknowledge(ids: [String]) -> [String] {
        let wanted = Set(ids)
        var matched: [String] = []
        inFlight.removeAll { entry in
            guard wanted.contains(entry.id) else { return false }
            matched.append(entry.id)
            return true
        }
        return matched
    }

    /// A nack: the event leaves the window. With `retry` it will be sent again after the next reconnect or
    /// rewind; without, the caller parks it.
    public mutating func refuse(id: String) -> Int64? {
        guard let index = inFlight.firstIndex(where: { $0.id == id }) else { return nil }
        return inFlight.remove(at: index).sequence
    }

    /// Starts over from the ack point: on a new connection, or to resend retryable nacks. Everything sent so far
    /// becomes "possibly sent".
    public mutating func rewind() {
        possiblySentThrough = max(possiblySentThrough, cursor)
        inFlight.removeAll()
        cursor = acknowledgedThrough
    }
}
