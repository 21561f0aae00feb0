import GatewayCodes
import GatewayCore
import GatewayTesting
import Testing
@testable import GatewayStore

@Suite struct CatalogResolutionTests {
    @Test func gs1ItemCarriesProductAndCodeFields() throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let resolved = try #require(item(cache.resolve("0109506000134352\u{1D}10LOT9\u{1D}17280131\u{1D}21SN77")))
        #expect(resolved.status == .known)
        #expect(resolved.productID == "09506000134352")
        #expect(resolved.name == "PTCA balloon catheter")
        #expect(resolved.insuranceCode == "C03010101000100001234")
        #expect(resolved.chargeCode == "310800001")
        #expect(resolved.highValue)
        #expect(resolved.lot == "LOT9" && resolved.serial == "SN77" && resolved.expiry == "2028-01-31")
        #expect(resolved.flags.isEmpty)
        #expect(resolved.reason == nil)
    }

    @Test func expiryFlags() throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let expired = try #require(item(cache.resolve("010950600013435217261031")))
        #expect(expired.flags == [.expired])
        #expect(expired.reason == "expired on 2026-10-31")
        // 90-day window: 2027-01-31 is 69 days after 2026-11-23.
        let near = try #require(item(cache.resolve("010950600013435217270131")))
        #expect(near.flags == [.nearExpiry])
        #expect(near.reason?.contains("within 90 days") == true)
        #expect(item(cache.resolve("010950600013435217270301"))?.flags == [])
        // The day of expiry itself is still usable.
        #expect(item(cache.resolve("010950600013435217261123"))?.flags == [.nearExpiry])
    }

    @Test func recalledBlockedAndUnknown() throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let recalled = try #require(item(cache.resolve("0104150011164140")))
        #expect(recalled.flags == [.recalled])
        #expect(recalled.reason == "product is recalled")
        let blocked = try #require(item(cache.resolve("+J123AQ3451/$$1125BC34567/S4012L")))
        #expect(blocked.productID == "J123AQ3451")
        #expect(blocked.flags.contains(.blocked) && blocked.flags.contains(.expired))
        let unknown = try #require(item(cache.resolve("0106900000000014")))
        #expect(unknown.status == .unknown)
        #expect(unknown.flags == [.unknown])
        #expect(unknown.productID == "06900000000014")
        #expect(unknown.reason == "product 06900000000014 is not in the catalogue")
        let ma = try #require(
            item(cache.resolve("MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3")))
        #expect(ma.name == "Absorbable suture")
        #expect(ma.lot == "20220117" && ma.flags == [.expired])
    }

    @Test func inHospitalCodes() throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let package = try #require(item(cache.resolve("PK0000012345")))
        #expect(package.productID == "04046719303427" && package.quantity == 10)
        #expect(package.name == "Central venous catheter kit, 3-lumen")
        let label = try #require(item(cache.resolve("UL00000001")))
        #expect(label.serial == "SN000001" && label.lot == "LOT2401" && label.expiry == "2027-06-30")
        #expect(cache.resolve("B12345") == .user(Party(id: "nurse-li", role: "nurse")))
        #expect(cache.resolve("B99999") == .user(Party(id: "99999")))
        #expect(cache.resolve("WB12345678") == .patient(Party(id: "12345678")))
        let unregistered = try #require(item(cache.resolve("PK9999999999")))
        #expect(unregistered.status == .unknown)
        #expect(unregistered.reason == "package code PK9999999999 is not in the code registry")
        // Separators alone are invalid, or at most an unknown item.
        if case .item(let other) = cache.resolve("\u{1D}\u{1D}") {
            #expect(other.status == .unknown)
        }
    }

    @Test func aSecondConsumeOfAUniqueItemIsFlaggedAndSurvivesReopening() throws {
        let directory = try TemporaryDirectory()
        do {
            let cache = try sampleCache(directory)
            #expect(item(cache.resolve("UL00000001"))?.flags == [])
            #expect(cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "gw:1:1"))
            #expect(cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "gw:1:1"), "a retry")
            #expect(!cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "gw:1:2"))
        }
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"))
        let again = try #require(item(cache.resolve("UL00000001")))
        #expect(again.flags == [.alreadyConsumed])
        #expect(again.reason == "item SN000001 was already consumed")
        // A GS1 scan of the same high-value item is flagged too.
        #expect(item(cache.resolve("010950600013435221SN000001"))?.flags == [.alreadyConsumed])
        // A low-value product with a serial is not tracked.
        #expect(cache.markConsumed(productID: "06901234567892", serial: "A", eventID: "gw:1:3"))
        #expect(item(cache.resolve("010690123456789221A"))?.flags == [])
    }

    @Test func cabinetLayoutGivesUnitWeightAndTolerance() throws {
        let cache = try sampleCache(try TemporaryDirectory())
        let slot = try #require(cache.slot(cabinet: "cab-or3", channel: 0))
        #expect(slot.productID == "04046719303427" && slot.door == 1 && slot.shelf == 2)
        #expect(slot.unitWeightGrams == 12.5 && slot.toleranceGrams == 0.4)
        #expect(cache.slots(cabinet: "cab-or3").map(\.channel) == [0, 1])
        #expect(cache.slot(cabinet: "cab-or3", channel: 7) == nil)
    }

    @Test func memoryCatalogResolvesLikeTheCache() throws {
        let directory = try TemporaryDirectory()
        let cache = try sampleCache(directory)
        let memory = MemoryCatalog()
        var parser = CatalogFileParser(format: .jsonl)
        let text = try String(contentsOfFile: docsDirectory + "/catalogue-sample.jsonl", encoding: .utf8)
        for (index, line) in text.split(separator: "\n").enumerated() {
            let row = try #require(try parser.parse(Array(line.utf8)[...], line: index + 1))
            try memory.upsert(try row.result.get())
        }
        #expect(cache.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "e1"))
        #expect(memory.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "e1"))
        #expect(!memory.markConsumed(productID: "09506000134352", serial: "SN000001", eventID: "e2"))
        let codes = [
            "0109506000134352\u{1D}17261031", "010950600013435217270131", "0104150011164140", "PK0000012345",
            "UL00000001", "B12345", "WB12345678", "0106900000000014", "+J123AQ3451/$$1125BC34567/S4012L",
            "MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3", "PK9999999999",
        ]
        for code in codes { #expect(cache.resolve(code) == memory.resolve(code), "\(code)") }
        #expect(cache.slots(cabinet: "cab-or3") == memory.slots(cabinet: "cab-or3"))
    }

    /// An in-hospital code's product comes with the code in one statement, joined by the id a GTIN-14 key has; a
    /// product with any other key is looked up by its key, and the id a cast of such a key gives (here "123" ->
    /// 123, the id of 00000000000123) must not lend another product's data.
    @Test func aCodesProductIsItsOwnWhateverTheFormOfItsKey() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("codes.csv")
        try """
            kind,key,name,high_value,product,quantity,lot,serial,expiry
            product,00000000000123,Not the product of code 123,0,,,,,
            product,J123AQ3451,Orthopaedic screw,1,,,,,
            package,PK0000000001,,,123,2,,,
            package,PK0000000002,,,J123AQ3451,3,,,
            label,UL00000009,,,J123AQ3451,,L1,S9,2027-06-30
            label,UL00000010,,,00000000000123,,L1,S10,2027-06-30
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let cache = try CatalogCache.open(path: directory.file("cache.sqlite"), nowMilliseconds: { scanTime })
        #expect(try cache.importFile(path: file).rejected == 0)
        let unknown = try #require(item(cache.resolve("PK0000000001")))
        #expect(unknown.status == .unknown && unknown.productID == "123" && unknown.name == nil)
        #expect(unknown.reason == "product 123 is not in the catalogue")
        let package = try #require(item(cache.resolve("PK0000000002")))
        #expect(package.status == .known && package.name == "Orthopaedic screw" && package.quantity == 3)
        #expect(item(cache.resolve("UL00000009"))?.flags == [])
        #expect(cache.markConsumed(productID: "J123AQ3451", serial: "S9", eventID: "gw:1:1"))
        #expect(item(cache.resolve("UL00000009"))?.flags == [.alreadyConsumed])
        #expect(cache.markConsumed(productID: "00000000000123", serial: "S10", eventID: "gw:1:2"))
        let label = try #require(item(cache.resolve("UL00000010")))
        #expect(label.name == "Not the product of code 123" && label.flags == [.alreadyConsumed])
    }
}
