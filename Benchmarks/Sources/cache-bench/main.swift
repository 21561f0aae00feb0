// cache-bench: the local catalogue cache at national-database scale (Benchmarks/run-cache-bench.sh).
//
//   cache-bench [--products N] [--codes M] [--samples S] [--dir D] [--keep]   generate, import, measure
//   cache-bench probe --db PATH --samples S --products N --codes M [--explain]  (child) open, resolve, RSS
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
    /// `--explain`: the probe also prints what its slowest resolutions had in common (see `explainTail`).
    var explain = false
    /// `--only gtin|package|label`: every sample of one kind (instruction counts per kind with callgrind).
    var only: SampleKind?

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
            case "--explain": explain = true
            case "--only":
                guard let kind = SampleKind(rawValue: iterator.next() ?? "") else {
                    FileHandle.standardError.write(Data("--only needs gtin, package or label\n".utf8))
                    exit(2)
                }
                only = kind
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

/// What a sample scan is: the benchmark reports latencies per kind, to show what the tail consists of.
enum SampleKind: String, CaseIterable {
    case gtin, package, label

    init(scan: String) {
        if scan.hasPrefix("PK") {
            self = .package
        } else if scan.hasPrefix("UL") {
            self = .label
        } else {
            self = .gtin
        }
    }
}

/// The scans to resolve, generated one at a time (so a probe's RSS is the cache's, not a sample array's): 90%
/// products (GS1 with expiry and lot), 10% in-hospital codes (half packages, half unique labels); every key exists.
/// With `--only`, every scan is of that kind.
struct SampleScans: Sequence, IteratorProtocol {
    let options: Options
    var random = SplitMix(state: 42)
    var index = 0

    init(_ options: Options) { self.options = options }

    mutating func next() -> String? {
        guard index < options.samples else { return nil }
        defer { index += 1 }
        let isCode = options.only.map { $0 != .gtin } ?? (index % 10 == 9)
        if isCode, options.codes > 0 {
            var code = Int(random.next() % UInt64(options.codes))
            // Even codes are packages, odd ones labels (CatalogGenerator.writeCodes).
            if options.only == .package { code -= code % 2 }
            if options.only == .label { code = Swift.min(code | 1, options.codes - 1) }
            return code % 2 == 0 ? CatalogGenerator.packageCode(code) : CatalogGenerator.labelCode(code)
        }
        let product = Int(random.next() % UInt64(options.products))
        return "01" + CatalogGenerator.gtin(product) + "17280131" + "10LOT" + String(product % 977)
    }
}

/// Resolution latencies of one pass, sorted, in nanoseconds.
struct ResolveTimes {
    var sorted: [UInt64]
    /// Per kind of scan; only when asked for (the arrays would count in a probe's RSS).
    var byKind: [SampleKind: [UInt64]]
    var known: Int

    /// `gtin p50 ... p99 ...; package ...` for the kinds measured.
    var perKindSummary: String {
        SampleKind.allCases.compactMap { kind in
            guard let times = byKind[kind], !times.isEmpty else { return nil }
            return "\(kind.rawValue) (\(times.count)) p50 \(microseconds(percentile(times, 0.5))), "
                + "p90 \(microseconds(percentile(times, 0.9))), p99 \(microseconds(percentile(times, 0.99)))"
        }.joined(separator: "; ")
    }
}

/// The scan time every sample is resolved at (2026-11-23, before the generated labels' expiry): one clock for
/// the timed passes, the probe's first resolution and `--explain`.
let sampleTimeMilliseconds: Int64 = 1_795_435_200_000

/// Decodes each sample (untimed) and times only the resolution; returns sorted nanoseconds and how many were known.
func timeResolutions(_ cache: CatalogCache, _ options: Options, byKind: Bool = false) -> ResolveTimes {
    var samples: [UInt64] = []
    samples.reserveCapacity(options.samples)
    var kinds: [SampleKind: [UInt64]] = [:]
    var known = 0
    for scan in SampleScans(options) {
        let code = decoder.decode(scan)
        let start = nowNanoseconds()
        let resolution = cache.resolve(code, atMilliseconds: sampleTimeMilliseconds)
        let elapsed = nowNanoseconds() - start
        samples.append(elapsed)
        if byKind { kinds[SampleKind(scan: scan), default: []].append(elapsed) }
        if case .item(let item) = resolution, item.status == .known { known += 1 }
    }
    for kind in kinds.keys { kinds[kind]?.sort() }
    return ResolveTimes(sorted: samples.sorted(), byKind: kinds, known: known)
}

let options = Options(CommandLine.arguments)
if options.probe {
    try runProbe(options)
} else {
    try runBenchmark(options)
}
