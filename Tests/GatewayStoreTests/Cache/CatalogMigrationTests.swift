import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct CatalogMigrationTests {
    /// A version 1 file as released gateways wrote it (the released migration, then rows as their imports stored
    /// them) opens as version 2 with everything in it: products by GTIN and by other keys, codes, slots, the ledger.
    @Test func aVersion1FileMigratesWithItsData() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("cache.sqlite")
        do {
            let v1 = try SQLiteConnection(path: path)
            try v1.setJournalMode(.wal)
            let released = SchemaMigrator(database: "cache", migrations: [CatalogSchema.migrator.migrations[0]])
            try released.migrate(v1)
            #expect(try v1.userVersion() == 1)
            try v1.execute("""
                INSERT INTO product(key, name, unit_weight_g, tolerance_g, high_value, recalled, near_expiry_days, gen)
                VALUES ('09506000134352', 'PTCA balloon catheter', 12.5, 0.4, 1, 0, 90, 3),
                       ('J123AQ3451', 'Blocked HIBCC product', NULL, NULL, 0, 0, NULL, 3),
                       ('04150011164140', 'Recalled', NULL, NULL, 0, 1, NULL, 3);
                INSERT INTO hospital_code(code, kind, product, quantity, gen)
                VALUES ('PK0000012345', 'package', '09506000134352', 10, 3);
                INSERT INTO cabinet_slot(cabinet, channel, door, shelf, product, gen)
                VALUES ('cab-or3', 0, 1, 2, '09506000134352', 3);
                INSERT INTO consumed(product, serial, event_id, consumed_ms) VALUES ('09506000134352', 'SN1', 'e1', 1);
                UPDATE meta SET value = '7' WHERE key = 'catalog_version';
                UPDATE meta SET value = '3' WHERE key = 'generation';
                """)
        }
        let cache = try CatalogCache.open(path: path, nowMilliseconds: { scanTime })
        let check = try SQLiteConnection(path: path)
        #expect(try check.userVersion() == 2)
        #expect(try check.scalarInt64("SELECT id FROM product WHERE key = '09506000134352'") == 9_506_000_134_352)
        let otherID = try #require(try check.scalarInt64("SELECT id FROM product WHERE key = 'J123AQ3451'"))
        #expect(otherID > CatalogSchema.firstOtherProductID)
        #expect(try check.scalarInt64("SELECT count(*) FROM product WHERE gen = 3") == 3)

        let balloon = try #require(item(cache.resolve("0109506000134352\u{1D}21SN1")))
        #expect(balloon.name == "PTCA balloon catheter" && balloon.highValue && balloon.catalogVersion == 7)
        #expect(balloon.flags == [.alreadyConsumed])
        #expect(item(cache.resolve("0104150011164140"))?.flags == [.recalled])
        #expect(item(cache.resolve("+J123AQ3451/$$1125BC34567/S4012L"))?.name == "Blocked HIBCC product")
        #expect(item(cache.resolve("PK0000012345"))?.quantity == 10)
        #expect(cache.slot(cabinet: "cab-or3", channel: 0)?.unitWeightGrams == 12.5)
        #expect(try cache.statistics().products == 3)

        // Writes after the migration: a new non-GTIN key gets the next id, and keys stay unique.
        var other = CatalogRecord(kind: .product, key: "MA.156.M0.100761")
        other.name = "Suture"
        var renamed = CatalogRecord(kind: .product, key: "J123AQ3451")
        renamed.name = "Renamed"
        let report = try cache.importRows([
            CatalogFileRow(line: 1, result: .success(other)), CatalogFileRow(line: 2, result: .success(renamed)),
        ])
        #expect(report.added == 1 && report.updated == 1)
        #expect(try check.scalarInt64("SELECT id FROM product WHERE key = 'MA.156.M0.100761'") ?? 0 > otherID)
        #expect(try check.scalarInt64("SELECT id FROM product WHERE key = 'J123AQ3451'") == otherID)
        #expect(item(cache.resolve("+J123AQ3451/$$1125BC34567/S4012L"))?.name == "Renamed")

        // A new other key twice in one import: one row, the last one, with one id.
        var first = CatalogRecord(kind: .product, key: "MA.156.M0.200000")
        first.name = "First"
        var second = first
        second.name = "Second"
        let repeated = try cache.importRows([
            CatalogFileRow(line: 1, result: .success(first)), CatalogFileRow(line: 2, result: .success(second)),
        ])
        #expect(repeated.added == 1 && repeated.updated == 1)
        #expect(try check.scalarInt64("SELECT count(*) FROM product WHERE key = 'MA.156.M0.200000'") == 1)
        let select = try check.prepare("SELECT name FROM product WHERE key = 'MA.156.M0.200000'")
        #expect(try select.step() && select.string(at: 0) == "Second")
    }

    @Test func gtinIDsAreTheFourteenDigitsAndNothingElse() {
        #expect(CatalogSchema.gtinID("09506000134352") == 9_506_000_134_352)
        #expect(CatalogSchema.gtinID("99999999999999") == 99_999_999_999_999)
        #expect(CatalogSchema.gtinID("9506000134352") == nil)
        #expect(CatalogSchema.gtinID("095060001343521") == nil)
        #expect(CatalogSchema.gtinID("0950600013435A") == nil)
        #expect(CatalogSchema.gtinID("") == nil)
        #expect(CatalogSchema.gtinID("０９５０６０００１３４３５２") == nil)  // fullwidth digits are not ASCII
    }
}
