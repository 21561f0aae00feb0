import GatewayCodes

/// The dock workflow at one station, as a state machine: scan a patient wristband or a surgery id, then items;
/// each item becomes a `consume` event bound to that patient / surgery (and to the user whose badge was
/// scanned). A configured return-mode code turns items into `return` events. A binding ends after
/// ``DockSettings/bindingTimeout`` without a scan, when another patient or surgery is scanned, or when another
/// user's badge is scanned (the next nurse identifies the patient again: an item is never billed to a patient
/// its user did not scan).
///
/// Every scan still becomes exactly one event: scans that bind nothing are `scan` events carrying the current
/// bindings, so the backend sees the whole sequence. Pure: time comes from the drafts (monotonic nanoseconds).
public struct DockSession: Sendable {
    /// The bindings in force.
    public struct Binding: Sendable, Equatable {
        public var user: Party?
        public var patient: Party?
        public var surgery: Party?
        public var returnMode = false
        /// `<station>-<wall ms of the first binding scan>`, carried by every event of the session.
        public var sessionID: String?

        var isEmpty: Bool { user == nil && patient == nil && surgery == nil && !returnMode }
    }

    public let station: String
    public let settings: DockSettings
    public let resolver: (any CodeResolver)?
    public private(set) var binding = Binding()
    private var lastActivity: UInt64 = 0

    /// - Parameter resolver: classifies codes and fills `item`; without one, the in-hospital rule that matched
    ///   (`fields.meaning`: badge, wristband, surgery...) and the code's grammar decide.
    public init(station: String, settings: DockSettings, resolver: (any CodeResolver)? = nil) {
        self.station = station
        self.settings = settings
        self.resolver = resolver
    }

    /// Turns a decoded scan (a `scan` draft from ``ScanEventBuilder``) into the workflow's event.
    public mutating func handle(_ scan: EventDraft) -> EventDraft {
        expire(atNanoseconds: scan.monotonicNanoseconds)
        // Scanners of one station stamp their scans before they queue for the session, so a scan may arrive
        // stamped a little earlier than the one before it: activity never moves back.
        lastActivity = max(lastActivity, scan.monotonicNanoseconds)
        var draft = scan
        switch classify(scan) {
        case .user(let user):
            if let current = binding.user, current.id != user.id { restart(keepingUser: false) }
            startSessionIfNeeded(scan)
            binding.user = user
        case .patient(let patient):
            if let current = binding.patient, current.id != patient.id { restart(keepingUser: true) }
            startSessionIfNeeded(scan)
            binding.patient = patient
            binding.returnMode = false
        case .surgery(let surgery):
            if let current = binding.surgery, current.id != surgery.id { restart(keepingUser: true) }
            startSessionIfNeeded(scan)
            binding.surgery = surgery
            binding.returnMode = false
        case .returnMode:
            startSessionIfNeeded(scan)
            binding.returnMode.toggle()
            // The card is not an item: the scan builder's "not in the code registry" would only mislead.
            draft.item = nil
        case .item(let item):
            draft.item = item
            draft.quantity = item?.quantity ?? 1
            if binding.returnMode {
                draft.type = .return
            } else if binding.patient != nil || binding.surgery != nil {
                draft.type = .consume
            }
        case .other:
            break
        }
        draft.user = binding.user
        draft.patient = binding.patient
        draft.surgery = binding.surgery
        draft.session = binding.sessionID
        return draft
    }

    /// Ends the bindings if the station has been idle past the timeout; returns true when it did.
    @discardableResult
    public mutating func expire(atNanoseconds now: UInt64) -> Bool {
        // `now` can be a little older than the last activity (see `handle`): that is not idle time.
        guard !binding.isEmpty, now > lastActivity, now - lastActivity > settings.bindingTimeout.nanosecondsValue
        else { return false }
        binding = Binding()
        return true
    }

    /// What `scan` means here.
    public func classify(_ scan: EventDraft) -> DockRole {
        if let code = settings.returnModeCode, Self.content(of: scan) == code { return .returnMode }
        guard let code = scan.code else { return .other }
        if let resolver {
            switch resolver.resolve(code, atMilliseconds: scan.timeMilliseconds) {
            case .item(let item):
                // Text that no grammar or in-hospital rule claims as a consumable (a room label, a QR with a
                // note) and that the code registry does not know is not an item: consuming it would bill the
                // patient for nothing. The registry still decides for codes it knows (a package code with no
                // format rule), and a known product grammar stays an item even when the catalogue lacks it.
                if item.status == .unknown, item.productID == nil,
                    Self.classifyByGrammar(code, raw: scan.raw ?? "") == .other
                {
                    return .other
                }
                return .item(item)
            case .user(let user): return .user(user)
            case .patient(let patient): return .patient(patient)
            case .surgery(let surgery): return .surgery(surgery)
            case .bin, .invalid: return .other
            }
        }
        return Self.classifyByGrammar(code, raw: scan.raw ?? "")
    }

    /// The scanned text without its symbology identifier (`]C0`, `]d2`...): HID-POS scanners always send one,
    /// and wedge or serial scanners may be set up to, but a code printed on a card is the same code either way.
    static func content(of scan: EventDraft) -> String? {
        guard let raw = scan.raw else { return nil }
        guard let symbology = scan.code?.fields.symbology, raw.hasPrefix(symbology) else { return raw }
        return String(raw.dropFirst(symbology.count))
    }

    /// The fallback without a catalogue: the in-hospital rule's meaning, else the grammar.
    static func classifyByGrammar(_ code: DecodedCode, raw: String) -> DockRole {
        guard code.isValid else { return .other }
        let id = code.fields.id ?? raw
        switch code.fields.meaning {
        case .badge: return .user(Party(id: id))
        case .wristband: return .patient(Party(id: id))
        case .surgery: return .surgery(Party(id: id))
        case .package, .uniqueLabel: return .item(nil)
        case .bin: return .other
        case nil: break
        }
        switch code.kind {
        case .gs1, .gtin, .digitalLink, .hibcc, .isbt128, .ma, .ahm: return .item(nil)
        case .internal, .unknown, .invalid: return .other
        }
    }

    private mutating func startSessionIfNeeded(_ scan: EventDraft) {
        if binding.sessionID == nil { binding.sessionID = "\(station)-\(scan.timeMilliseconds)" }
    }

    private mutating func restart(keepingUser: Bool) {
        let user = binding.user
        binding = Binding()
        if keepingUser { binding.user = user }
    }
}
