import Testing

@testable import GatewayCore

@Suite("Lock board XOR framing")
struct LockBoardFrameTests {
    @Test func openFrameCarriesTheXORChecksum() {
        #expect(LockBoardFrame.open(board: 1, lock: 1) == [0x8A, 0x01, 0x01, 0x11, 0x9B])
        #expect(LockBoardFrame.status(board: 2, lock: 5) == [0x80, 0x02, 0x05, 0x33, 0x80 ^ 0x02 ^ 0x05 ^ 0x33])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func framesDecodeWhateverTheChunkSize(chunk: Int) {
        let stream = LockBoardFrame.open(board: 1, lock: 3) + [0x00, 0xFF] + LockBoardFrame.status(board: 1, lock: 3)
            + [0x8A, 0x01, 0x03, 0x11, 0x00]  // bad checksum
            + [0x80, 0x01, 0x03, 0x11, 0x80 ^ 0x01 ^ 0x03 ^ 0x11]
        var decoder = LockBoardDecoder()
        var messages: [LockBoardMessage] = []
        var offset = 0
        while offset < stream.count {
            decoder.append(stream[offset..<min(stream.count, offset + chunk)])
            offset += chunk
            while let message = decoder.next() { messages.append(message) }
        }
        #expect(messages == [
            LockBoardMessage(command: 0x8A, board: 1, lock: 3, value: 0x11),
            LockBoardMessage(command: 0x80, board: 1, lock: 3, value: 0x33),
            LockBoardMessage(command: 0x80, board: 1, lock: 3, value: 0x11),
        ])
        #expect(decoder.discarded == 7)
    }
}
