/// The rarely filled parts of one ``CodeFields``, behind a single optional reference.
///
/// Why: these used to be six array properties of every result (strings and dates assigned through the
/// public setters, GS1 elements after the eighth, `ais` assigned whole, ISBT 128 structure lists that do
/// not fit inline, `candidates`). Copying or dropping a result retained and released each of them even
/// when empty, and decodes fill almost none of them; now such a result carries one nil pointer.
///
/// Copy-on-write: ``FieldText`` copies the object before mutating it unless it is uniquely referenced, so
/// a shared instance is never mutated (hence the unchecked Sendable).
final class FieldExtras: @unchecked Sendable {
    /// Strings assigned through the public setters (a slot's `start` indexes this).
    var strings: [String] = []
    /// Dates assigned through the public setters that do not fit the packed form.
    var dates: [CivilDate] = []
    /// GS1 elements after the first `FieldText.inlineElementCount`: definition index and value.
    var moreElements: [(definition: UInt16, value: FieldText.Slot)] = []
    /// `ais` as assigned through the setter.
    var explicitAIs: [AIElement]?
    /// `structures` when assigned through the setter or longer than the inline list.
    var structures: [String]?
    /// `candidates` of an `ambiguous` error.
    var candidates: [String]?

    init() {}

    func copy() -> FieldExtras {
        let copy = FieldExtras()
        copy.strings = strings
        copy.dates = dates
        copy.moreElements = moreElements
        copy.explicitAIs = explicitAIs
        copy.structures = structures
        copy.candidates = candidates
        return copy
    }
}
