import ArgumentParser
import GatewayCore
import GatewayDevices
import GatewayStore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `spd-gateway cache import FILE`.
struct CacheImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a catalogue file (CSV or JSONL; columns in docs/cache.md) in one transaction.",
        discussion: """
            Valid rows are added or replace the rows with the same key; each invalid row is listed with its line \
            number and the reason, and the rest are imported. Nothing is imported when the file cannot be read \
            or its CSV header names an unknown column.

            Exit status: 0 imported (even with rejected rows; see the report), 1 nothing imported.

            Examples:
              spd-gateway cache import /tmp/catalogue.csv
              spd-gateway cache import --format jsonl --json export.ndjson --db /var/lib/spd-gateway/cache.sqlite
            """
    )

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: "csv or jsonl (default: from the file name; .jsonl/.ndjson are JSONL, the rest CSV).")
    var format: CatalogFileFormat?

    @Option(help: ArgumentHelp("Set the catalogue version after the import (a file exported by the backend).",
                               valueName: "n"))
    var catalogVersion: Int64?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var location: CacheLocation

    func run() throws {
        let cache = try location.open(create: true)
        let report: CatalogImportReport
        do {
            report = try cache.importFile(path: file, format: format, version: catalogVersion)
        } catch {
            StandardError.write("spd-gateway: \(file): \(error)\n")
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("\(file): \(report.added) added, \(report.updated) updated, \(report.rejected) rejected "
            + "(catalogue version \(report.catalogVersion), \(cache.path))")
        for rejection in report.rejections { print("  line \(rejection.line): \(rejection.reason)") }
        if report.rejected > report.rejections.count {
            print("  ... and \(report.rejected - report.rejections.count) more")
        }
    }
}
