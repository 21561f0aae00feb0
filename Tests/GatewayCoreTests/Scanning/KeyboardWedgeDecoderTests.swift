import Testing

@testable import GatewayCore

@Suite("Keyboard wedge decoder")
struct KeyboardWedgeDecoderTests {
    static let gs1 = "0104150123456782\u{1D}10LOT-7a\u{1D}17271231"
    static let allPrintable = (0x20...0x7E).map { String(Unicode.Scalar(UInt8($0))) }.joined()

    @Test(arguments: KeyboardLayout.Name.allCases)
    func everyPrintableAsciiCharacterRoundTrips(layout: KeyboardLayout.Name) throws {
        let layout = KeyboardLayout.named(layout)
        let typable = Self.allPrintable.filter { character in
            (try? KeystrokeEncoder(layout: layout).events(for: String(character), terminator: nil, startingAt: 0))
                != nil
        }
        // Every layout here types all of printable ASCII (FR and DE through AltGr).
        #expect(typable.count == Self.allPrintable.count)
        let decoded = try roundTrip(typable, layout: layout)
        #expect(decoded.map(\.text) == [typable])
    }

    @Test(arguments: KeyboardLayout.Name.allCases)
    func gs1WithControlGroupSeparatorRoundTrips(layout: KeyboardLayout.Name) throws {
        let decoded = try roundTrip(Self.gs1, layout: .named(layout), style: .control)
        #expect(decoded.map(\.text) == [Self.gs1])
        #expect(decoded.first?.end == .terminator)
        #expect(decoded.first?.damage == nil)
    }

    @Test(arguments: KeyboardLayout.Name.allCases)
    func gs1WithAltKeypadGroupSeparatorRoundTrips(layout: KeyboardLayout.Name) throws {
        let decoded = try roundTrip(Self.gs1, layout: .named(layout), style: .altKeypad)
        #expect(decoded.map(\.text) == [Self.gs1])
    }

    @Test func nonAsciiLayoutCharactersDecode() throws {
        #expect(try roundTrip("Größe-µ§", layout: .de).map(\.text) == ["Größe-µ§"])
        #expect(try roundTrip("é£¤ù", layout: .fr).map(\.text) == ["é£¤ù"])
        #expect(try roundTrip("£¬€", layout: .uk).map(\.text) == ["£¬€"])
    }

