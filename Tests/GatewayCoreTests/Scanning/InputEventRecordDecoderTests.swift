import Testing

@testable import GatewayCore

@Suite("input_event record decoder")
struct InputEventRecordDecoderTests {
    static let events: [InputEvent] = [
        .key(30, pressed: true, at: 1_700_000_000_123_456_000), .report(at: 1_700_000_000_123_456_000),
        .key(30, pressed: false, at: 1_700_000_000_131_000_000), .dropped(at: 1_700_000_000_140_000_000),
        InputEvent(type: InputEventType.misc, code: 4, value: -458_756, timeNanoseconds: 5_000),
    ]

    @Test func recordLayoutIsTheKernels() {
        let record = InputEvent.key(28, pressed: true, at: 2_000_003_000).record
        #expect(record.count == 24)
        #expect(record[0..<8] == [2, 0, 0, 0, 0, 0, 0, 0])  // tv_sec
        #expect(record[8..<16] == [3, 0, 0, 0, 0, 0, 0, 0])  // tv_usec
        #expect(record[16..<24] == [1, 0, 28, 0, 1, 0, 0, 0])  // type, code, value
    }

    @Test(arguments: [1, 2, 5, 23, 24, 25, 47, 48, 100, 1000])
    func decodesAcrossChunkSizes(chunk: Int) {
        let bytes = Self.events.flatMap(\.record)
        var decoder = InputEventRecordDecoder()
        var decoded: [InputEvent] = []
        var offset = 0
        while offset < bytes.count {
            var slice = bytes[offset..<min(offset + chunk, bytes.count)]
            offset += slice.count
            while let event = decoder.decode(buffer: &slice) { decoded.append(event) }
            #expect(slice.isEmpty)
        }
        #expect(decoded == Self.events)
        #expect(decoder.pendingByteCount == 0)
    }

    @Test func partialRecordIsHeldAndResetDiscardsIt() {
        var decoder = InputEventRecordDecoder()
        var slice = Self.events[0].record[0..<10]
        #expect(decoder.decode(buffer: &slice) == nil)
        #expect(decoder.pendingByteCount == 10)
        decoder.reset()
        var whole = Self.events[1].record[...]
        #expect(decoder.decode(buffer: &whole) == Self.events[1])
    }
}
