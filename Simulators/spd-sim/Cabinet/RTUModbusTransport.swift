import CModbus

#if canImport(Glibc)
import Glibc
#endif

/// Modbus RTU over a pty pair: the simulator holds the master side, the slave side is symlinked at `link` for the
/// gateway to open like a serial adapter. Frames are cut by function code and checked by CRC here, so several
/// unit ids can share the line (libmodbus's own receive filters on a single unit).
final class RTUModbusTransport: ModbusTransport {
    let link: String
    let context: OpaquePointer
    var master: Int32 = -1
    /// Kept open so that the master never sees a hang-up while the gateway reconnects.
    var slave: Int32 = -1
    var buffer: [UInt8] = []
    var crcErrors = 0

    init(link: String) throws {
        self.link = link
        guard let context = modbus_new_rtu("/dev/null", 9600, CChar(UInt8(ascii: "N")), 8, 1) else {
            throw CabinetSimulatorError("modbus_new_rtu failed")
        }
        self.context = context
        try plugIn()
    }

    deinit {
        unplug()
        modbus_free(context)
    }

    var address: String { "rtu:\(link)" }
    var descriptors: [Int32] { master >= 0 ? [master] : [] }

    func plugIn() throws {
        (master, slave) = try Self.openLinkedPty(link: link)
        modbus_set_socket(context, master)
        buffer.removeAll()
    }

    /// A raw pty pair whose slave side is symlinked at `link`; returns (master, slave).
    static func openLinkedPty(link: String) throws -> (Int32, Int32) {
        var masterFD: Int32 = -1, slaveFD: Int32 = -1
        var buffer = [CChar](repeating: 0, count: 128)
        guard openpty(&masterFD, &slaveFD, &buffer, nil, nil) == 0 else {
            throw CabinetSimulatorError("openpty: \(String(cString: strerror(errno)))")
        }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Raw mode on the slave side so no line discipline touches the bytes before the gateway sets its own.
        var settings = termios()
        tcgetattr(slaveFD, &settings)
        cfmakeraw(&settings)
        tcsetattr(slaveFD, TCSANOW, &settings)
        unlink(link)
        guard symlink(name, link) == 0 else {
            throw CabinetSimulatorError("symlink \(link): \(String(cString: strerror(errno)))")
        }
        return (masterFD, slaveFD)
    }

    func unplug() {
        unlink(link)
        if master >= 0 { close(master) }
        if slave >= 0 { close(slave) }
        master = -1
        slave = -1
        buffer.removeAll()
    }

    func readable(_ descriptor: Int32, model: CabinetModel) {
        var chunk = [UInt8](repeating: 0, count: 512)
        let count = read(descriptor, &chunk, chunk.count)
        guard count > 0 else { return }
        buffer += chunk[0..<count]
        while let length = frameLength() {
            guard buffer.count >= length else { return }
            let frame = Array(buffer[0..<length])
            let crc = ModbusCRC.compute(frame[0..<(length - 2)])
            guard UInt16(frame[length - 2]) | UInt16(frame[length - 1]) << 8 == crc else {
                // Line noise: drop a byte and look for the next frame start.
                crcErrors += 1
                buffer.removeFirst()
                continue
            }
            buffer.removeFirst(length)
            let garbage: [UInt8] = [frame[0], frame[1], 0x02, 0xDE, 0xAD, 0x00, 0x00]
            answer(context, request: frame, length: Int32(length), unitID: Int(frame[0]), model: model,
                   descriptor: master, garbage: garbage)
        }
    }

    /// The length of the request at the head of the buffer, by function code; nil when too short to tell.
    func frameLength() -> Int? {
        guard buffer.count >= 2 else { return nil }
        switch buffer[1] {
        case 1...6: return 8
        case 15, 16:
            guard buffer.count >= 7 else { return nil }
            return 9 + Int(buffer[6])
        default:
            // Not a request this slave knows: resynchronise on the next byte.
            buffer.removeFirst()
            return buffer.count >= 2 ? frameLength() : nil
        }
    }
}
