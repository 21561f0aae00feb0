import GatewayCodes
import Testing
@testable import GatewayCore

/// Which lookups resolution makes: each is a statement on the scan path of the SQLite cache.
@Suite struct CatalogResolutionLookupTests {
    /// A lookup that counts what it is asked and knows one package and one badge.
    final class CountingLookup: CatalogLookup {
        var codeLookups: [String] = []
        var productLookups: [String] = []
        let catalogVersion: Int64 = 9

        func product(key: String) -> CatalogProduct? {
            productLookups.append(key)
            var product = CatalogProduct(key: key)
            product.name = "Kit"
            return key == "04046719303427" ? product : nil
        }

        func hospitalCode(_ code: String) -> RegisteredCode? {
            codeLookups.append(code)
            switch code {
            case "PK0000012345":
                var package = RegisteredCode(kind: .package)
                package.product = "04046719303427"
                package.quantity = 10
                return package
            case "B12345":
                var badge = RegisteredCode(kind: .badge)
                badge.user = "nurse-li"
                badge.role = "nurse"
                return badge
            default: return nil
            }
        }

        func isConsumed(productID: String, serial: String) -> Bool { false }
    }

    let decoder = CodeDecoder(options: DecodeOptions(hospitalRules: [
        HospitalCodeRule(name: "package", meaning: .package, prefix: "PK", length: .exact(12), charset: .digits),
        HospitalCodeRule(name: "badge", meaning: .badge, prefix: "B", length: .exact(6), charset: .digits),
        HospitalCodeRule(name: "wristband", meaning: .wristband, prefix: "WB", length: .exact(10), charset: .digits),
        HospitalCodeRule(name: "surgery", meaning: .surgery, prefix: "OP", length: .exact(8), charset: .digits),
        HospitalCodeRule(name: "bin", meaning: .bin, prefix: "BIN", length: .exact(7), charset: .digits),
    ]))

    func resolve(_ text: String, _ lookup: CountingLookup) -> CodeResolution {
        CatalogResolution.resolve(decoder.decode(text), atMilliseconds: 1_795_435_200_000, in: lookup)
    }

    /// Wristbands, surgeries and bins resolve to the code's own id: they are never looked up in the registry.
    @Test func wristbandSurgeryAndBinScansMakeNoLookup() {
        let lookup = CountingLookup()
        #expect(resolve("WB12345678", lookup) == .patient(Party(id: "12345678")))
        #expect(resolve("OP123456", lookup) == .surgery(Party(id: "123456")))
        #expect(resolve("BIN1234", lookup) == .bin("BIN1234"))
        #expect(lookup.codeLookups.isEmpty && lookup.productLookups.isEmpty)
    }

    /// Badges and packages are still looked up, once each.
    @Test func badgesAndPackagesAreLookedUpOnce() throws {
        let lookup = CountingLookup()
        #expect(resolve("B12345", lookup) == .user(Party(id: "nurse-li", role: "nurse")))
        #expect(resolve("B99999", lookup) == .user(Party(id: "99999")))
        guard case .item(let package) = resolve("PK0000012345", lookup) else {
            Issue.record("a package resolves to an item")
            return
        }
        #expect(package.name == "Kit" && package.quantity == 10 && package.catalogVersion == 9)
        #expect(lookup.codeLookups == ["B12345", "B99999", "PK0000012345"])
        #expect(lookup.productLookups == ["04046719303427"])
    }
}
