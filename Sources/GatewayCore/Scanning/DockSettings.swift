/// The dock workflow's settings (`[dock]`): how long a patient or surgery binding lasts, and the code that
/// switches a station into return mode.
public struct DockSettings: Sendable, Equatable {
    /// A code (exact text, e.g. a card at the dock printed with it) that toggles return mode: items scanned in
    /// return mode become `return` events. Nil disables return mode by code.
    public var returnModeCode: String?
    /// A binding (patient, surgery, user, return mode) ends after this long without a scan at the station.
    public var bindingTimeout: Duration

    public init(returnModeCode: String? = nil, bindingTimeout: Duration = .seconds(300)) {
        self.returnModeCode = returnModeCode
        self.bindingTimeout = bindingTimeout
    }
}

/// What a scan means to the dock workflow.
public enum DockRole: Sendable, Equatable {
    case user(Party)
    case patient(Party)
    case surgery(Party)
    /// A consumable; the item when a catalogue resolved it.
    case item(ResolvedItem?)
    case returnMode
    /// Anything else (bin labels, text no rule claims, codes that did not decode): recorded, binds nothing.
    case other
}
