import GatewayCodes

/// What a decoded code means at this hospital, as the local catalogue and registries see it.
public enum CodeResolution: Sendable, Equatable {
    /// A consumable: a product code, a fixed-quantity package or a unique label.
    case item(ResolvedItem)
    /// A staff badge: the user and their role, when the registry knows them.
    case user(Party)
    /// A patient wristband.
    case patient(Party)
    /// A surgery / case id.
    case surgery(Party)
    /// A cabinet or bin label.
    case bin(String)
    /// The code did not decode; the reason is the decode error's message.
    case invalid(reason: String)
}

/// Resolves decoded codes against the local catalogue (the SQLite cache in `GatewayStore`, or an in-memory
/// twin in tests). Must be fast (microseconds) and must not block on the network: it runs on every scan.
public protocol CodeResolver: Sendable {
    /// Resolves `code` as of `timeMilliseconds` (wall clock, for expiry checks). Never throws: what cannot be
    /// resolved is `.item(.unknown(...))` or `.invalid`, and the event is still written.
    func resolve(_ code: DecodedCode, atMilliseconds timeMilliseconds: Int64) -> CodeResolution
}

/// Records one-item-one-code consumption so that a second consume of the same unique item is flagged.
public protocol ConsumptionLedger: Sendable {
    /// Marks the unique item as consumed by `eventID`, the consume's own reference; returns false if it was
    /// already consumed under another reference (the same reference again is the same consume, committed again).
    func markConsumed(productID: String, serial: String, eventID: String) -> Bool
}
