/// Collects the validated elements of one GS1 message (from raw, bracketed or Digital Link input), maps them
/// to ``CodeFields``, applies the pairing rules and completes the ``DecodedCode``.
///
/// The fields are not held here: each element is written straight into the caller's result fields (passed
/// `inout`, see `DecodedCode+InPlace`), so the result is never copied. Values are recorded as ranges of the
/// input (see `FieldText`); only values that are not a slice of the input (percent-decoded or padded Digital
/// Link values) are copied.
struct GS1MessageBuilder {
    let input: InputText
    let strict: Bool
    let referenceDate: CivilDate
    let tables: GS1Tables
    var present = GS1AISet()
    var warnings: [CodeWarning] = []
    private(set) var error: DecodeError?
    /// The date a yymmd0/yymmdd linter read at the start of the value being appended: its date field takes
    /// it instead of parsing the digits again.
    private var lintedDate: CivilDate?

    init(input: InputText, strict: Bool, referenceDate: CivilDate, tables: GS1Tables) {
        self.input = input
        self.tables = tables
        self.strict = strict
        self.referenceDate = referenceDate
    }

    var failed: Bool { error != nil }

    /// Records a hard error (the first one wins). Always returns false, for `return fail(...)`.
    @discardableResult
    mutating func fail(_ kind: DecodeErrorKind, _ message: @autoclosure @escaping @Sendable () -> String,
                       at offset: Int?) -> Bool {
        if error == nil { error = input.error(kind, at: offset, rendering: message) }
        return false
    }

    /// A rule a strict GS1 validator enforces: a warning by default, an error in strict mode.
    @discardableResult
    mutating func policy(_ warning: CodeWarningKind, _ errorKind: DecodeErrorKind,
                         _ message: @autoclosure @escaping @Sendable () -> String, at offset: Int?) -> Bool {
        if strict {
            if error == nil { error = input.error(errorKind, at: offset, rendering: message) }
            return false
        }
        warnings.append(input.warning(warning, at: offset, rendering: message))
        return true
    }

    mutating func warn(_ kind: CodeWarningKind, _ message: @autoclosure @escaping @Sendable () -> String,
                       at offset: Int?) {
        warnings.append(input.warning(kind, at: offset, rendering: message))
    }

    /// Validates `bytes[range]` as the value of AI `definition` and appends it to `fields`. `origin` is the
    /// input offset of the value's first byte (the value may live in a separate, percent-decoded buffer).
    @discardableResult
    mutating func append(definition: Int, value bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                         origin: Int, to fields: inout CodeFields) -> Bool {
        guard validate(definition: definition, bytes, range, origin: origin) else { return false }
        if present.contains(definition) {
            let ai = GS1ApplicationIdentifierTable.aiStrings[definition]
            if !Self.equalsEarlierValue(of: definition, UnsafeBufferPointer(rebasing: bytes[range]), in: &fields) {
                return fail(.pairing, "AI (\(ai)) appears twice with different values", at: origin)
            }
            warn(.pairing, "AI (\(ai)) appears twice", at: origin)
        }
        present.insert(definition)
        let element = fields.text.elementCount
        let isInput = bytes.baseAddress == input.bytes.baseAddress
        fields.text.appendElement(definition: definition, range, copying: isInput ? nil : bytes)
        Self.mapField(tables.records[definition].field, element: element, bytes, range, referenceDate, lintedDate,
                      &fields)
        return true
    }

    /// Whether the first earlier element with AI `definition` has exactly `value`.
    // Static, with the fields inout although only read: a non-mutating method received a copy of the whole
    // builder (~200 bytes), and a by-value CodeFields a copy of the fields (~350 bytes), on every element.
    private static func equalsEarlierValue(of definition: Int, _ value: UnsafeBufferPointer<UInt8>,
                                           in fields: inout CodeFields) -> Bool {
        let text = fields.text
        for index in 0..<text.elementCount where text.elementDefinition(index) == definition {
            return text.withBytes(text.elementValueSlot(index)) { $0.elementsEqual(value) }
        }
        return true
    }

    private mutating func validate(definition: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                   origin: Int) -> Bool {
        let record = tables.records[definition]
        lintedDate = nil
        let shift = origin - range.lowerBound
        var cursor = range.lowerBound
        let first = Int(record.firstComponent)
        for componentIndex in first..<(first + Int(record.componentCount)) {
            let component = tables.components[componentIndex]
            let remaining = range.upperBound - cursor
            if remaining == 0, component.isOptional { break }
            guard remaining >= Int(component.minLength) else {
                return fail(.syntax, "value of (\(Self.aiText(definition))) is too short", at: cursor + shift)
            }
            let length = component.isFixedLength ? Int(component.maxLength) : min(remaining, Int(component.maxLength))
            let part = cursor..<(cursor + length)
            // Numeric components (keys, dates, quantities: most of them) are checked eight bytes at a time.
            if component.charset != .numeric || !ASCII.allDigits(bytes, part) {
                let allowed = GS1CharacterSets.mask(component.charset)
                for index in part where !allowed.contains(bytes[index]) {
                    return fail(.charset, "character not allowed in (\(Self.aiText(definition)))", at: index + shift)
                }
            }
            var mask = component.linterMask
            while mask != 0 {
                let bit = mask.trailingZeroBitCount
                mask &= mask &- 1
                guard let linter = GS1Linter(rawValue: bit) else { continue }
                switch GS1Linters.run(linter, bytes, part, reference: referenceDate) {
                case .pass: break
                case .passedDate(let date): if part.lowerBound == range.lowerBound { lintedDate = date }
                case .notValidated(let note):
                    warn(.notValidated, "(\(Self.aiText(definition))): \(note)", at: part.lowerBound + shift)
                case .fail(let kind, let position, let message):
                    return fail(kind, "(\(Self.aiText(definition))) \(message)", at: position + shift)
                }
            }
            cursor += length
        }
        guard cursor == range.upperBound else {
            return fail(.syntax, "value of (\(Self.aiText(definition))) is too long", at: cursor + shift)
        }
        return true
    }

