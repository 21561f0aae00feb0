import CModbus

#if canImport(Glibc)
import Glibc
#endif

/// A failed libmodbus call: what was asked of which endpoint and unit, and why it failed.
public struct ModbusError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The endpoint could not be opened or connected (no such serial port, connection refused).
        case connect
        /// The slave did not answer within the response timeout.
        case timeout
        /// The answer was corrupt (CRC, wrong length, wrong unit).
        case badResponse = "bad_response"
        /// The slave answered with a Modbus exception (illegal address, busy...).
        case exception
        /// The connection or port was lost (reset, unplugged adapter): reconnect.
        case connectionLost = "connection_lost"
        /// The request itself was invalid (bad address or count).
        case invalidRequest = "invalid_request"
    }

    public var code: Code
    /// The libmodbus call, e.g. `modbus_read_registers`.
    public var call: String
    /// The endpoint and unit, e.g. `tcp://127.0.0.1:1502 unit 3`.
    public var subject: String
    public var errno: Int32
    /// libmodbus's text for the errno.
    public var message: String

    public var description: String { "\(call) on \(subject): \(message) (\(code.rawValue), errno \(errno))" }

    /// Classifies the errno libmodbus left after a failed call.
    static func from(errno value: Int32, call: String, subject: String) -> ModbusError {
        let message = String(cString: modbus_strerror(value))
        let base: Int32 = 112_345_678  // MODBUS_ENOBASE
        let code: Code
        switch value {
        case ETIMEDOUT: code = .timeout
        case (base + 1)...(base + 11): code = .exception
        case (base + 12)...(base + 17): code = .badResponse  // EMBBADCRC ... EMBBADSLAVE
        case EINVAL: code = .invalidRequest
        case ECONNRESET, EPIPE, EBADF, ENOTCONN, EIO, ENXIO, ENODEV, ECONNREFUSED, ECONNABORTED, EHOSTUNREACH,
            ENETUNREACH:
            code = .connectionLost
        default: code = .badResponse
        }
        return ModbusError(code: code, call: call, subject: subject, errno: value, message: message)
    }
}
