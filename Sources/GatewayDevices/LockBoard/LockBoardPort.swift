import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Why a lock board did not do what it was asked.
public struct LockBoardError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case port, noAnswer = "no_answer", wrongAnswer = "wrong_answer"
    }

    public var code: Code
    public var port: String
    public var message: String
    public var cause: SystemCallError?

    public init(code: Code, port: String, message: String, cause: SystemCallError? = nil) {
        self.code = code
        self.port = port
        self.message = message
        self.cause = cause
    }

    public var description: String {
        "lock board on \(port): \(message) (\(code.rawValue))" + (cause.map { ": \($0)" } ?? "")
    }
}

/// A lock board on its own serial port, speaking ``LockBoardFrame``. Requests run one at a time on the port's own
/// thread (the calls block); the port is reopened after an error, so an unplugged adapter recovers by itself.
public final class LockBoardPort: Sendable {
    public let path: String
    public let baud: Int
    public let timeoutMilliseconds: Int32
    private typealias Request = (frame: [UInt8], done: @Sendable (Result<LockBoardMessage, LockBoardError>) -> Void)
    private let queue = Locked<[Request]>([])
    private let signal = BusSignal()

    public init(path: String, baud: Int = 9600, timeout: Duration = .milliseconds(300)) throws(LockBoardError) {
        self.path = path
        self.baud = baud
        timeoutMilliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let started = BusThread.start(name: "lockboard") { [self] in loop() }
        guard started == 0 else {
            throw LockBoardError(code: .port, port: path, message: "cannot start the port thread (errno \(started))")
        }
    }

    /// Sends `frame` and returns the board's answer.
    public func exchange(_ frame: [UInt8]) async throws(LockBoardError) -> LockBoardMessage {
        let result: Result<LockBoardMessage, LockBoardError> = await withCheckedContinuation { continuation in
            queue.withLock { $0.append((frame, { continuation.resume(returning: $0) })) }
            signal.signal()
        }
        return try result.get()
    }

    private func loop() {
        var descriptor: Int32 = -1
        var decoder = LockBoardDecoder()
        while true {
            let jobs = queue.withLock { jobs in
                defer { jobs.removeAll() }
                return jobs
            }
            for job in jobs {
                let result = perform(job.frame, descriptor: &descriptor, decoder: &decoder)
                if case .failure = result, descriptor >= 0 {
                    Posix.close(descriptor)
                    descriptor = -1
                }
                job.done(result)
            }
            if jobs.isEmpty { signal.wait(untilMonotonic: UInt64.max / 2) }
        }
    }

    private func perform(
        _ frame: [UInt8], descriptor: inout Int32, decoder: inout LockBoardDecoder
    ) -> Result<LockBoardMessage, LockBoardError> {
        do throws(SystemCallError) {
            if descriptor < 0 {
                descriptor = try Posix.open(path, flags: O_RDWR | O_NOCTTY)
                try Posix.configureRawSerial(descriptor, baud: baud, subject: path)
                decoder = LockBoardDecoder()
            }
            let fd = descriptor
            try frame.withUnsafeBytes { buffer in
                Result { () throws(SystemCallError) in try Posix.writeAll(fd, buffer, subject: path) }
            }.get()
            var chunk = [UInt8](repeating: 0, count: 64)
            // One deadline for the whole exchange: a board (or a noisy line) sending bytes that never make up the
            // answer must not restart the wait with every byte and hold the lock command for ever.
            let clock = SystemClock()
            let deadline = clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
            while case let now = clock.monotonicNanoseconds(), now < deadline,
                try Posix.waitReadable(
                    fd, timeoutMilliseconds: Int32((deadline - now + 999_999) / 1_000_000), subject: path)
            {
                let count = try chunk.withUnsafeMutableBytes { buffer in
                    Result { () throws(SystemCallError) in try Posix.read(fd, into: buffer, subject: path) }
                }.get()
                guard count > 0 else { break }
                decoder.append(chunk[0..<count])
                if let message = decoder.next() {
                    guard message.command == frame[0], message.board == frame[1], message.lock == frame[2] else {
                        return .failure(LockBoardError(code: .wrongAnswer, port: path,
                                                       message: "answer for another lock: \(message)"))
                    }
                    return .success(message)
                }
            }
            return .failure(LockBoardError(code: .noAnswer, port: path,
                                           message: "no answer within \(timeoutMilliseconds) ms"))
        } catch {
            return .failure(LockBoardError(code: .port, port: path, message: "port failed", cause: error))
        }
    }
}
