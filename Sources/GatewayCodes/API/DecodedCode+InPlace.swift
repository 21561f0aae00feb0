/// Writing a decode into an existing result, so that no layer returns (and so copies) a whole ``DecodedCode``.
///
/// Why: a result is a few hundred bytes; when each parser built its own and returned it through the router,
/// it was copied (with a retain and release of each of its references) six to eight times per decode, about a
/// fifth of the decode time. The router and the parsers now take the caller's result `inout`, clear it once
/// with ``reset(to:input:symbology:)`` and fill it in place.
extension DecodedCode {
    /// An empty `invalid` result for a decode to fill.
    // Built here rather than through `init(kind:fields:warnings:error:)` or by copying a static constant, and
    // `error` left to its implicit nil: assigning it (or going through the memberwise-style init) made the
    // optimiser load the new value twice, retain one load and release the other, and copy it through
    // temporaries (three ~425-byte memcpys and a retain of each reference: ~450 instructions per decode).
    init() {
        kind = .invalid
        fields = CodeFields()
        warnings = []
    }

    /// Makes `source` the text whose bytes the decode's `InputText` are (its UTF-8 starts with them): text
    /// fields are recorded as ranges of it. Set once per decode, before a grammar runs; ``reset(to:input:symbology:)``
    /// keeps it.
    mutating func adoptSource(_ source: String) {
        fields.text.source = source
    }

    /// Clears everything and starts a result of `kind` whose text fields are ranges of `input` (whose text is
    /// the adopted source, see ``adoptSource(_:)``).
    mutating func reset(to kind: CodeKind, input: InputText, symbology: Range<Int>?) {
        self.kind = kind
        fields.reset(symbology: symbology)
        if !warnings.isEmpty { warnings = [] }
        error = nil
    }

    /// Makes this the `invalid` result for `error`: every field cleared except `symbology` and `raw`
    /// (`raw` as given); warnings are kept only when `keepingWarnings`.
    mutating func becomeInvalid(_ error: DecodeError, input: InputText, symbology: Range<Int>?, raw: Range<Int>,
                                keepingWarnings: Bool = false) {
        let warnings = keepingWarnings ? self.warnings : []
        reset(to: .invalid, input: input, symbology: symbology)
        fields.text.set(.raw, raw)
        self.warnings = warnings
        self.error = error
    }
}

extension CodeFields {
    /// Clears every field but keeps the source text; `symbology` is the range of the identifier.
    mutating func reset(symbology: Range<Int>?) {
        text.reset()
        if let symbology { text.set(.symbology, symbology) }
        dates = FieldDates()
        structureCodes = SIMD16<UInt8>()
        structureCount = 0
        quantity = nil
        uom = nil
        compoundCount = nil
        meaning = nil
    }
}
