import Testing

@testable import GatewayCodes

/// Random valid GS1 messages built from the generated table, encoded raw (with GS where needed) and
/// bracketed, must decode back to the same AI/value pairs. Seeded, so failures reproduce.
@Suite("GS1 encode/decode round trip (property)")
struct GS1RoundTripPropertyTests {
    /// Linters this generator can satisfy; AIs using others are not drawn.
    static let generatable: Set<GS1Linter> = [.csum, .gcppos1, .gcppos2, .yymmd0, .yymmdd, .yyyymmdd, .hhmi, .hh,
                                                .mi, .ss, .nonzero, .iso3166, .iso3166999, .iso4217, .yesno, .iso5218,
                                                .winding, .zero]

    static let candidates: [Int] = GS1ApplicationIdentifierTable.definitions.indices.filter { index in
        GS1ApplicationIdentifierTable.definitions[index].components.allSatisfy { component in
            GS1Linter.allCases.filter { component.linterMask & (1 << UInt64($0.rawValue)) != 0 }
                .allSatisfy(generatable.contains)
        }
    }

    @Test("raw and bracketed encodings decode to the same elements", arguments: 0..<8)
    func roundTrip(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        for _ in 0..<250 {
            let message = randomMessage(&random)
            var raw = ""
            var bracketed = ""
            for (offset, element) in message.enumerated() {
                raw += element.ai + element.value
                bracketed += "(" + element.ai + ")" + element.value
                let definition = GS1ApplicationIdentifierTable.definitionIndex(ai: element.ai) ?? 0
                if !GS1ApplicationIdentifierTable.records[definition].predefinedLength, offset < message.count - 1 {
                    raw += "\u{1D}"
                }
            }
            // Bare digits of a GTIN length read as a GTIN; scanners send a symbology identifier for GS1 data.
            if raw.allSatisfy(\.isASCII), raw.allSatisfy(\.isNumber), [8, 12, 13, 14].contains(raw.count) {
                raw = "]C1" + raw
            }
            let fromRaw = Fixture.decode(raw)
            #expect(fromRaw.error == nil, "\(raw.debugDescription): \(String(describing: fromRaw.error))")
            #expect(fromRaw.ais == message, "\(raw.debugDescription)")
            let fromBrackets = Fixture.decode(bracketed)
            #expect(fromBrackets.error == nil, "\(bracketed): \(String(describing: fromBrackets.error))")
            #expect(fromBrackets.ais == message, "\(bracketed)")
            if fromRaw.ais != message || fromBrackets.ais != message { return }
        }
    }

    private func randomMessage(_ random: inout SeededGenerator) -> [AIElement] {
        var used = Set<String>()
        var elements: [AIElement] = []
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            guard let definition = Self.candidates.randomElement(using: &random) else { break }
            let ai = GS1ApplicationIdentifierTable.aiStrings[definition]
            guard used.insert(ai).inserted else { continue }
            elements.append(AIElement(ai: ai, value: value(for: definition, &random)))
        }
        return elements
    }

    private func value(for definition: Int, _ random: inout SeededGenerator) -> String {
        var text = ""
        for component in GS1ApplicationIdentifierTable.definitions[definition].components {
            if component.isOptional, Bool.random(using: &random) { break }
            // gcppos1 needs room for a four-digit GS1 Company Prefix.
            let shortest = has(component, .gcppos1) ? 4 : max(1, Int(component.minLength))
            let length = component.isFixedLength ? Int(component.maxLength)
                : Int.random(in: shortest...min(Int(component.maxLength), 12), using: &random)
            text += part(component, length: length, &random)
        }
        return text
    }

    private func has(_ component: GS1Component, _ linter: GS1Linter) -> Bool {
        component.linterMask & (1 << UInt64(linter.rawValue)) != 0
    }

    private func part(_ component: GS1Component, length: Int, _ random: inout SeededGenerator) -> String {
        func two(_ range: ClosedRange<Int>) -> String { ASCII.padded(Int.random(in: range, using: &random), width: 2) }
        if has(component, .yymmd0) || has(component, .yymmdd) { return two(0...99) + two(1...12) + two(1...28) }
        if has(component, .yyyymmdd) {
            return String(Int.random(in: 1950...2049, using: &random)) + two(1...12) + two(1...28)
        }
        if has(component, .hhmi) { return two(0...23) + two(0...59) }
        if has(component, .hh) { return two(0...23) }
        if has(component, .mi) || has(component, .ss) { return two(0...59) }
        if has(component, .iso3166) || has(component, .iso3166999) { return "156" }
        if has(component, .iso4217) { return "978" }
        if has(component, .yesno) || has(component, .zero) { return "0" }
        if has(component, .iso5218) || has(component, .winding) { return "1" }
        switch component.charset {
        case .numeric:
            var digits = (0..<length).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            if has(component, .nonzero) { digits = String(digits.dropLast()) + "1" }
            if has(component, .csum) {
                digits = String(digits.dropLast())
                digits.append(Fixture.gs1Check(digits))
            }
            return digits
        case .cset82:
            // Leading digits keep gcppos1 happy; '(' is avoided so the bracketed form stays unambiguous.
            let pool = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./:;<=>?_!\"&'*+,")
            return String((0..<length).map { index in
                index < 4 && has(component, .gcppos1) ? Character(String(index)) : pool.randomElement(using: &random)!
            })
        case .cset39:
            let pool = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/#")
            return String((0..<length).map { index in
                index < 4 && has(component, .gcppos1) ? Character(String(index)) : pool.randomElement(using: &random)!
            })
        case .base64url:
            let pool = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            return String((0..<length).map { _ in pool.randomElement(using: &random)! })
        }
    }
}
