import CModbus

#if canImport(Glibc)
import Glibc
#endif

/// Where the simulated slaves listen: a TCP server (many clients) or the master side of a pty pair whose slave
/// side is symlinked at a path (a USB RS-485 adapter as the gateway sees it).
protocol ModbusTransport: AnyObject {
    /// Descriptors to poll for input.
    var descriptors: [Int32] { get }
    /// Handles input on `descriptor`, answering through `answer(unit, request, length)`.
    func readable(_ descriptor: Int32, model: CabinetModel)
    /// The adapter or server goes away (descriptors close, the link disappears).
    func unplug()
    /// It comes back.
    func plugIn() throws
    /// For the readiness line, e.g. `tcp://127.0.0.1:40123`.
    var address: String { get }
}

extension ModbusTransport {
    /// Answers one request for `unitID` with libmodbus's own reply builder, or not at all (unknown or muted unit),
    /// or with garbage (a corrupting line).
    func answer(_ context: OpaquePointer, request: UnsafePointer<UInt8>, length: Int32, unitID: Int,
                model: CabinetModel, descriptor: Int32, garbage: [UInt8]) {
        guard let unit = model.unit(unitID) else { return }
        unit.requests += 1
        guard model.now >= unit.mutedUntil else { return }
        if unit.corruptReplies > 0 {
            unit.corruptReplies -= 1
            _ = garbage.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            return
        }
        model.refresh(unit)
        modbus_set_slave(context, Int32(unitID))
        modbus_reply(context, request, length, unit.mapping)
        model.absorbWrites(unit)
    }
}

/// Modbus RTU CRC-16 (polynomial 0xA001, initial 0xFFFF), low byte first on the wire.
enum ModbusCRC {
    static func compute(_ bytes: ArraySlice<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }
}
