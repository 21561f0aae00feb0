import Testing

@testable import GatewayCore

/// Raw Linux keycodes against what xkb's `fr` and `gb` layouts type: unlike the round trips, which encode with the
/// same table they decode with, a wrong table entry fails here.
@Suite("Keyboard layouts by raw keycode")
struct KeyboardLayoutKeycodeTests {
    enum Modifier { case none, shift, altGr, control }

    /// The frame typed by `keys` (each tapped with its modifier held), then Enter.
    func typed(_ keys: [(UInt16, Modifier)], layout: KeyboardLayout.Name) -> String? {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .named(layout)))
        var events: [InputEvent] = []
        var time: UInt64 = 0
        func next() -> UInt64 {
            time += millisecond
            return time
        }
        for (code, modifier) in keys {
            let held: UInt16? =
                switch modifier {
                case .none: nil
                case .shift: KeyCode.leftShift
                case .altGr: KeyCode.rightAlt
                case .control: KeyCode.leftControl
                }
            if let held { events.append(.key(held, pressed: true, at: next())) }
            events += tap(code, at: next())
            if let held { events.append(.key(held, pressed: false, at: next())) }
        }
        events += tap(KeyCode.enter, at: next())
        return frames(&decoder, events).first?.text
    }

    @Test func frenchAzerty() {
        // Key 16 (Q on US) is A, key 30 (A on US) is Q; digits need Shift, unshifted they are & é " ' ( - è _ ç à.
        #expect(typed([(16, .none), (30, .none), (44, .none), (17, .none)], layout: .fr) == "aqwz")
        #expect(typed([(2, .none), (3, .none), (4, .none), (11, .none)], layout: .fr) == "&é\"à")
        #expect(typed([(2, .shift), (3, .shift), (11, .shift)], layout: .fr) == "120")
        #expect(typed([(11, .altGr), (27, .none), (27, .shift), (50, .shift)], layout: .fr) == "@$£?")
        // Control + key 27 ($ on FR, ] on US) is the group separator, as on every layout here.
        #expect(typed([(2, .shift), (27, .control), (3, .shift)], layout: .fr) == "1\u{1D}2")
    }

    @Test func britishQwerty() {
        #expect(typed([(3, .shift), (4, .shift), (40, .shift)], layout: .uk) == "\"£@")
        #expect(typed([(43, .none), (43, .shift), (86, .none), (86, .shift)], layout: .uk) == "#~\\|")
        #expect(typed([(41, .none), (41, .shift)], layout: .uk) == "`¬")
        #expect(typed([(5, .altGr)], layout: .uk) == "€")
    }
}
