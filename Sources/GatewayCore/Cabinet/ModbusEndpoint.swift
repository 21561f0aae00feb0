/// Where a Modbus bus is: a TCP server, or an RS-485 serial port (RTU).
public enum ModbusEndpoint: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtu(path: String, serial: SerialSettings)

    public var description: String {
        switch self {
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        case .rtu(let path, let serial): "rtu:\(path)@\(serial.baud)"
        }
    }
}

/// Serial line settings for RTU.
public struct SerialSettings: Sendable, Equatable {
    public enum Parity: String, Sendable, CaseIterable {
        case none, even, odd
    }

    public var baud: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }

    /// Bits on the wire per byte (start + data + parity + stop).
    public var bitsPerCharacter: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }
}
