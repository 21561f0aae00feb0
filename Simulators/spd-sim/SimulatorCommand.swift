import ArgumentParser
import GatewayCore

/// `spd-sim`: simulators that speak the real protocols, for the integration tests and the demo.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spd-sim",
        abstract:
            "Simulators for spd-gateway: an SPD backend (line-JSON protocol), a PDA that sends scans, and scanners.",
        version: GatewayVersion.current,
        subcommands: [
            BackendCommand.self, PDACommand.self, ScannerCommand.self, CabinetCommand.self, ReportCommand.self,
        ]
    )
}
