import Foundation
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
        let badAddress = "gw.toml:6:11: modbus_bus[0].address: "
            + "expected \"tcp://HOST:PORT\" or \"rtu:/dev/ttyUSB0\", found \"serial:/dev/ttyUSB0\""
        #expect(found.contains(badAddress), "\(found)")
        let unknownBus = "gw.toml:10:7: cabinet[0].bus: no [[modbus_bus]] with id \"nope\""
        #expect(found.contains { $0.hasPrefix(unknownBus) }, "\(found)")
        let misspelledKey = "gw.toml:11:16: cabinet[0].unlok_window: unknown key; did you mean 'unlock_window'?"
        #expect(found.contains { $0.hasPrefix(misspelledKey) }, "\(found)")
        let missingUnit = "gw.toml:14:8: cabinet[0].device[0].unit: expected an integer from 1 to 247"
        #expect(found.contains { $0.hasPrefix(missingUnit) }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].device[0].profile: unknown profile \"io-9\"") }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].bin[0].channel: no channel \"1\"") }, "\(found)")
        #expect(found.contains { $0.contains("cabinet[0].bin[0].unit_g: missing") }, "\(found)")
    }

    @Test func twoBinsOnOneChannelAreAConfigErrorNotTheFirstSilentlyWinning() {
        let text = """
            [gateway]
            id = "gw"
            [[modbus_bus]]
            id = "bus"
            address = "tcp://127.0.0.1:1502"
            [[cabinet]]
            id = "cab"
            bus = "bus"
            [[cabinet.device]]
            unit = 2
            profile = "weight-16"
            count = 4
            [[cabinet.bin]]
            channel = "3"
            product = "06901234567892"
            unit_g = 12.5
            [[cabinet.bin]]
            channel = "3"
            product = "06901234560008"
            unit_g = 40
            """
        var found: [String] = []
        do {
            _ = try GatewayConfig.load(text: text, file: "gw.toml")
        } catch {
            found = error.issues.map(\.description)
        }
        let duplicate = "gw.toml:18:11: cabinet[0].bin[1].channel: channel \"3\" already has a [[cabinet.bin]]"
        #expect(found.contains { $0.hasPrefix(duplicate) }, "\(found)")
    }

    @Test func theDefaultRTUGapCountsElevenBitCharactersAsModbusDoesEvenFor8N1() throws {
        func gap(_ serial: String) throws -> Duration? {
            let text = """
                [gateway]
                id = "gw"
                [[modbus_bus]]
                id = "bus"
                address = "rtu:/dev/ttyUSB0"
                \(serial)
                """
            return try GatewayConfig.load(text: text, file: "gw.toml").modbusBuses.first?.requestGap
        }
        // 3.5 x 11 bits: 4.01 ms at 9600 (DOMAIN / the Modbus serial line spec), not 3.65 ms for 10-bit 8N1.
        #expect(try gap("baud = 9600") == .microseconds(4010))
        #expect(try gap("baud = 9600\nparity = \"even\"") == .microseconds(4010))
        // 8E2 is 12 bits on the wire: the gap is longer, not shortened to 11.
        #expect(try gap("baud = 9600\nparity = \"even\"\nstop_bits = 2") == .microseconds(4375))
        // The 1.75 ms floor above 19200.
        #expect(try gap("baud = 115200") == .microseconds(1750))
    }

    @Test func modbusTCPHostsAreNamesOrIPLiteralsAndIPv6IsUnbracketed() throws {
        func endpoint(_ address: String) -> Result<ModbusEndpoint?, ConfigError> {
            let text = """
                [gateway]
                id = "gw"
                [[modbus_bus]]
                id = "bus"
                address = "\(address)"
                """
            do throws(ConfigError) {
                return .success(try GatewayConfig.load(text: text, file: "gw.toml").modbusBuses.first?.endpoint)
            } catch {
                return .failure(error)
            }
        }
        #expect(try endpoint("tcp://plc-3.ward.local:502").get() == .tcp(host: "plc-3.ward.local", port: 502))
        #expect(try endpoint("tcp://10.0.4.20:502").get() == .tcp(host: "10.0.4.20", port: 502))
        #expect(try endpoint("tcp://[fd00::5]:1502").get() == .tcp(host: "fd00::5", port: 1502))
        for bad in ["tcp://plc 3:502", "tcp://fd00::5:502", "tcp://[]:502", "tcp://a/b:502"] {
            guard case .failure(let error) = endpoint(bad) else {
                Issue.record("\(bad) was accepted")
                continue
            }
            let found = error.issues.map(\.description)
            #expect(found.contains { $0.hasPrefix("gw.toml:5:11: modbus_bus[0].address: expected") }, "\(found)")
        }
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

    /// Two transmitters, one per zero style, beside the I/O module; the cabinet re-zeroes after 15 minutes idle.
    static let zeroing = """
        [gateway]
        id = "gw"
        [[modbus_bus]]
        id = "bus"
        address = "tcp://127.0.0.1:1502"
        [[modbus_profile]]
        name = "edge"
        base = "transmitter-80"
        zero_register = 11
        zero_bit = 11
        [[modbus_profile]]
        name = "per-channel"
        base = "eagle-ei4000"
        zero_register = 200
        zero_value = 7
        zero_stride = 1
        [[modbus_profile]]
        name = "tared"
        base = "transmitter-80"
        tare_register = 96
        tare_value = 2
        [[cabinet]]
        id = "cab"
        bus = "bus"
        rezero_idle = "15m"
        [[cabinet.device]]
        unit = 1
        profile = "io-8"
        [[cabinet.device]]
        unit = 2
        profile = "transmitter-80"
        [[cabinet.device]]
        unit = 3
        profile = "edge"
        [[cabinet.device]]
        unit = 4
        profile = "per-channel"
        [[cabinet.device]]
        unit = 5
        profile = "weight-16"
        count = 1
        [[cabinet.device]]
        unit = 6
        profile = "tared"
        [[cabinet.device]]
        unit = 7
        profile = "transmitter-cdab"
        """

    @Test func zeroCommandsAndTheIdleReZeroAreReadFromProfilesAndCabinets() throws {
        let cabinet = try #require(try GatewayConfig.load(text: Self.zeroing, file: "gw.toml").cabinets.first)
        #expect(cabinet.session.rezeroIdle == .seconds(900))
        // Channels: unit 2 (1), unit 3 (1), unit 4 (4), unit 5 (1, no zero command), unit 6 (1), unit 7 (1).
        #expect(cabinet.session.zeroable == [true, true, true, true, true, true, false, true, true])
        // A loaded shelf is re-zeroed by tare where the device has one (zero is refused outside the zero range).
        #expect(cabinet.zeroWrites(channels: [7, 8]) == [
            ZeroWrite(unit: 6, address: 96, value: 2),
            ZeroWrite(unit: 7, address: 0x000B, value: 1 << 12, resetValue: 0),
        ])
        #expect(cabinet.devices[2].profile.weight?.zero == .edgeBit(address: 11, bit: 11))
        #expect(cabinet.zeroWrites(channels: [0, 1, 3, 5, 6]) == [
            ZeroWrite(unit: 2, address: 94, value: 1),
            ZeroWrite(unit: 3, address: 11, value: 1 << 11, resetValue: 0),
            ZeroWrite(unit: 4, address: 201, value: 7),
            ZeroWrite(unit: 4, address: 203, value: 7),
        ])
    }

    @Test func reZeroCanBeTurnedOffAndDefaultsToHalfAnHour() throws {
        let off = Self.zeroing.replacingOccurrences(of: "rezero_idle = \"15m\"", with: "rezero_idle = \"off\"")
        #expect(try GatewayConfig.load(text: off, file: "gw.toml").cabinets.first?.session.rezeroIdle == nil)
        let unset = Self.zeroing.replacingOccurrences(of: "rezero_idle = \"15m\"", with: "")
        #expect(try GatewayConfig.load(text: unset, file: "gw.toml").cabinets.first?.session.rezeroIdle
            == .seconds(1800))
    }

    @Test func zeroMistakesAreReported() {
        let text = Self.zeroing
            .replacingOccurrences(of: "rezero_idle = \"15m\"", with: "rezero_idle = \"soon\"")
            .replacingOccurrences(of: "zero_bit = 11", with: "zero_bit = 11\nzero_value = 1")
            .replacingOccurrences(of: "zero_register = 200\n", with: "")
        var found: [String] = []
        do {
            _ = try GatewayConfig.load(text: text, file: "gw.toml")
        } catch {
            found = error.issues.map(\.description)
        }
        let badIdle = "cabinet[0].rezero_idle: expected a duration from 1s to 168h or \"off\", found \"soon\""
        #expect(found.contains { $0.contains(badIdle) }, "\(found)")
        #expect(found.contains { $0.contains("modbus_profile[0].zero_value: not with zero_bit") }, "\(found)")
        #expect(found.contains { $0.contains("modbus_profile[1].zero_value: needs zero_register") }, "\(found)")
        #expect(!found.contains { $0.contains("modbus_profile[2]") }, "\(found)")
    }

    @Test func aLockPulseIsADurationOrHold() throws {
        func config(_ pulse: String) -> String {
            """
            [gateway]
            id = "gw"
            [[modbus_bus]]
            id = "bus"
            address = "tcp://127.0.0.1:1502"
            [[modbus_profile]]
            name = "maglock"
            base = "io-8"
            lock_address = 0
            lock_pulse = "\(pulse)"
            [[cabinet]]
            id = "cab"
            bus = "bus"
            [[cabinet.device]]
            unit = 1
            profile = "maglock"
            """
        }
        let held = try GatewayConfig.load(text: config("hold"), file: "gw.toml").cabinets.first?.devices.first
        #expect(held?.profile.locks?.pulse == nil)
        let pulsed = try GatewayConfig.load(text: config("250ms"), file: "gw.toml").cabinets.first?.devices.first
        #expect(pulsed?.profile.locks?.pulse == .milliseconds(250))
        var found: [String] = []
        do {
            _ = try GatewayConfig.load(text: config("40s"), file: "gw.toml")
        } catch {
            found = error.issues.map(\.description)
        }
        let badPulse = "modbus_profile[0].lock_pulse: expected a duration from 1ms to 30s or \"hold\", found \"40s\""
        #expect(found.contains { $0.contains(badPulse) }, "\(found)")
    }
}
