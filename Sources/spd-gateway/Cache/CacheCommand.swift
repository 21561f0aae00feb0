import ArgumentParser
import GatewayCore
import GatewayDevices
import GatewayStore

/// `spd-gateway cache`: the local catalogue cache (import, resolve, stats).
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Import into and inspect the gateway's local catalogue cache (docs/cache.md).",
        discussion: """
            The cache is <state directory>/cache.sqlite, the file the daemon opens. These commands are safe while \
            the daemon runs: an import is one transaction, and the daemon resolves against the new data as soon \
            as it commits, without a restart.
            """,
        subcommands: [CacheImportCommand.self, CacheResolveCommand.self, CacheStatsCommand.self]
    )
}

/// Where the cache file is: the same rules the daemon follows for its state directory.
struct CacheLocation: ParsableArguments {
    @Option(help: ArgumentHelp("The cache file (default: <state directory>/cache.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The daemon's state directory (default: from the configuration, "
        + "then $STATE_DIRECTORY, then /var/lib/spd-gateway).", valueName: "path"))
    var stateDirectory: String?

    @Option(help: ArgumentHelp("Configuration file to read [gateway] state_directory from.", valueName: "path"))
    var config: String = GatewayConfig.defaultPath

    /// The cache file's path.
    func path() -> String {
        if let db { return db }
        let environment = ProcessEnvironment.current()
        let configured = (try? GatewayConfig.load(path: config))?.gateway.stateDirectory
        let directory = stateDirectory ?? configured
            ?? environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init) ?? "/var/lib/spd-gateway"
        return directory + "/cache.sqlite"
    }

    /// Opens the cache or exits with a message (status 1).
    func open(create: Bool) throws -> CatalogCache {
        let path = path()
        do {
            return try CatalogCache.open(path: path, create: create)
        } catch {
            StandardError.write("spd-gateway: \(error)\n")
            throw ExitCode(1)
        }
    }
}

extension CatalogFileFormat: ExpressibleByArgument {}
