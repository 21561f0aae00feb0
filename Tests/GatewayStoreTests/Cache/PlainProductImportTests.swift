import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

/// File imports read plain product rows straight from the bytes (``PlainProductLine``); these tests hold that path
/// to the general one (``CatalogFileParser/parse(_:line:)`` + ``CatalogRecord/validated()``), row by row and table
/// by table.
@Suite struct PlainProductImportTests {
    static let header = "kind,key,name,specification,manufacturer,registration,insurance_code,charge_code,unit,"
        + "unit_weight_g,tolerance_g,high_value,recalled,blocked,near_expiry_days,quantity"

    /// Rows the fast path must either read exactly as the general path does, or leave to it.
    static let rows = [
        "product,06900000000014,Plain,Model 1,Maker,国械注准2023000001,C0001,310800001,piece,12.5,0.4,1,0,0,90,",
        "product,06900000000014,Again (the last row of a key wins),,,,,,,,,,,,,",
        ",04006381333931,No kind,,,,,,,0,0.0,0,1,1,0,",
        "product,4006381333931,GTIN-13 to pad,,,,,,,,,,,,,",
        "product, 06901234567892,Key with a space,,,,,,,,,,,,,",
        "product,06901234567892,\"Quoted, name\",,,,,,,,,,,,,",
        "Product,06901234567892,Kind in capitals,,,,,,,,,,,,,",
        "product,06900000000015,Bad check digit,,,,,,,,,,,,,",
        "product,,No key,,,,,,,,,,,,,",
        "product,J123AQ3451,Not a GTIN,,,,,,,,,,,,,",
        "product,09506000134352,Flags as words,,,,,,,,,yes,no,true,,",
        "product,09506000134352,Exponent,,,,,,,1e3,,,,,,",
        "product,09506000134352,Negative,,,,,,,-1,,,,,,",
        "product,09506000134352,Sixteen digits,,,,,,,1234567890.123456,,,,,,",
        "product,09506000134352,Point only,,,,,,,.5,5.,,,,,",
        "product,09506000134352,Days with sign,,,,,,,,,,,,+7,",
        "product,09506000134352,Quantity on a product,,,,,,,,,,,,,3",
        "product,09506000134352,Too,many,fields,,,,,,,,,,,,,,",
        "package,PK1,Not a product,,,,,,,,,,,,,2",
        "product,09506000134352,Tab\tinside,,,,,,,0.1,0.30000000000001,,,,,",
        "product,09506000134352,Invalid UTF-8 \u{FFFD},,,,,,,,,,,,,",
        "# product,06900000000014,A comment,,,,,,,,,,,,,",
        "   ",
        "product,06984607742935,Last,Spec,Maker,,,,box,999999999999999,123456789.012345,0,0,0,123456789,",
    ]

    @Test func everyPlainRowReadsAsTheGeneralPathReadsIt() throws {
        var parser = CatalogFileParser(format: .csv)
        _ = try parser.parse(ArraySlice(Self.header.utf8), line: 1)
        var plainCount = 0
        for (index, line) in Self.rows.enumerated() {
            var bytes = Array(line.utf8)
            // One row with bytes that are not UTF-8 (the literal above holds the replacement character instead).
            if line.contains("Invalid UTF-8") {
                bytes.replaceSubrange(bytes.count - 16..<bytes.count - 13, with: [0xC3, 0x28, 0x20])
            }
            let general = try parser.parse(ArraySlice(bytes), line: index + 2)
            let plain = bytes.withUnsafeBufferPointer { parser.plainProduct($0) }
            guard let plain else { continue }
            plainCount += 1
            let result = try #require(general?.result, "row \(index) is plain but the general path skips it")
            let record = try result.get()
            func text(_ range: Range<Int>?) -> String? {
                range.map { String(decoding: bytes[$0], as: UTF8.self) }
            }
            #expect(record.kind == .product)
            #expect(text(plain.key) == record.key, "row \(index)")
            #expect(text(plain.name) == record.name, "row \(index)")
            #expect(text(plain.specification) == record.specification, "row \(index)")
            #expect(text(plain.manufacturer) == record.manufacturer, "row \(index)")
            #expect(text(plain.registration) == record.registration, "row \(index)")
            #expect(text(plain.insuranceCode) == record.insuranceCode, "row \(index)")
            #expect(text(plain.chargeCode) == record.chargeCode, "row \(index)")
            #expect(text(plain.unit) == record.unit, "row \(index)")
            #expect(plain.unitWeightGrams == record.unitWeightGrams, "row \(index)")
            #expect(plain.toleranceGrams == record.toleranceGrams, "row \(index)")
            #expect(plain.highValue == (record.highValue ?? false), "row \(index)")
            #expect(plain.recalled == (record.recalled ?? false), "row \(index)")
            #expect(plain.blocked == (record.blocked ?? false), "row \(index)")
            #expect(plain.nearExpiryDays == record.nearExpiryDays, "row \(index)")
        }
        // The plain ones: the two rows of 06900000000014, no kind, tab inside, and the last row.
        #expect(plainCount == 5)
    }

