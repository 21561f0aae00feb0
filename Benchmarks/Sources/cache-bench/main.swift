// cache-bench: the local catalogue cache at national-database scale (Benchmarks/run-cache-bench.sh).
//
//   cache-bench [--products N] [--codes M] [--samples S] [--dir D] [--keep]   generate, import, measure
//   cache-bench probe --db PATH --samples S --products N --codes M              (child) open, resolve, RSS
import Foundation
import GatewayCodes
import GatewayCore
import GatewayStore

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var products = 5_000_000
    var codes = 1_000_000
    var samples = 200_000
    var directory: String?
    var database: String?
    var keep = false
    var probe = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "probe": probe = true
            case "--products": products = Int(iterator.next() ?? "") ?? products
            case "--codes": codes = Int(iterator.next() ?? "") ?? codes
            case "--samples": samples = Int(iterator.next() ?? "") ?? samples
            case "--dir": directory = iterator.next()
            case "--db": database = iterator.next()
            case "--keep": keep = true
            default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8)); exit(2)
            }
        }
    }
}

/// SplitMix64: a fixed sequence of sample indexes, the same in every run and in the probe child.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let decoder = CodeDecoder(options: DecodeOptions(hospitalRules: [
    HospitalCodeRule(name: "package", meaning: .package, prefix: "PK", length: .exact(12), charset: .digits),
    HospitalCodeRule(name: "label", meaning: .uniqueLabel, prefix: "UL", length: .exact(12), charset: .digits),
]))

/// The scans to resolve, generated one at a time (so a probe's RSS is the cache's, not a sample array's): 90%
/// products (GS1 with expiry and lot), 10% in-hospital codes; every key exists.
struct SampleScans: Sequence, IteratorProtocol {
    let options: Options
    var random = SplitMix(state: 42)
    var index = 0

    init(_ options: Options) { self.options = options }

    mutating func next() -> String? {
        guard index < options.samples else { return nil }
        defer { index += 1 }
        if index % 10 == 9, options.codes > 0 {
            let code = Int(random.next() % UInt64(options.codes))
            return code % 2 == 0 ? CatalogGenerator.packageCode(code) : CatalogGenerator.labelCode(code)
        }
        let product = Int(random.next() % UInt64(options.products))
        return "01" + CatalogGenerator.gtin(product) + "17280131" + "10LOT" + String(product % 977)
    }
}

/// Decodes each sample (untimed) and times only the resolution; returns sorted nanoseconds and how many were known.
func timeResolutions(_ cache: CatalogCache, _ options: Options) -> (sorted: [UInt64], known: Int) {
    var samples: [UInt64] = []
    samples.reserveCapacity(options.samples)
    var known = 0
    let time: Int64 = 1_795_435_200_000
    for scan in SampleScans(options) {
        let code = decoder.decode(scan)
        let start = nowNanoseconds()
        let resolution = cache.resolve(code, atMilliseconds: time)
        samples.append(nowNanoseconds() - start)
        if case .item(let item) = resolution, item.status == .known { known += 1 }
    }
    return (samples.sorted(), known)
}

let options = Options(CommandLine.arguments)
if options.probe {
    try runProbe(options)
} else {
    try runBenchmark(options)
}
