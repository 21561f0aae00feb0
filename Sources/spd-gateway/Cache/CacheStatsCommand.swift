import ArgumentParser
import GatewayStore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `spd-gateway cache stats`.
struct CacheStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the cache's catalogue version and row counts as JSON.")

    @OptionGroup var location: CacheLocation

    func run() throws {
        let cache = try location.open(create: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        print(String(decoding: try encoder.encode(try cache.statistics()), as: UTF8.self))
    }
}
