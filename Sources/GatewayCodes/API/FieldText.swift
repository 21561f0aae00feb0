/// The text fields and GS1 elements of one ``CodeFields``, kept as byte ranges until they are read.
///
/// Why: a result used to hold ~40 `String?` properties, and copying or dropping it retained and released
/// each of them; that was a third of the decode time. A decode now records where each value lies — in the
/// scanned text itself (`source`, which the result retains instead of copying), in `derived` for the few
/// values that are not a slice of the scan (zero-padded GTINs, percent-decoded Digital Link values,
/// formatted times), or in a table of constant words — and a `String` is built only when a field is read.
/// A clean decode of a `String` scan therefore allocates nothing; reading a field allocates only for values
/// longer than 15 UTF-8 bytes (Swift's small-string limit).
struct FieldText: Sendable {
    /// Every text property of ``CodeFields``; the raw value indexes ``slots``.
    enum Field: Int, CaseIterable, Sendable {
        case symbology, raw, gtin, di, sscc, contentGTIN, lot, serial, expiryPrecision, expiryTime, expiryDatetime
        case additionalID, customerPartNo, cpv, lic, product, link, check, line, din, dinFlags, dinCheck
        case productCode, bloodGroupCode, divisions, compoundSequence, ppic, ppicFin, ppicFpc, ppicPdc, sec
        case collectionTime, productionTime, sterilizationLot, rule, id
    }

    /// Fixed words some grammars report, so that they cost neither an allocation nor `derived` space.
    enum Constant: Int, Sendable {
        case primary, secondary, concatenated, month

        static let words: [String] = ["primary", "secondary", "concatenated", "month"]
    }

    /// Where one value lies, packed into 32 bits so that results stay small to copy: 3 bits of storage kind,
    /// 15 bits of start offset, 14 bits of length. Decoded values fit (inputs are at most 4096 bytes);
    /// strings assigned through the public setters are kept whole in `extras` instead.
    struct Slot: Sendable, Equatable {
        enum Storage: UInt32, Sendable { case absent, source, derived, constant, assigned }

        static let maximumStart = (1 << 15) - 1
        static let maximumCount = (1 << 14) - 1

        let bits: UInt32

        @inline(__always)
        init(bits: UInt32) { self.bits = bits }

        init(_ storage: Storage, start: Int, count: Int) {
            bits = storage.rawValue | UInt32(truncatingIfNeeded: start) << 3 | UInt32(truncatingIfNeeded: count) << 18
        }

        var storage: Storage { Storage(rawValue: bits & 7) ?? .absent }
        var start: Int { Int(bits >> 3 & 0x7FFF) }
        var count: Int { Int(bits >> 18) }

        static let absent = Slot(.absent, start: 0, count: 0)

        /// Whether a range of this size can be recorded in a slot.
        static func fits(_ range: Range<Int>) -> Bool {
            range.lowerBound >= 0 && range.lowerBound <= maximumStart && range.count <= maximumCount
        }
    }

    /// Elements kept inline; longer messages (rare: UDI labels carry 2-6) spill into `extras`.
    static let inlineElementCount = 8

    /// The text the decoded ranges refer to (the scan, after normalisation); set once per decode.
    var source: String
    /// Bytes of decoded values that are not a slice of `source`.
    private(set) var derived = ""
    /// Assigned values, elements beyond the inline ones and other rare parts (nil in almost every decode).
    private(set) var extras: FieldExtras?
    // Slot bits of the 36 fields (32 + 4) and of the first 8 elements, in SIMD vectors rather than
    // InlineArrays: reading one element of an InlineArray held in a value passed by reference made the
    // compiler copy the whole struct to the stack first (a ~250-byte memcpy per field read, ~26 per decode);
    // a SIMD element is read straight out of the vector. All zero = `Slot.absent`.
    private var slotsLow = SIMD32<UInt32>()
    private var slotsHigh = SIMD4<UInt32>()
    private(set) var elementValues = SIMD8<UInt32>()
    private(set) var elementDefinitions = SIMD8<UInt16>()
    /// Number of GS1 elements recorded.
    private(set) var elementCount = 0
    /// Whether the result carries GS1 elements at all (`ais` is nil for non-GS1 results).
    private(set) var hasElements = false