    /// The same file imported by the file path (plain rows from bytes) and as parsed rows (all through the general
    /// path) leaves the same tables and the same report.
    @Test func aFileImportStoresWhatTheGeneralPathStores() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("mixed.csv")
        try ([Self.header] + Self.rows).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let fast = try CatalogCache.open(path: directory.file("fast.sqlite"))
        let general = try CatalogCache.open(path: directory.file("general.sqlite"))
        let fastReport = try fast.importFile(path: file)
        let reader = try CatalogFileReader(path: file, format: .csv)
        var rows: [CatalogFileRow] = []
        while let row = try reader.next() { rows.append(row) }
        let generalReport = try general.importRows(rows)
        #expect(fastReport == generalReport)
        #expect(fastReport.rejected > 0 && fastReport.updated > 0)
        #expect(try dump(fast) == dump(general))
        // A second import of the same file: every row an update, by both paths.
        #expect(try fast.importFile(path: file) == general.importRows(rows))
        #expect(try dump(fast) == dump(general))
    }

    /// An import bigger than the staging memory is sorted in runs written to temp files and merged: the same
    /// tables and report as in memory (here a few hundred bytes of memory, so nearly every row is a run).
    @Test func anImportSortedThroughTempFilesStoresTheSame() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("shuffled.csv")
        var lines = [Self.header] + Self.rows
        // Many keys in scrambled order after the sample rows (which repeat keys), so runs interleave.
        for index in 0..<300 {
            let body = "0697" + String(repeating: "0", count: 9 - String(index * 7919 % 1000).count)
                + String(index * 7919 % 1000)
            let digits = body.utf8.map { Int($0) - 48 }
            var sum = 0
            for (offset, digit) in digits.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 3 : 1) }
            lines.append("product,\(body)\((10 - sum % 10) % 10),Row \(index),,,,,,,\(index % 7).5,,,,,,")
        }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let spilled = try CatalogCache.open(path: directory.file("spilled.sqlite"))
        spilled.writer.withLock { $0.stagedProducts = StagedProducts(memoryLimit: 300) }
        let inMemory = try CatalogCache.open(path: directory.file("memory.sqlite"))
        let spilledReport = try spilled.importFile(path: file)
        #expect(spilledReport == (try inMemory.importFile(path: file)))
        #expect(spilledReport.updated > 0)
        #expect(try dump(spilled) == dump(inMemory))
        #expect(try spilled.importFile(path: file) == inMemory.importFile(path: file))
        #expect(try dump(spilled) == dump(inMemory))
    }

    func dump(_ cache: CatalogCache) throws -> [String] {
        try cache.writer.withLock { writer in
            var lines: [String] = []
            let select = try writer.connection.prepare(
                "SELECT \(CatalogWriter.stagedColumns), typeof(unit_weight_g), typeof(near_expiry_days) "
                    + "FROM product ORDER BY key")
            try select.forEachRow([]) { row in
                lines.append((0..<row.columnCount).map { row.string(at: $0) ?? "NULL" }.joined(separator: "|"))
            }
            return lines
        }
    }
}
