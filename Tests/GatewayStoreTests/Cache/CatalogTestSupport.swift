import Foundation
import GatewayCodes
import GatewayCore
@testable import GatewayStore

/// The repository's docs directory (the sample catalogue files live there).
let docsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs").path

/// 2026-11-23 12:00 UTC: the scan time the resolution tests use.
let scanTime: Int64 = 1_795_435_200_000

/// A decoder that knows the sample catalogue's in-hospital formats.
let sampleDecoder = CodeDecoder(options: DecodeOptions(
    hospitalRules: [
        HospitalCodeRule(name: "package", meaning: .package, prefix: "PK", length: .exact(12), charset: .digits),
        HospitalCodeRule(name: "label", meaning: .uniqueLabel, prefix: "UL", length: .exact(10), charset: .digits),
        HospitalCodeRule(name: "badge", meaning: .badge, prefix: "B", length: .exact(6), charset: .digits),
        HospitalCodeRule(name: "wristband", meaning: .wristband, prefix: "WB", length: .exact(10), charset: .digits),
    ],
    referenceDate: CivilDate(year: 2026, month: 11, day: 23)))

/// Opens a cache with the CSV sample imported.
func sampleCache(_ directory: TemporaryDirectory, name: String = "cache.sqlite") throws -> CatalogCache {
    let cache = try CatalogCache.open(path: directory.file(name), nowMilliseconds: { scanTime })
    let report = try cache.importFile(path: docsDirectory + "/catalogue-sample.csv")
    precondition(report.rejected == 0, "sample rejected: \(report.rejections)")
    return cache
}

/// The item a resolution carries, or nil.
func item(_ resolution: CodeResolution) -> ResolvedItem? {
    if case .item(let item) = resolution { return item }
    return nil
}

extension CodeResolver {
    /// Decodes `text` with the sample decoder and resolves it at ``scanTime``.
    func resolve(_ text: String, at time: Int64 = scanTime) -> CodeResolution {
        resolve(sampleDecoder.decode(text), atMilliseconds: time)
    }
}