    init(source: String = "") {
        assert(Field.allCases.count <= 36, "FieldText needs one slot per Field (slotsLow + slotsHigh)")
        self.source = source
    }

    /// Clears every value; ``source`` stays (see `DecodedCode.reset`).
    mutating func reset() {
        if !derived.isEmpty { derived = "" }
        extras = nil
        slotsLow = SIMD32<UInt32>()
        slotsHigh = SIMD4<UInt32>()
        elementValues = SIMD8<UInt32>()
        elementDefinitions = SIMD8<UInt16>()
        elementCount = 0
        hasElements = false
    }

    // MARK: Fields

    /// The value of `field`, built from its bytes; nil when absent.
    subscript(field: Field) -> String? {
        @inline(__always) get { string(slot(field)) }
        set {
            guard let newValue else {
                setSlot(field, .absent)
                return
            }
            let current = slot(field)
            if current.storage == .assigned {
                mutableExtras().strings[current.start] = newValue  // reassigning must not grow the storage
            } else {
                setSlot(field, assign(newValue))
            }
        }
    }

    @inline(__always)
    func isPresent(_ field: Field) -> Bool { slot(field).storage != .absent }

    @inline(__always)
    private func slot(_ field: Field) -> Slot {
        let index = field.rawValue
        return Slot(bits: index < 32 ? slotsLow[index] : slotsHigh[index &- 32])
    }

    @inline(__always)
    private mutating func setSlot(_ field: Field, _ slot: Slot) {
        let index = field.rawValue
        if index < 32 { slotsLow[index] = slot.bits } else { slotsHigh[index &- 32] = slot.bits }
    }

    /// Sets `field` to the bytes `range` of ``source`` (no copy).
    @inline(__always)
    mutating func set(_ field: Field, _ range: Range<Int>) {
        setSlot(field, sourceSlot(range))
    }

    /// Sets `field` to the same bytes as `other` (e.g. the DI that repeats the GTIN).
    @inline(__always)
    mutating func set(_ field: Field, sameAs other: Field) {
        setSlot(field, slot(other))
    }

    mutating func set(_ field: Field, _ constant: Constant) {
        setSlot(field, Slot(.constant, start: constant.rawValue, count: 0))
    }

    /// Sets `field` to bytes that are not in ``source`` (copied into ``derived``).
    mutating func set(_ field: Field, derived bytes: UnsafeBufferPointer<UInt8>) {
        setSlot(field, appendDerived(String(utf8Bytes: bytes)))
    }

