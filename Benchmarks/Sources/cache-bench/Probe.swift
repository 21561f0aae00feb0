import Foundation
import GatewayCodes
import GatewayStore

/// The child process: a fresh process that opens the cache as the daemon does and resolves the samples; prints
/// `PROBE open_ns=... first_ns=... p50_ns=... p99_ns=... rss_kib=... hwm_kib=...`.
func runProbe(_ options: Options) throws {
    guard let database = options.database else { throw BenchError("probe needs --db") }
    let firstCode = decoder.decode(SampleScans(options).first(where: { _ in true }) ?? "")
    let before = residentKiB()
    let start = nowNanoseconds()
    let cache = try CatalogCache.open(
        path: database, create: false, readerCacheKiB: readerCacheKiB, readerMapBytes: mapBytes)
    let opened = nowNanoseconds()
    _ = cache.resolve(firstCode, atMilliseconds: sampleTimeMilliseconds)
    let first = nowNanoseconds()
    let openedRSS = residentKiB()
    let timed = timeResolutions(cache, options)
    let after = residentKiB()
    let afterAnon = residentAnonKiB()
    // A second pass over the same scans, warm, in this process too: the resolve figure without a full import.
    let warm = timeResolutions(cache, options, byKind: true)
    print("PROBE open_ns=\(opened - start) first_ns=\(first - opened) p50_ns=\(percentile(timed.sorted, 0.5)) "
        + "p99_ns=\(percentile(timed.sorted, 0.99)) known=\(timed.known) rss_kib=\(after.rss) hwm_kib=\(after.peak) "
        + "rss_before_open_kib=\(before.rss) rss_after_open_kib=\(openedRSS.rss) rss_anon_kib=\(afterAnon) "
        + "warm_p50_ns=\(percentile(warm.sorted, 0.5)) warm_p90_ns=\(percentile(warm.sorted, 0.9)) "
        + "warm_p99_ns=\(percentile(warm.sorted, 0.99))")
    print("probe warm pass by kind: \(warm.perKindSummary)")
    if options.explain { explainTail(cache, options) }
}
