import ArgumentParser
import GatewayCore

/// `spd-gateway`: the operator's command-line tool.
@main
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spd-gateway",
        abstract: "Operate an spd-gateway: check its configuration, decode barcodes, inspect its state.",
        version: GatewayVersion.current,
        subcommands: [
            StatusCommand.self, WatchCommand.self, CheckConfigCommand.self, DecodeCommand.self, CacheCommand.self,
            VersionCommand.self,
        ]
    )
}