    /// Sets `field` to the time `"HH:MM"` (`hour` and `minute` 0...99), written as bytes: formatting it through
    /// String interpolation and padding cost several hundred instructions per timed date.
    mutating func set(_ field: Field, hour: Int, minute: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 5) { text in
            text[0] = ASCII.zero &+ UInt8(truncatingIfNeeded: hour / 10 % 10)
            text[1] = ASCII.zero &+ UInt8(truncatingIfNeeded: hour % 10)
            text[2] = UInt8(ascii: ":")
            text[3] = ASCII.zero &+ UInt8(truncatingIfNeeded: minute / 10 % 10)
            text[4] = ASCII.zero &+ UInt8(truncatingIfNeeded: minute % 10)
            set(field, derived: UnsafeBufferPointer(text))
        }
    }

    /// Sets `field` to the time `"HH:MM"`, or clears it when `time` is nil.
    mutating func set(_ field: Field, time: (hour: Int, minute: Int)?) {
        if let time { set(field, hour: time.hour, minute: time.minute) } else { setSlot(field, .absent) }
    }

    /// Sets `field` to a value the decoder formatted (a time `"HH:MM"`, a check character), or clears it.
    mutating func set(_ field: Field, derived text: String?) {
        setSlot(field, text.map { appendDerived($0) } ?? .absent)
    }

    // MARK: GS1 elements

    /// Appends a GS1 element whose value is `range` of ``source``, or of `bytes` when they are not the source
    /// (a percent-decoded or padded Digital Link value, copied into ``derived``).
    mutating func appendElement(definition: Int, _ range: Range<Int>, copying bytes: UnsafeBufferPointer<UInt8>?) {
        let value: Slot
        if let bytes {
            value = appendDerived(String(utf8Bytes: UnsafeBufferPointer(rebasing: bytes[range])))
        } else {
            value = sourceSlot(range)
        }
        append(definition: definition, value)
    }

    /// Appends a GS1 element whose value is that of `field` (a plain GTIN reported as AI (01)).
    mutating func appendElement(definition: Int, sameAs field: Field) {
        append(definition: definition, slot(field))
    }

    @inline(__always)
    func elementDefinition(_ index: Int) -> Int { Self.elementDefinition(index, elementDefinitions, extras) }

    @inline(__always)
    func elementValueSlot(_ index: Int) -> Slot { Self.elementValueSlot(index, elementValues, extras) }

    /// Definition index of element `index`, from the inline `definitions` or from `extras`.
    @inline(__always)
    static func elementDefinition(_ index: Int, _ definitions: SIMD8<UInt16>, _ extras: FieldExtras?) -> Int {
        index < inlineElementCount ? Int(definitions[index])
            : Int(extras?.moreElements[index - inlineElementCount].definition ?? 0)
    }

    /// Value slot of element `index`, from the inline `values` or from `extras`.
    @inline(__always)
    static func elementValueSlot(_ index: Int, _ values: SIMD8<UInt32>, _ extras: FieldExtras?) -> Slot {
        index < inlineElementCount ? Slot(bits: values[index])
            : extras?.moreElements[index - inlineElementCount].value ?? .absent
    }

    @inline(__always)
    func elementValue(_ index: Int) -> String { string(elementValueSlot(index)) ?? "" }

    /// Sets `field` to the value of GS1 element `index` (wherever that value is stored).
    @inline(__always)
    mutating func set(_ field: Field, toElement index: Int) {
        setSlot(field, elementValueSlot(index))
    }

    /// The recorded GS1 elements as an array, built in one pass (one allocation for the array).
    // Always inlined into `CodeFields.ais`: called there, it made the getter copy the whole FieldText (~250
    // bytes) to the stack first.
    @inline(__always)
    func elements() -> [AIElement] {
        let count = elementCount
        guard count <= Self.inlineElementCount, extras == nil else {
            var elements: [AIElement] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                elements.append(AIElement(definition: elementDefinition(index), value: elementValue(index)))
            }
            return elements
        }
        // The usual case (all elements inline, nothing assigned). The UTF-8 of `source` and `derived` is fetched
        // once for all elements, and the closures capture only locals (capturing `self` copied the whole
        // FieldText, ~250 bytes, into their context).
        let values = elementValues
        let definitions = elementDefinitions
        return Self.withUTF8(source) { source in
            Self.withUTF8(derived) { derived in
                func element(_ index: Int) -> AIElement {
                    let slot = Slot(bits: values[index])
                    let value: String
                    switch slot.storage {
                    case .source: value = String(utf8Bytes: Self.clamped(source, slot))
                    case .derived: value = String(utf8Bytes: Self.clamped(derived, slot))
                    case .constant: value = Constant.words[slot.start]
                    case .absent, .assigned: value = ""  // no `extras`, so nothing is assigned
                    }
                    return AIElement(definition: Int(definitions[index]), value: value)
                }
                // Array literals of the exact size rather than reserveCapacity + append: a literal allocates its
                // storage directly (the append path went through `_consumeAndCreateNew`, which also asks malloc
                // for the usable size, and checked uniqueness and capacity per element).
                switch count {
                case 1: return [element(0)]
                case 2: return [element(0), element(1)]
                case 3: return [element(0), element(1), element(2)]
                case 4: return [element(0), element(1), element(2), element(3)]
                case 5: return [element(0), element(1), element(2), element(3), element(4)]
                case 6: return [element(0), element(1), element(2), element(3), element(4), element(5)]
                case 7: return [element(0), element(1), element(2), element(3), element(4), element(5), element(6)]
                case 8:
                    return [element(0), element(1), element(2), element(3), element(4), element(5), element(6),
                            element(7)]
                default: return []
                }
            }
        }
    }

    mutating func removeElements() {
        elementCount = 0
        if extras != nil { mutableExtras().moreElements = [] }
        hasElements = false
    }

    private mutating func append(definition: Int, _ value: Slot) {
        let definition = UInt16(truncatingIfNeeded: definition)
        if elementCount < Self.inlineElementCount {
            elementDefinitions[elementCount] = definition
            elementValues[elementCount] = value.bits
        } else {
            mutableExtras().moreElements.append((definition, value))
        }
        elementCount += 1
        hasElements = true
    }

    // MARK: Storage

    /// The value of `slot` as a String, nil when absent. Ranges are clamped, so a slot never traps.
    // Always inlined (like the other readers here): as a call, it made the caller copy the whole FieldText
    // (~250 bytes) to pass it; inlined, only the string it reads is touched.
    @inline(__always)
    func string(_ slot: Slot) -> String? { Self.string(slot, source: source, derived: derived, extras: extras) }

    /// The value of `slot` in the given storage (see ``string(_:)``).
    @inline(__always)
    static func string(_ slot: Slot, source: String, derived: String, extras: FieldExtras?) -> String? {
        switch slot.storage {
        case .absent: return nil
        case .constant: return Constant.words[slot.start]
        case .assigned: return extras?.strings[slot.start]
        case .source: return slice(source, slot)
        case .derived: return slice(derived, slot)
        }
    }

    /// Calls `body` with the bytes of `slot` (empty when absent).
    @inline(__always)
    func withBytes<R>(_ slot: Slot, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch slot.storage {
        case .source: return Self.withBytes(source, slot, body)
        case .derived: return Self.withBytes(derived, slot, body)
        case .absent: return body(UnsafeBufferPointer(start: nil, count: 0))
        case .constant, .assigned:
            var text = string(slot) ?? ""
            return text.withUTF8(body)
        }
    }

    // Always inlined, like the readers above: as calls (with a closure into the stdlib's contiguous-storage
    // accessor) they cost about 15 instructions per field value read.
    @inline(__always)
    private static func slice(_ text: String, _ slot: Slot) -> String {
        withBytes(text, slot) { String(utf8Bytes: $0) }
    }

    @inline(__always)
    private static func withBytes<R>(_ text: String, _ slot: Slot, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUTF8(text) { body(clamped($0, slot)) }
    }

    /// Calls `body` with the UTF-8 of `text` (in place for native and small strings, else of a copy).
    @inline(__always)
    private static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// The bytes of `slot` within `all`, clamped so that a slot never reads outside them.
    @inline(__always)
    private static func clamped(_ all: UnsafeBufferPointer<UInt8>, _ slot: Slot) -> UnsafeBufferPointer<UInt8> {
        let start = min(slot.start, all.count)
        let end = min(start + slot.count, all.count)
        return UnsafeBufferPointer(rebasing: all[start..<end])
    }

    /// A slot for `range` of ``source``; a range too large to pack is copied into ``extras`` instead.
    private mutating func sourceSlot(_ range: Range<Int>) -> Slot {
        if Slot.fits(range) { return Slot(.source, start: range.lowerBound, count: range.count) }
        return assign(Self.sliceUnpacked(source, range))
    }

    private mutating func appendDerived(_ text: String) -> Slot {
        let range = derived.utf8.count..<(derived.utf8.count + text.utf8.count)
        guard Slot.fits(range) else { return assign(text) }
        // Assigning (rather than appending to) an empty string keeps a value of up to 15 bytes inline.
        if derived.isEmpty { derived = text } else { derived += text }
        return Slot(.derived, start: range.lowerBound, count: range.count)
    }

    private mutating func assign(_ text: String) -> Slot {
        let extras = mutableExtras()
        extras.strings.append(text)
        return Slot(.assigned, start: extras.strings.count - 1, count: 0)
    }

    /// ``extras``, created or copied first so that it is not shared with another result (copy-on-write).
    mutating func mutableExtras() -> FieldExtras {
        // Checked before taking a reference of our own, which would make it look shared.
        if extras == nil {
            extras = FieldExtras()
        } else if !isKnownUniquelyReferenced(&extras) {
            extras = extras?.copy()
        }
        return extras ?? FieldExtras()
    }

    private static func sliceUnpacked(_ text: String, _ range: Range<Int>) -> String {
        var copy = text
        return copy.withUTF8 { all in
            let start = min(range.lowerBound, all.count)
            let end = min(range.upperBound, all.count)
            return String(utf8Bytes: UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }
}