    @Test func germanKeyPositionsDifferFromUS() {
        // Key 21 is Y on US and Z on German keyboards; key 44 the other way round.
        var us = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        var de = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .de))
        let events = tap(21, at: 0) + tap(44, at: 10 * millisecond) + tap(KeyCode.enter, at: 20 * millisecond)
        #expect(frames(&us, events).map(\.text) == ["yz"])
        #expect(frames(&de, events).map(\.text) == ["zy"])
    }

    @Test func controlPlusKey27IsGroupSeparatorOnGermanLayout() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .de))
        let events: [InputEvent] =
            tap(2, at: 0)
            + [.key(KeyCode.leftControl, pressed: true, at: 5 * millisecond)]
            + tap(KeyCode.rightBrace, at: 6 * millisecond)
            + [.key(KeyCode.leftControl, pressed: false, at: 7 * millisecond)]
            + tap(3, at: 8 * millisecond) + tap(KeyCode.enter, at: 9 * millisecond)
        #expect(frames(&decoder, events).map(\.text) == ["1\u{1D}2"])
    }

    @Test func bothShiftsAndCapsLock() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        var events: [InputEvent] = []
        var time: UInt64 = 0
        func next() -> UInt64 { time += millisecond; return time }
        events += [.key(KeyCode.rightShift, pressed: true, at: next())] + tap(30, at: next())  // A
        events += [.key(KeyCode.leftShift, pressed: true, at: next())]
        events += [.key(KeyCode.rightShift, pressed: false, at: next())] + tap(30, at: next())  // A: left still held
        events += [.key(KeyCode.leftShift, pressed: false, at: next())] + tap(30, at: next())  // a
        events += tap(KeyCode.capsLock, at: next()) + tap(30, at: next()) + tap(2, at: next())  // A 1
        events += [.key(KeyCode.leftShift, pressed: true, at: next())] + tap(30, at: next())  // caps+shift: a
        events += tap(2, at: next()) + [.key(KeyCode.leftShift, pressed: false, at: next())]  // !
        events += tap(KeyCode.enter, at: next())
        #expect(frames(&decoder, events).map(\.text) == ["AAaA1a!"])
    }

    @Test func autorepeatIsIgnored() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        let events: [InputEvent] = [
            .key(30, pressed: true, at: 0),
            InputEvent(type: InputEventType.key, code: 30, value: 2, timeNanoseconds: 1),
            .key(30, pressed: false, at: 2),
        ] + tap(KeyCode.enter, at: 3)
        #expect(frames(&decoder, events).map(\.text) == ["a"])
    }

    @Test func tabTerminatorAndEnterAsData() {
        let options = KeyboardWedgeOptions(layout: .us, terminators: [.tab])
        var decoder = KeyboardWedgeDecoder(options: options)
        let events = tap(30, at: 0) + tap(KeyCode.enter, at: millisecond) + tap(48, at: 2 * millisecond)
            + tap(KeyCode.tab, at: 3 * millisecond)
        #expect(frames(&decoder, events).map(\.text) == ["a\rb"])
    }

    @Test func noTerminatorEndsOnIdleTimeout() {
        let options = KeyboardWedgeOptions(layout: .us, terminators: [], idleTimeout: .milliseconds(50))
        var decoder = KeyboardWedgeDecoder(options: options)
        #expect(frames(&decoder, tap(30, at: 0) + tap(48, at: 8 * millisecond)).isEmpty)
        #expect(decoder.idleDeadline == 58 * millisecond)
        #expect(decoder.flushIfIdle(atNanoseconds: 57 * millisecond) == nil)
        let frame = decoder.flushIfIdle(atNanoseconds: 58 * millisecond)
        #expect(frame?.text == "ab")
        #expect(frame?.end == .idle)
        #expect(decoder.idleDeadline == nil)
    }

    @Test func slowTypingOnAnUntaggedKeyboardIsNotAScan() {
        let options = KeyboardWedgeOptions(layout: .us, humanGap: .milliseconds(40), minimumLength: 4)
        var decoder = KeyboardWedgeDecoder(options: options)
        // A person: "abc" + Enter at 150 ms per key.
        let person = tap(30, at: 0) + tap(48, at: 150 * millisecond) + tap(46, at: 300 * millisecond)
            + tap(KeyCode.enter, at: 450 * millisecond)
        #expect(frames(&decoder, person).isEmpty)
        #expect(decoder.counters.humanInputsDiscarded >= 1)
        // Then a scanner on the same node: 8 ms per key.
        let scan = try! KeystrokeEncoder(layout: .us).events(for: "12345678", terminator: .enter,
                                                             startingAt: 1_000 * millisecond)
        #expect(frames(&decoder, scan.events).map(\.text) == ["12345678"])
    }

    @Test func synDroppedMarksTheScanDamagedAndResyncs() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        var events = tap(30, at: 0)
        // Shift goes down, then the kernel drops events (the Shift release among them).
        events += [.key(KeyCode.leftShift, pressed: true, at: millisecond), .dropped(at: 2 * millisecond)]
        events += tap(31, at: 3 * millisecond)  // ignored: before the next SYN_REPORT
        events += tap(32, at: 4 * millisecond)  // after the resync: Shift is taken as up
        events += tap(KeyCode.enter, at: 5 * millisecond)
        let decoded = frames(&decoder, events)
        #expect(decoded.map(\.text) == ["ad"])
        #expect(decoded.first?.damage?.contains("SYN_DROPPED") == true)
        #expect(decoder.counters.droppedMarkers == 1)
        // The next scan is clean again.
        #expect(frames(&decoder, tap(33, at: 6 * millisecond) + tap(KeyCode.enter, at: 7 * millisecond))
            .first?.damage == nil)
    }

    @Test func unplugMidScanReturnsThePartialScan() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        #expect(frames(&decoder, tap(30, at: 0) + tap(48, at: millisecond)).isEmpty)
        let partial = decoder.interrupt(reason: "device unplugged")
        #expect(partial?.text == "ab")
        #expect(partial?.end == .interrupted)
        #expect(partial?.isComplete == false)
        #expect(decoder.interrupt(reason: "again") == nil)
    }

    @Test func overflowEndsARunawayScan() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us, maximumLength: 3))
        let decoded = frames(&decoder, (0..<4).flatMap { tap(30, at: UInt64($0) * millisecond) })
        #expect(decoded.map(\.end) == [.overflow])
    }

    @Test func controlLettersBecomeAsciiControlCharacters() {
        var decoder = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        let events: [InputEvent] =
            [.key(KeyCode.rightControl, pressed: true, at: 0)] + tap(32, at: 1)
            + [.key(KeyCode.rightControl, pressed: false, at: 2)] + tap(KeyCode.enter, at: 3)
        #expect(frames(&decoder, events).map(\.bytes) == [[0x04]])
    }

    @Test func separateDecodersNeverMixCharacters() throws {
        let first = try KeystrokeEncoder(layout: .us).events(for: "AAAA", terminator: .enter, startingAt: 0).events
        let second = try KeystrokeEncoder(layout: .de).events(for: "ZZZZ", terminator: .enter, startingAt: 1).events
        var one = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .us))
        var two = KeyboardWedgeDecoder(options: KeyboardWedgeOptions(layout: .de))
        var results: [String] = []
        // Interleaved arrival, as from two scanners at once.
        for index in 0..<max(first.count, second.count) {
            if index < first.count, let frame = one.decode(event: first[index]) { results.append(frame.text) }
            if index < second.count, let frame = two.decode(event: second[index]) { results.append(frame.text) }
        }
        #expect(results.sorted() == ["AAAA", "ZZZZ"])
    }
}
