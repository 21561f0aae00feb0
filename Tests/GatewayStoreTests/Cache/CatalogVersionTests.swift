import Foundation
import GatewayCore
import Testing
@testable import GatewayStore

/// The reader keeps the catalogue version and reads `meta` again only when SQLite's data version says another
/// connection committed: every resolution must still report the version of the data it read.
@Suite struct CatalogVersionTests {
    /// Another process (here another connection) commits a new version: the next resolution of each kind reports
    /// it, however often the version changes.
    @Test func aVersionCommittedElsewhereIsSeenByTheNextResolution() throws {
        let directory = try TemporaryDirectory()
        let cache = try sampleCache(directory)
        #expect(item(cache.resolve("0104046719303427"))?.catalogVersion == 0)
        let other = try SQLiteConnection(path: directory.file("cache.sqlite"))
        for version in [7, 8, 42] {
            try other.execute("UPDATE meta SET value = '\(version)' WHERE key = 'catalog_version'")
            #expect(item(cache.resolve("0104046719303427"))?.catalogVersion == Int64(version))
            #expect(item(cache.resolve("0104046719303427"))?.catalogVersion == Int64(version))
            #expect(item(cache.resolve("PK0000012345"))?.catalogVersion == Int64(version))
            #expect(item(cache.resolve("UL00000001"))?.catalogVersion == Int64(version))
            #expect(cache.catalogVersion() == Int64(version))
        }
    }

    /// A commit that does not touch the version (an import without one) keeps it; a code resolved first after a
    /// versioned import (the code statement, not the product's, sees the change) reports the new one.
    @Test func anImportWithAndWithoutAVersion() throws {
        let directory = try TemporaryDirectory()
        let cache = try sampleCache(directory)
        let file = directory.file("more.csv")
        try "key,name\n06901234567892,Added\n".write(toFile: file, atomically: true, encoding: .utf8)
        let operatorSide = try CatalogCache.open(path: directory.file("cache.sqlite"))
        _ = try operatorSide.importFile(path: file, version: 5)
        #expect(item(cache.resolve("PK0000012345"))?.catalogVersion == 5)
        #expect(item(cache.resolve("0106901234567892"))?.name == "Added")
        try "key,name\n06901234567892,Renamed\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try operatorSide.importFile(path: file)
        let renamed = try #require(item(cache.resolve("0106901234567892")))
        #expect(renamed.name == "Renamed" && renamed.catalogVersion == 5)
    }

    /// The version column's absence (a damaged `meta`) still resolves as version 0, as before.
    @Test func aMissingVersionRowIsVersionZero() throws {
        let directory = try TemporaryDirectory()
        let cache = try sampleCache(directory)
        let other = try SQLiteConnection(path: directory.file("cache.sqlite"))
        try other.execute("UPDATE meta SET value = '3' WHERE key = 'catalog_version'")
        #expect(item(cache.resolve("0104046719303427"))?.catalogVersion == 3)
        try other.execute("DELETE FROM meta WHERE key = 'catalog_version'")
        #expect(item(cache.resolve("0104046719303427"))?.catalogVersion == 0)
    }
}
