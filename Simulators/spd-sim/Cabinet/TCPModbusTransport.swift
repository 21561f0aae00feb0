import CModbus

#if canImport(Glibc)
import Glibc
#endif

/// Modbus TCP on a listening socket; any number of clients, each request answered in turn.
final class TCPModbusTransport: ModbusTransport {
    let host: String
    private(set) var port: Int
    var context: OpaquePointer
    var listener: Int32 = -1
    var clients: [Int32] = []

    init(host: String, port: Int) throws {
        self.host = host
        self.port = port
        guard let context = modbus_new_tcp(host, Int32(port)) else {
            throw CabinetSimulatorError("modbus_new_tcp failed")
        }
        self.context = context
        try plugIn()
    }

    deinit {
        unplug()
        modbus_free(context)
    }

    var address: String { "tcp://\(host):\(port)" }
    var descriptors: [Int32] { (listener >= 0 ? [listener] : []) + clients }

    func plugIn() throws {
        // libmodbus binds the port given at creation: after the first listen, a fresh context asks for the port
        // the kernel chose, so a re-plugged server comes back where the gateway expects it.
        if port != 0, let fresh = modbus_new_tcp(host, Int32(port)) {
            modbus_free(context)
            context = fresh
        }
        let descriptor = modbus_tcp_listen(context, 16)
        guard descriptor >= 0 else {
            throw CabinetSimulatorError("cannot listen on \(host):\(port): \(String(cString: modbus_strerror(errno)))")
        }
        listener = descriptor
        // Port 0 asks the kernel for a free port; later plug-ins reuse the one it gave.
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound.sin_port))
    }

    func unplug() {
        for client in clients { close(client) }
        clients.removeAll()
        if listener >= 0 { close(listener) }
        listener = -1
    }

    func readable(_ descriptor: Int32, model: CabinetModel) {
        if descriptor == listener {
            let client = accept(listener, nil, nil)
            if client >= 0 { clients.append(client) }
            return
        }
        var query = [UInt8](repeating: 0, count: Int(MODBUS_TCP_MAX_ADU_LENGTH))
        modbus_set_socket(context, descriptor)
        let length = modbus_receive(context, &query)
        guard length > 0 else {
            if length < 0 {
                close(descriptor)
                clients.removeAll { $0 == descriptor }
            }
            return
        }
        // A header whose protocol id is not 0: the master must reject it (and resynchronise).
        let garbage: [UInt8] = [query[0], query[1], 0xBE, 0xEF, 0x00, 0x03, query[6], 0xFF, 0xFF]
        answer(context, request: query, length: length, unitID: Int(query[6]), model: model, descriptor: descriptor,
               garbage: garbage)
    }
}