    // Static: messages are rendered later (see `DeferredMessage`) and must not capture the builder.
    private static func aiText(_ definition: Int) -> String { GS1ApplicationIdentifierTable.aiStrings[definition] }

    /// `lintedDate`: the date the value starts with, when a linter already read it.
    private static func mapField(_ field: GS1Field, element: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                                 _ range: Range<Int>, _ referenceDate: CivilDate, _ lintedDate: CivilDate?,
                                 _ fields: inout CodeFields) {
        let start = range.lowerBound
        func date() -> CivilDate? { lintedDate ?? GS1DateLinters.civilDate(bytes, at: start, reference: referenceDate) }
        switch field {
        case .none: break
        case .gtin:
            fields.text.set(.gtin, toElement: element)
            fields.text.set(.di, toElement: element)
        case .sscc: fields.text.set(.sscc, toElement: element)
        case .contentGTIN: fields.text.set(.contentGTIN, toElement: element)
        case .lot: fields.text.set(.lot, toElement: element)
        case .serial: fields.text.set(.serial, toElement: element)
        case .cpv: fields.text.set(.cpv, toElement: element)
        case .additionalID: fields.text.set(.additionalID, toElement: element)
        case .customerPartNo: fields.text.set(.customerPartNo, toElement: element)
        case .quantity: fields.quantity = fields.quantity ?? ASCII.number(bytes, range)
        case .expiry: fields.expiry = date()
        case .productionDate: fields.productionDate = date()
        case .packDate: fields.packDate = date()
        case .bestBefore: fields.bestBefore = date()
        case .sellBy: fields.sellBy = date()
        case .expiryDateTime:
            guard let date = date() else { return }
            let time = ASCII.string(bytes, (start + 6)..<(start + 8)) + ":"
                + ASCII.string(bytes, (start + 8)..<(start + 10))
            fields.text.set(.expiryDatetime, derived: date.description + "T" + time)
            if fields.expiry == nil {
                fields.expiry = date
                fields.text.set(.expiryTime, derived: time)
            }
        }
    }

    /// Applies the req=/ex= rules over the whole message and completes `result`, whose fields the parser
    /// filled (after `DecodedCode.reset`).
    mutating func finish(kind: CodeKind, symbology: Range<Int>?, into result: inout DecodedCode) {
        if error == nil { checkPairing() }
        if let error {
            result.becomeInvalid(error, input: input, symbology: symbology, raw: 0..<input.bytes.count)
            result.warnings = warnings
            return
        }
        if let symbology { result.fields.text.set(.symbology, symbology) }
        result.kind = kind
        // The result's warnings are empty since its reset; assigning an empty array would still retain and
        // release the empty-array storage.
        if !warnings.isEmpty { result.warnings = warnings }
    }

    private mutating func checkPairing() {
        // Read through buffer pointers: `rules[definition]` from an Array copied the whole ~300-byte rule;
        // through a pointer only the words that are tested are loaded.
        let rules = tables.pairingRules
        let conjunctions = tables.conjunctions
        let inFirstWord = present.isWithinFirstWord
        // Members in increasing definition order, as the messages have always been reported.
        for definition in present where definition < rules.count {
            // Through a pointer to the rule, each requirement tested where it lies: `requirement(_:)` returned a
            // copy of the ~100-byte requirement for every AI of every message.
            guard let rule = rules.baseAddress.map({ $0 + definition }) else { return }
            let requirementCount = rule.pointee.requirementCount
            for requirement in 0..<requirementCount {
                let met = requirement == 0
                    ? rule.pointee.firstRequirement
                        .isMet(by: present, presentInFirstWord: inFirstWord, conjunctions: conjunctions)
                    : rule.pointee.secondRequirement
                        .isMet(by: present, presentInFirstWord: inFirstWord, conjunctions: conjunctions)
                if met { continue }
                let ai = GS1ApplicationIdentifierTable.aiStrings[definition]
                let message = "(\(ai)) requires one of \(GS1PairingRule.requiresText(definition, requirement))"
                guard policy(.pairing, .pairing, message, at: nil) else { return }
            }
            let excluded = inFirstWord ? rule.pointee.excludes.firstWord & present.firstWord != 0
                : present.intersects(rule.pointee.excludes)
            if excluded {
                let ai = GS1ApplicationIdentifierTable.aiStrings[definition]
                guard policy(.pairing, .pairing, "(\(ai)) may not appear with an AI it excludes", at: nil)
                else { return }
            }
        }
    }
}
