import Testing

@testable import GatewayCore

@Suite("Cabinet configuration")
struct CabinetConfigTests {
    static let valid = """
        [gateway]
        id = "gw"

        [[modbus_bus]]
        id = "rs485-1"
        address = "rtu:/dev/ttyUSB0"
        baud = 19200
        parity = "even"

        [[modbus_bus]]
        id = "tcp-1"
        address = "tcp://10.0.0.5:502"
        poll_interval = "50ms"

        [[modbus_profile]]
        name = "acme"
        base = "transmitter-cdab"
        address_base = 40001
        weight_address = 40101
        word_order = "DCBA"
        scale = 0.1

        [[cabinet]]
        id = "cab-1"
        bus = "rs485-1"
        unlock_window = "20s"

        [[cabinet.device]]
        unit = 1
        profile = "io-8"
        count = 2

        [[cabinet.device]]
        unit = 2
        profile = "weight-16"
        count = 4

        [[cabinet.device]]
        unit = 3
        profile = "acme"

        [[cabinet.bin]]
        channel = "5"
        product = "06901234567892"
        unit_g = 12.5

        [[cabinet.lock_board]]
        port = "/dev/ttyUSB1"
        board = 2
        locks = 4
        """

    @Test func aCompleteCabinetConfigurationLoads() throws {
        let config = try GatewayConfig.load(text: Self.valid, file: "gw.toml")
        #expect(config.modbusBuses.map(\.id) == ["rs485-1", "tcp-1"])
        guard case .rtu(let path, let serial) = config.modbusBuses[0].endpoint else {
            Issue.record("expected an RTU endpoint")
            return
        }
        #expect(path == "/dev/ttyUSB0" && serial.baud == 19200 && serial.parity == .even)
        // 3.5 characters of 11 bits at 19200 baud = 2.005 ms.
        #expect(config.modbusBuses[0].requestGap == .microseconds(2005))
        #expect(config.modbusBuses[1].endpoint == .tcp(host: "10.0.0.5", port: 502))
        let cabinet = try #require(config.cabinets.first)
        #expect(cabinet.session.doors == ["1", "2"])
        #expect(cabinet.session.channels == ["1", "2", "3", "4", "5"])
        #expect(cabinet.session.unlockWindow == .seconds(20))
        let acme = cabinet.devices[2].profile
        #expect(acme.weight?.value == RegisterPoint(kind: .holding, address: 100, type: .i32, order: .dcba, scale: 0.1))
        #expect(cabinet.bins.first?.channel == "5")
        #expect(cabinet.lockBoards == [CabinetSettings.LockBoard(port: "/dev/ttyUSB1", baud: 9600, board: 2, locks: 4)])
    }

    @Test func mistakesAreReportedWithFileLineAndKey() {
        let text = """
            [gateway]
            id = "gw"

            [[modbus_bus]]
            id = "bus"
            address = "serial:/dev/ttyUSB0"

            [[cabinet]]
            id = "cab"
            bus = "nope"
            unlok_window = "5s"

            [[cabinet.device]]
            unit = 300
            profile = "io-9"

            [[cabinet.bin]]
            channel = "1"
            product = "x"
            """
        var found: [String] = []
        do {
            _ = try GatewayConfig.load(text: text, file: "gw.toml")
        } catch {
            found = error.issues.map(\.description)
        }
        #expect(found.contains("gw.toml:6:11: modbus_bus[0].address: expected \"tcp://HOST:PORT\" or \"rtu:/dev/ttyUSB0\", found \"serial:/dev/ttyUSB0\""), "\(found)")
        #expect(found.contains { $0.hasPrefix("gw.toml:10:7: cabinet[0].bus: no [[modbus_bus]] with id \"nope\"") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("gw.toml:11:16: cabinet[0].unlok_window: unknown key; did you mean 'unlock_window'?") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("gw.toml:14:8: cabinet[0].device[0].unit: expected an integer from 1 to 247") }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].device[0].profile: unknown profile \"io-9\"") }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].bin[0].channel: no channel \"1\"") }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].bin[0].unit_g: missing") }, "\(found)")
    }

    @Test func aUnitCannotBelongToTwoCabinetsOnOneBus() {
        let text = """
            [gateway]
            id = "gw"
            [[modbus_bus]]
            id = "bus"
            address = "tcp://127.0.0.1:1502"
            [[cabinet]]
            id = "a"
            bus = "bus"
            [[cabinet.device]]
            unit = 1
            profile = "io-8"
            [[cabinet]]
            id = "b"
            bus = "bus"
            [[cabinet.device]]
            unit = 1
            profile = "weight-16"
            """
        #expect(throws: ConfigError.self) { try GatewayConfig.load(text: text, file: "gw.toml") }
    }
}
