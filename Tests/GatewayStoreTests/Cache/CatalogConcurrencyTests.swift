import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

@Suite struct CatalogConcurrencyTests {
    /// A second connection (as `spd-gateway cache import` in another process would) imports while the first keeps
    /// resolving: no resolution fails or waits for the import, and the new rows are seen once it commits.
    @Test func importOnASecondConnectionWhileResolving() async throws {
        let directory = try TemporaryDirectory()
        let daemonSide = try sampleCache(directory)
        let file = directory.file("big.csv")
        var text = "key,name,unit_weight_g\n"
        for index in 0..<20_000 { text += "\(gtin(index)),Product \(index),\(index % 50)\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let importer = Task.detached {
            let operatorSide = try CatalogCache.open(path: directory.file("cache.sqlite"))
            return try operatorSide.importFile(path: file)
        }
        var resolutions = 0
        var sawNew = false
        // A safety net only (the import takes well under a second): a failed import must not hang the test.
        let giveUp = ContinuousClock.now + .seconds(120)
        while !sawNew, ContinuousClock.now < giveUp {
            #expect(item(daemonSide.resolve("0109506000134352"))?.status == .known)
            let last = item(daemonSide.resolve("01" + gtin(19_999)))
            // Transactional: a reader sees either none of the import or all of it.
            if last?.status == .known {
                sawNew = true
                #expect(item(daemonSide.resolve("01" + gtin(0)))?.name == "Product 0")
            }
            resolutions += 1
            if resolutions % 100 == 0 { await Task.yield() }
        }
        let report = try await importer.value
        #expect(sawNew)
        #expect(report.added == 20_000 && report.rejected == 0)
        #expect(daemonSide.catalogVersion() == 0)
    }

    /// A valid GTIN-14 for `index`.
    func gtin(_ index: Int) -> String {
        let body = "0697" + String(repeating: "0", count: 9 - String(index).count) + String(index)
        let digits = body.utf8.map { Int($0) - 48 }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 3 : 1) }
        return body + String((10 - sum % 10) % 10)
    }
}
