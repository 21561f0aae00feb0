@testable import GatewayCore

/// Feeds events to a decoder and collects the frames.
func frames(_ decoder: inout KeyboardWedgeDecoder, _ events: [InputEvent]) -> [ScanFrame] {
    events.compactMap { decoder.decode(event: $0) }
}

/// Typed text through the encoder, decoded again: the round trip the wedge path must survive.
func roundTrip(
    _ text: String, layout: KeyboardLayout, style: KeystrokeEncoder.GroupSeparatorStyle = .control,
    options: KeyboardWedgeOptions? = nil
) throws -> [ScanFrame] {
    let encoder = KeystrokeEncoder(layout: layout, groupSeparator: style)
    let typed = try encoder.events(for: text, terminator: .enter, startingAt: 1_000_000_000)
    var decoder = KeyboardWedgeDecoder(options: options ?? KeyboardWedgeOptions(layout: layout))
    return frames(&decoder, typed.events)
}

/// Presses and releases one key at `time`, with SYN_REPORTs.
func tap(_ code: UInt16, at time: UInt64) -> [InputEvent] {
    [.key(code, pressed: true, at: time), .report(at: time), .key(code, pressed: false, at: time + 1000),
     .report(at: time + 1000)]
}

let millisecond: UInt64 = 1_000_000
