import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// A lock board with the XOR-checksum framing on its own pty (symlinked at `link`): opens are echoed and counted,
/// status queries answered "locked" (the board pulses a strike and it locks again by itself).
final class LockBoardSimulator {
    let link: String
    let board: UInt8
    let locks: Int
    var master: Int32 = -1
    var slave: Int32 = -1
    var decoder = LockBoardDecoder()
    var releases = 0

    init(link: String, board: UInt8, locks: Int) throws {
        self.link = link
        self.board = board
        self.locks = locks
        (master, slave) = try RTUModbusTransport.openLinkedPty(link: link)
    }

    deinit {
        unlink(link)
        close(master)
        close(slave)
    }

    func readable() {
        var chunk = [UInt8](repeating: 0, count: 256)
        let count = read(master, &chunk, chunk.count)
        guard count > 0 else { return }
        decoder.append(chunk[0..<count])
        while let message = decoder.next() {
            // Other boards on the line answer for themselves; unknown locks get no answer.
            guard message.board == board, (1...locks).contains(Int(message.lock)) else { continue }
            let answer: [UInt8]
            if message.command == LockBoardFrame.openCommand, message.value == LockBoardFrame.openFunction {
                releases += 1
                answer = LockBoardFrame.open(board: board, lock: message.lock)
            } else if message.command == LockBoardFrame.statusCommand {
                let body = [LockBoardFrame.statusCommand, board, message.lock, 0x00]
                answer = body + [LockBoardFrame.checksum(body)]
            } else {
                continue
            }
            _ = answer.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }
    }
}
