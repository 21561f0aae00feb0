import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct CatalogImportTests {
    @Test func csvAndJSONLSamplesImportTheSameCatalogue() throws {
        let directory = try TemporaryDirectory()
        let csv = try CatalogCache.open(path: directory.file("csv.sqlite"))
        let jsonl = try CatalogCache.open(path: directory.file("jsonl.sqlite"))
        let fromCSV = try csv.importFile(path: docsDirectory + "/catalogue-sample.csv")
        let fromJSONL = try jsonl.importFile(path: docsDirectory + "/catalogue-sample.jsonl")
        #expect(fromCSV.added == 16 && fromCSV.rejected == 0, "\(fromCSV.rejections)")
        #expect(fromJSONL.added == 16 && fromJSONL.rejected == 0, "\(fromJSONL.rejections)")
        for code in [
            "0109506000134352", "6901234567892", "PK0000012345", "UL00000001", "B12345",
            "+J123AQ3451/$$1125BC34567/S4012L",
        ] {
            #expect(csv.resolve(code) == jsonl.resolve(code), "\(code)")
        }
        #expect(csv.slots(cabinet: "cab-or3") == jsonl.slots(cabinet: "cab-or3"))
        #expect(try csv.codeFormats() == jsonl.codeFormats())
        #expect(try csv.codeFormats().map(\.name) == ["badge", "label", "package", "surgery", "wristband"])
        // The same file again: every row is an update.
        let again = try csv.importFile(path: docsDirectory + "/catalogue-sample.csv")
        #expect(again.added == 0 && again.updated == 16)
    }

    @Test func badRowsAreRejectedWithLineAndReasonAndTheRestImported() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("bad.csv")
        try """
            kind,key,name,product,quantity,expiry,unit_weight_g,high_value,channel,cabinet
            product,06900000000014,Good one,,,,,,,
            product,06900000000015,Bad check digit,,,,,,,
            product,,No key,,,,,,,
            package,PK1,,06900000000014,0,,,,,
            label,UL1,,06900000000014,,2026-13-01,,,,
            product,06901234567892,Bad weight,,,,heavy,,,
            product,4006381333931,Bad flag,,,,,maybe,,
            gadget,X1,,,,,,,,
            slot,,,06900000000014,,,,,,cab-1
            product,4006381333931,"Quoted, with comma",,,,,yes,,
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let report = try cache.importFile(path: file)
        #expect(report.added == 2)
        #expect(report.rejected == 8)
        let reasons = Dictionary(uniqueKeysWithValues: report.rejections.map { ($0.line, $0.reason) })
        #expect(reasons[3]?.contains("wrong check digit") == true)
        #expect(reasons[4] == "product: key is required")
        #expect(reasons[5]?.contains("quantity must be an integer >= 1") == true)
        #expect(reasons[6]?.contains("expiry must be YYYY-MM-DD") == true)
        #expect(reasons[7]?.contains("unit_weight_g must be a number") == true)
        #expect(reasons[8]?.contains("high_value must be") == true)
        #expect(reasons[9]?.contains("kind must be one of") == true)
        #expect(reasons[10]?.contains("channel") == true)
        #expect(item(cache.resolve("04006381333931"))?.name == "Quoted, with comma")
        #expect(item(cache.resolve("04006381333931"))?.highValue == true)
    }

    @Test func theLastRowOfAKeyWinsAndCountsAsAnUpdate() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("dup.csv")
        try "key,name\n06900000000014,First\n4006381333931,Other\n06900000000014,Second\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let report = try cache.importFile(path: file)
        #expect(report.added == 2 && report.updated == 1)
        #expect(item(cache.resolve("0106900000000014"))?.name == "Second")
        let again = try cache.importFile(path: file)
        #expect(again.added == 0 && again.updated == 3)
    }

    @Test func anUnusableHeaderImportsNothing() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("header.csv")
        try "kind,key,colour\nproduct,06900000000014,red\n".write(toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let error = try #require(throws: CatalogCacheError.self) { try cache.importFile(path: file) }
        #expect(error.code == .invalidFile)
        #expect(error.message.contains("unknown column 'colour'"))
        #expect(item(cache.resolve("06900000000014"))?.status == .unknown)
    }

    /// Regression: the staging table made inside a rolled-back import vanished and broke the next import.
    @Test func anImportAfterOneThatFailedMidwayStillWorks() throws {
        let directory = try TemporaryDirectory()
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        var rows = 0
        #expect(throws: CatalogCacheError.self) {
            try cache.importRows(version: nil) { () throws -> CatalogFileRow? in
                rows += 1
                guard rows == 1 else { throw CatalogCacheError(code: .invalidFile, message: "read error") }
                return CatalogFileRow(line: 2, result: .success(CatalogRecord(kind: .product, key: "06900000000014")))
            }
        }
        #expect(item(cache.resolve("0106900000000014"))?.status == .unknown)
        #expect(try cache.importFile(path: docsDirectory + "/catalogue-sample.csv").added == 16)
    }

    @Test func jsonlRowsWithWrongTypesAreRejected() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("bad.jsonl")
        try """
            {"kind":"product","key":"06900000000014","name":"ok"}
            {"kind":"product","key":"06901234567892","high_value":"very"}
            not json
            {"key":"06901234567892"}

            {"kind":"badge","key":"B1"}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let report = try cache.importFile(path: file)
        #expect(report.added == 1)
        #expect(report.rejections.map(\.line) == [2, 3, 4, 6])
        #expect(report.rejections[0].reason.contains("high_value"))
        #expect(report.rejections[2].reason.contains("kind"))
        #expect(report.rejections[3].reason == "badge: user is required")
    }

    @Test func quotedFieldsMaySpanLines() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("multi.csv")
        try "key,name\n06900000000014,\"Two\nlines\"\n06901234567892,After\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let report = try cache.importFile(path: file)
        #expect(report.added == 2 && report.rejected == 0)
        #expect(item(cache.resolve("06900000000014"))?.name == "Two\nlines")
    }

    @Test func migratesAnEmptyFileAndRefusesANewerOne() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("cache.sqlite")
        // Version 0: a file some other tool created empty.
        _ = try SQLiteConnection(path: path)
        do {
            let cache = try CatalogCache.open(path: path)
            _ = try cache.importFile(path: docsDirectory + "/catalogue-sample.csv")
        }
        let check = try SQLiteConnection(path: path)
        #expect(try check.userVersion() == CatalogSchema.migrator.latestVersion)
        #expect(try check.scalarInt64("SELECT count(*) FROM product") == 6)
        // Reopening keeps everything.
        #expect(item(try CatalogCache.open(path: path).resolve("6901234567892"))?.status == .known)
        try check.execute("PRAGMA user_version=99")
        let error = try #require(throws: CatalogCacheError.self) { try CatalogCache.open(path: path) }
        #expect(error.code == .incompatibleFile)
        #expect(throws: CatalogCacheError.self) {
            try CatalogCache.open(path: directory.file("missing.sqlite"), create: false)
        }
    }
}
