import GatewayCore
import GatewayDevices
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Lock board port on a real pty", .serialized)
struct LockBoardPortTests {
    /// The 300 ms answer timeout used to restart with every byte read: a line that kept delivering bytes that never
    /// made up the answer held the open command (and the nurse) for as long as the noise lasted.
    @Test func noiseThatNeverMakesAnAnswerEndsTheExchangeAtOneOverallDeadline() async throws {
        let board = try PtyScanner()
        let port = try LockBoardPort(path: board.path, timeout: .milliseconds(300))
        let noise = Task {
            // A byte every 100 ms for up to 30 s: never a whole frame with a valid checksum.
            for _ in 0..<300 where !Task.isCancelled {
                var byte: UInt8 = 0x55
                _ = write(board.controller, &byte, 1)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        let started = ContinuousClock.now
        await #expect(throws: LockBoardError.self) {
            _ = try await port.exchange(LockBoardFrame.open(board: 1, lock: 1))
        }
        let took = ContinuousClock.now - started
        // The deadline is 300 ms; the bound is loose because a test run that keeps every core busy can delay the
        // test's resumption by seconds. Restarting the wait with every byte would take the noise's whole 30 s.
        #expect(took < .seconds(15), "the exchange took \(took)")
        // The noise has stopped writing before the pty is closed: a write after the close would go to whatever
        // another test opened under the same descriptor number.
        noise.cancel()
        await noise.value
        board.unplug()
    }
}
