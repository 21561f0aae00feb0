import CModbus
import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// A narrow Swift surface over one libmodbus context (master side). Blocking and not thread-safe, like libmodbus:
/// a context is created, used and freed on its bus's own thread (``ModbusBus``), never shared.
public final class ModbusContext {
    let context: OpaquePointer
    public let endpoint: ModbusEndpoint
    private var isConnected = false
    private var unit: Int32 = -1

    /// Creates the context (no I/O yet). Never calls `modbus_rtu_set_serial_mode(RS485)`: USB RS-485 adapters
    /// switch direction in hardware, and the ioctl fails with ENOTTY on a pty.
    public init(endpoint: ModbusEndpoint, responseTimeout: Duration) throws(ModbusError) {
        self.endpoint = endpoint
        let created: OpaquePointer?
        switch endpoint {
        case .tcp(let host, let port):
            // The protocol-independent variant resolves host names (and IPv6) at connect; modbus_new_tcp takes only
            // an IPv4 literal and fails every connect for a name that passed the configuration check.
            created = modbus_new_tcp_pi(host, String(port))
        case .rtu(let path, let serial):
            created = modbus_new_rtu(
                path, Int32(serial.baud), Self.parity(serial.parity), Int32(serial.dataBits), Int32(serial.stopBits))
        }
        guard let created else {
            throw ModbusError.from(errno: errno, call: "modbus_new", subject: endpoint.description)
        }
        context = created
        let seconds = responseTimeout.components.seconds
        let microseconds = responseTimeout.components.attoseconds / 1_000_000_000_000
        modbus_set_response_timeout(context, UInt32(seconds), UInt32(microseconds))
        // No automatic recovery: the bus scheduler decides about retries and reconnects per slave.
        modbus_set_error_recovery(context, MODBUS_ERROR_RECOVERY_NONE)
    }

    static func parity(_ parity: SerialSettings.Parity) -> CChar {
        switch parity {
        case .none: CChar(UInt8(ascii: "N"))
        case .even: CChar(UInt8(ascii: "E"))
        case .odd: CChar(UInt8(ascii: "O"))
        }
    }

    deinit {
        if isConnected { modbus_close(context) }
        modbus_free(context)
    }

    public func connect() throws(ModbusError) {
        guard !isConnected else { return }
        guard modbus_connect(context) == 0 else {
            var error = ModbusError.from(errno: errno, call: "modbus_connect", subject: endpoint.description)
            error.code = .connect
            throw error
        }
        isConnected = true
        unit = -1
    }

    public func close() {
        guard isConnected else { return }
        modbus_close(context)
        isConnected = false
    }

    public var connected: Bool { isConnected }

    /// Drops bytes left in the receive buffer (a late answer after a timeout would be taken for the next one).
    public func flush() { if isConnected { modbus_flush(context) } }

    func select(_ target: Int) throws(ModbusError) {
        guard unit != Int32(target) else { return }
        guard modbus_set_slave(context, Int32(target)) == 0 else {
            throw ModbusError.from(errno: errno, call: "modbus_set_slave", subject: subject(target))
        }
        unit = Int32(target)
    }

    func subject(_ target: Int) -> String { "\(endpoint) unit \(target)" }

    func check(_ result: Int32, _ call: String, unit target: Int) throws(ModbusError) {
        guard result >= 0 else { throw ModbusError.from(errno: errno, call: call, subject: subject(target)) }
    }

    /// Reads 16-bit registers (holding: FC 03, input: FC 04).
    public func readRegisters(unit target: Int, _ request: ReadRequest) throws(ModbusError) -> [UInt16] {
        try select(target)
        var words = [UInt16](repeating: 0, count: request.count)
        let result: Int32
        let call: String
        if request.kind == .input {
            call = "modbus_read_input_registers"
            result = modbus_read_input_registers(context, Int32(request.address), Int32(request.count), &words)
        } else {
            call = "modbus_read_registers"
            result = modbus_read_registers(context, Int32(request.address), Int32(request.count), &words)
        }
        try check(result, call, unit: target)
        return words
    }

    /// Reads bits (coils: FC 01, discrete inputs: FC 02).
    public func readBits(unit target: Int, _ request: ReadRequest) throws(ModbusError) -> [Bool] {
        try select(target)
        var bits = [UInt8](repeating: 0, count: request.count)
        let result: Int32
        let call: String
        if request.kind == .discrete {
            call = "modbus_read_input_bits"
            result = modbus_read_input_bits(context, Int32(request.address), Int32(request.count), &bits)
        } else {
            call = "modbus_read_bits"
            result = modbus_read_bits(context, Int32(request.address), Int32(request.count), &bits)
        }
        try check(result, call, unit: target)
        return bits.map { $0 != 0 }
    }

    /// Reads one planned request into `image`.
    public func read(unit target: Int, _ request: ReadRequest, into image: inout RegisterImage) throws(ModbusError) {
        if request.kind.isBit {
            image.store(bits: try readBits(unit: target, request), kind: request.kind, from: request.address)
        } else {
            image.store(words: try readRegisters(unit: target, request), kind: request.kind, from: request.address)
        }
    }

    /// Writes one coil (FC 05).
    public func writeCoil(unit target: Int, address: Int, _ value: Bool) throws(ModbusError) {
        try select(target)
        try check(modbus_write_bit(context, Int32(address), value ? 1 : 0), "modbus_write_bit", unit: target)
    }

    /// Writes one holding register (FC 06).
    public func writeRegister(unit target: Int, address: Int, _ value: UInt16) throws(ModbusError) {
        try select(target)
        try check(modbus_write_register(context, Int32(address), value), "modbus_write_register", unit: target)
    }
}
