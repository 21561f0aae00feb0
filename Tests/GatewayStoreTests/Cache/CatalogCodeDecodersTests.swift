import GatewayCodes
import GatewayCore
import Testing

@testable import GatewayStore

@Suite("Scan decoders follow the catalogue's code formats")
struct CatalogCodeDecodersTests {
    static let oneDay: Int64 = 86_400_000

    @Test func formatsImportedWhileRunningApplyToTheNextScan() throws {
        let directory = try TemporaryDirectory()
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"), nowMilliseconds: { scanTime })
        let errors = Locked(0)
        let decoders = CatalogCodeDecoders(
            cache: cache, options: DecodeOptions(), atMilliseconds: scanTime, onReadError: { _ in
                errors.withLock { $0 += 1 }
            })
        // An empty cache: a wristband is text no rule claims.
        #expect(decoders.decoder(atMilliseconds: scanTime).decode("WB00000001").fields.meaning == nil)

        // Another process imports the catalogue with its formats (a second open of the file, as the CLI does).
        let importer = try CatalogCache.open(path: directory.file("cache.sqlite"), nowMilliseconds: { scanTime })
        let report = try importer.importFile(path: docsDirectory + "/catalogue-sample.csv")
        #expect(report.rejected == 0)
        let wristband = decoders.decoder(atMilliseconds: scanTime).decode("WB00000001")
        #expect(wristband.fields.meaning == .wristband)
        #expect(wristband.fields.rule == "wristband")

        // A sync through the daemon's own cache (its writer connection) is seen too: a format removed.
        let removal = CatalogSyncCommand(
            id: "1", operation: .delete, version: 1, records: [CatalogRecord(kind: .format, key: "wristband")])
        #expect(try cache.applyNow(removal).deleted == 1)
        #expect(decoders.decoder(atMilliseconds: scanTime).decode("WB00000001").fields.meaning == nil)
        #expect(decoders.decoder(atMilliseconds: scanTime).decode("B00042").fields.meaning == .badge)
        #expect(errors.withLock { $0 } == 0)
    }

    @Test func theReferenceDateFollowsTheScansDay() throws {
        let directory = try TemporaryDirectory()
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"), nowMilliseconds: { scanTime })
        let decoders = CatalogCodeDecoders(
            cache: cache, options: DecodeOptions(), atMilliseconds: scanTime, onReadError: { _ in })
        let today = decoders.decoder(atMilliseconds: scanTime).options.referenceDate
        #expect(today == CivilDate(year: 2026, month: 11, day: 23))
        let later = decoders.decoder(atMilliseconds: scanTime + 400 * Self.oneDay).options.referenceDate
        #expect(later == CivilDate(year: 2027, month: 12, day: 28))
    }
}
