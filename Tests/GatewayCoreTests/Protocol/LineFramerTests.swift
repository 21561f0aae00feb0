import GatewayTesting
import Testing

@testable import GatewayCore

@Suite("Line framer")
struct LineFramerTests {
    func frames(_ input: [UInt8], chunk: Int, maximum: Int = 16) -> [LineFramer.Frame] {
        var framer = LineFramer(maximumLength: maximum)
        var result: [LineFramer.Frame] = []
        var offset = 0
        while offset < input.count {
            framer.append(input[offset..<min(offset + chunk, input.count)])
            offset += chunk
            while let frame = framer.next() { result.append(frame) }
        }
        return result
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func sameFramesForEveryChunking(chunk: Int) {
        let input = Array("one\ntwo\r\n\nthree-is-exactly\nthis-line-is-far-too-long-to-accept\nfour\npartial".utf8)
        #expect(frames(input, chunk: chunk) == [
            .line(Array("one".utf8)), .line(Array("two".utf8)), .line(Array("three-is-exactly".utf8)),
            .oversize(length: 35), .line(Array("four".utf8)),
        ])
    }

    @Test func oversizeLineIsDiscardedNotTruncatedEvenWhenItArrivesInPieces() {
        var framer = LineFramer(maximumLength: 8)
        for _ in 0..<100 { framer.append(Array("xxxxxxxxxx".utf8)) }
        #expect(framer.next() == nil)
        #expect(framer.bufferedCount <= 10, "memory stays bounded while discarding")
        framer.append(Array("tail\n{\"a\":1}\n".utf8))
        #expect(framer.next() == .oversize(length: 1004))
        #expect(framer.next() == .line(Array("{\"a\":1}".utf8)))
    }

    @Test func crOnlyBeforeLfIsStripped() {
        var framer = LineFramer(maximumLength: 64)
        framer.append(Array("a\rb\r\n".utf8))
        #expect(framer.next() == .line(Array("a\rb".utf8)))
    }

    @Test func randomBytesNeverTrapAndNeverExceedTheCap() {
        var generator = SplitMix64(seed: 42)
        var framer = LineFramer(maximumLength: 32)
        for _ in 0..<5000 {
            let count = Int(generator.next() % 50)
            framer.append(
                (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() % 12 == 0 ? 10 : generator.next()) })
            while let frame = framer.next() {
                if case .line(let line) = frame { #expect(line.count <= 32) }
            }
        }
    }
}
