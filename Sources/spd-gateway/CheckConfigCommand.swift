import ArgumentParser
import GatewayCore
import GatewayDevices

/// `spd-gateway check-config`: validates a configuration file without starting anything.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file and list every problem with its line.",
        discussion: "Exit status: 0 valid, 78 invalid or unreadable (the same code the daemon exits with)."
    )

    @Argument(help: ArgumentHelp("Configuration file.", valueName: "path"))
    var path: String = GatewayConfig.defaultPath

    func run() throws {
        do {
            let config = try GatewayConfig.load(path: path)
            print("configuration OK: \(path) (gateway \(config.gateway.id))")
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode(78)
        }
    }
}

/// `spd-gateway version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("spd-gateway \(GatewayVersion.current)")
    }
}
