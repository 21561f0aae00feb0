/// The private RS-485 framing many cabinet lock boards use instead of Modbus: five bytes, `command, board,
/// lock, function, XOR` where the last byte is the XOR of the first four. `8A BB LL 11 xx` opens lock LL of board
/// BB and is echoed on success; `80 BB LL 33 xx` asks for a lock's state, answered `80 BB LL SS xx` with SS = 0x11
/// unlocked, 0x00 locked.
public enum LockBoardFrame {
    public static let openCommand: UInt8 = 0x8A
    public static let openFunction: UInt8 = 0x11
    public static let statusCommand: UInt8 = 0x80
    public static let statusFunction: UInt8 = 0x33
    public static let length = 5

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 { bytes.reduce(0, ^) }

    /// The frame that opens (pulses) `lock` of `board`.
    public static func open(board: UInt8, lock: UInt8) -> [UInt8] { frame(openCommand, board, lock, openFunction) }

    /// The frame that asks for the state of `lock` of `board`.
    public static func status(board: UInt8, lock: UInt8) -> [UInt8] {
        frame(statusCommand, board, lock, statusFunction)
    }

    static func frame(_ command: UInt8, _ board: UInt8, _ lock: UInt8, _ function: UInt8) -> [UInt8] {
        let body = [command, board, lock, function]
        return body + [checksum(body)]
    }
}

/// A frame received from a lock board (or, in the simulator, from the gateway).
public struct LockBoardMessage: Sendable, Equatable {
    public var command: UInt8
    public var board: UInt8
    public var lock: UInt8
    /// The function (in a request) or the lock state (in a status answer).
    public var value: UInt8

    public init(command: UInt8, board: UInt8, lock: UInt8, value: UInt8) {
        self.command = command
        self.board = board
        self.lock = lock
        self.value = value
    }
}

/// Cuts lock-board frames out of a byte stream. Bytes that cannot start a frame, and frames whose checksum is
/// wrong, are skipped one byte at a time (counted in `discarded`), so line noise costs one frame, not the stream.
public struct LockBoardDecoder: Sendable {
    var buffer: [UInt8] = []
    public private(set) var discarded = 0

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// The next complete, valid frame, or nil until more bytes arrive.
    public mutating func next() -> LockBoardMessage? {
        while !buffer.isEmpty {
            guard buffer[0] == LockBoardFrame.openCommand || buffer[0] == LockBoardFrame.statusCommand else {
                buffer.removeFirst()
                discarded += 1
                continue
            }
            guard buffer.count >= LockBoardFrame.length else { return nil }
            guard LockBoardFrame.checksum(buffer[0..<4]) == buffer[4] else {
                buffer.removeFirst()
                discarded += 1
                continue
            }
            let message = LockBoardMessage(command: buffer[0], board: buffer[1], lock: buffer[2], value: buffer[3])
            buffer.removeFirst(LockBoardFrame.length)
            return message
        }
        return nil
    }
}
