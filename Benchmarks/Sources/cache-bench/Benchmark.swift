import Foundation
import GatewayCodes
import GatewayCore
import GatewayStore

#if canImport(Glibc)
import Glibc
#endif

/// Generate, import, measure in-process and in a fresh process, compare with the sqlite3 CLI; print the figures.
func runBenchmark(_ options: Options) throws {
    let directory = options.directory ?? (NSTemporaryDirectory() + "cache-bench-\(getpid())")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { if !options.keep { try? FileManager.default.removeItem(atPath: directory) } }
    let database = directory + "/cache.sqlite"
    print("cache-bench: \(options.products) products, \(options.codes) in-hospital codes, \(options.samples) "
        + "resolutions, in \(directory); load average \(loadAverage()) on "
        + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

    // 1. Generate.
    var start = nowNanoseconds()
    let generator = CatalogGenerator(products: options.products, codes: options.codes)
    try generator.writeProducts(to: directory + "/products.csv")
    try generator.writeCodes(to: directory + "/codes.csv")
    print("generated CSV in \(milliseconds(nowNanoseconds() - start)) "
        + "(\(megabytes(fileBytes(directory + "/products.csv") + fileBytes(directory + "/codes.csv"))))")

    // 2. Import (parse + validate + insert, one transaction per file), as `spd-gateway cache import` does.
    var importRates: [Double] = []
    do {
        let cache = try CatalogCache.open(path: database)
        for (file, rows) in [("products.csv", options.products), ("codes.csv", options.codes)] {
            start = nowNanoseconds()
            let cpuStart = cpuNanoseconds()
            let report = try cache.importFile(path: directory + "/" + file)
            let seconds = Double(nowNanoseconds() - start) / 1e9
            let cpuSeconds = Double(cpuNanoseconds() - cpuStart) / 1e9
            guard report.added == rows, report.rejected == 0 else {
                throw BenchError(
                    "\(file): \(report.added) added, \(report.rejected) rejected \(report.rejections.prefix(3))")
            }
            importRates.append(Double(rows) / seconds)
            print(String(
                format: "import %@: %d rows in %.1f s = %.0f rows/s (CPU %.1f s = %.0f rows per CPU second)",
                file, rows, seconds, Double(rows) / seconds, cpuSeconds, Double(rows) / cpuSeconds))
        }
    }
    // Baseline: the sqlite3 CLI's own CSV import (C, no validation) of the same product file into a table with the
    // same key, journal mode and page cache: what SQLite alone does on this machine.
    let baseline = directory + "/sqlite3-import.sqlite"
    let script = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        PRAGMA cache_size=-65536;
        CREATE TABLE p(kind TEXT, key TEXT PRIMARY KEY, name TEXT, specification TEXT, manufacturer TEXT,
            registration TEXT, insurance_code TEXT, charge_code TEXT, unit TEXT, unit_weight_g REAL, tolerance_g REAL,
            high_value INTEGER, near_expiry_days INTEGER) WITHOUT ROWID;
        .import --csv --skip 1 \(directory)/products.csv p

        """
    // CACHE_BENCH_SKIP_BASELINE=1 skips it (it takes as long as the import itself).
    if ProcessInfo.processInfo.environment["CACHE_BENCH_SKIP_BASELINE"] != "1" {
        let childCPUStart = childCPUNanoseconds()
        let cliImport = try run("/usr/bin/sqlite3", [baseline], input: script)
        let childCPU = Double(childCPUNanoseconds() - childCPUStart) / 1e9
        let cliSeconds = Double(cliImport.nanoseconds) / 1e9
        print(String(
            format: "sqlite3 CLI .import of products.csv (baseline): %.1f s = %.0f rows/s "
                + "(CPU %.1f s = %.0f rows per CPU second)",
            cliSeconds, Double(options.products) / cliSeconds, childCPU, Double(options.products) / childCPU))
        try? FileManager.default.removeItem(atPath: baseline)
        try? FileManager.default.removeItem(atPath: baseline + "-wal")
        try? FileManager.default.removeItem(atPath: baseline + "-shm")
    }

    // Fold the WAL into the file so the size on disk is the database's.
    try SQLiteConnection(path: database).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let databaseBytes = fileBytes(database)
    let bytesPerRow = databaseBytes / Int64(max(1, options.products + options.codes))
    print("database size on disk: \(megabytes(databaseBytes)) (\(bytesPerRow) bytes/row)")

    // 3. Warm resolve in-process: a first pass fills SQLite's and the kernel's caches, the second is timed.
    let cache = try CatalogCache.open(
        path: database, create: false, readerCacheKiB: readerCacheKiB, readerMapBytes: mapBytes)
    let firstPass = timeResolutions(cache, options)
    let warmCPUStart = cpuNanoseconds()
    let warm = timeResolutions(cache, options, byKind: true)
    let warmCPU = cpuNanoseconds() - warmCPUStart
    guard warm.known == options.samples else {
        throw BenchError("only \(warm.known) of \(options.samples) resolved known")
    }
    let p50 = percentile(warm.sorted, 0.5), p99 = percentile(warm.sorted, 0.99)
    print("resolve (first pass): p50 \(microseconds(percentile(firstPass.sorted, 0.5))), "
        + "p99 \(microseconds(percentile(firstPass.sorted, 0.99)))")
    print("resolve (warm): p50 \(microseconds(p50)), p90 \(microseconds(percentile(warm.sorted, 0.9))), "
        + "p99 \(microseconds(p99)), p99.9 \(microseconds(percentile(warm.sorted, 0.999))), "
        + "max \(microseconds(warm.sorted.last ?? 0)); CPU per scan (decode + resolve) "
        + "\(microseconds(warmCPU / UInt64(max(1, options.samples))))")
    print("resolve (warm) by kind: \(warm.perKindSummary)")

    // 4. A fresh process: cold open, RSS. Dropping the kernel's page cache needs root; say whether it worked.
    // drop_caches drops only clean pages: write the import's pages back first, or a run whose import just ended
    // measures a partly warm cache (and one that ran the sqlite3 baseline meanwhile a cold one).
    sync()
    let dropped = (try? "3\n".write(toFile: "/proc/sys/vm/drop_caches", atomically: false, encoding: .utf8)) != nil
    let probe = try run(
        CommandLine.arguments[0],
        ["probe", "--db", database, "--samples", String(options.samples), "--products", String(options.products),
         "--codes", String(options.codes)])
    let fields = probeFields(probe.output)
    print("fresh process (\(dropped ? "page cache dropped: cold" : "page cache NOT dropped (not root): file cached")): "
        + "open \(microseconds(UInt64(fields["open_ns"] ?? 0))), "
        + "first resolve \(microseconds(UInt64(fields["first_ns"] ?? 0))), "
        + "RSS after open \(fields["rss_after_open_kib"] ?? 0) KiB, RSS after \(options.samples) resolutions "
        + "\(fields["rss_kib"] ?? 0) KiB (private \(fields["rss_anon_kib"] ?? 0) KiB, "
        + "peak \(fields["hwm_kib"] ?? 0) KiB), "
        + "p50 \(microseconds(UInt64(fields["p50_ns"] ?? 0))), p99 \(microseconds(UInt64(fields["p99_ns"] ?? 0)))")

    // 5. The sqlite3 CLI on the same keys: one process for many lookups, and one process per lookup.
    let cliKeys = SampleScans(options).prefix(2000).compactMap { decoder.decode($0).gtin }
    let query = { (key: String) in "SELECT key, name, high_value FROM product WHERE key = '\(key)';\n" }
    let empty = try run("/usr/bin/sqlite3", [database], input: ".output /dev/null\n")
    let batch = try run("/usr/bin/sqlite3", [database], input: ".output /dev/null\n" + cliKeys.map(query).joined())
    let perLookup = (batch.nanoseconds > empty.nanoseconds ? batch.nanoseconds - empty.nanoseconds : 0)
        / UInt64(max(1, cliKeys.count))
    var spawns: [UInt64] = []
    for key in cliKeys.prefix(20) { spawns.append(try run("/usr/bin/sqlite3", [database, query(key)]).nanoseconds) }
    spawns.sort()
    print("sqlite3 CLI: \(microseconds(perLookup)) per lookup in one process (\(cliKeys.count) lookups, start-up "
        + "subtracted); \(milliseconds(percentile(spawns, 0.5))) median per process per lookup (\(spawns.count) runs)")

    print(String(
        format: "SUMMARY cache products=%d codes=%d import_rows_per_s=%.0f,%.0f db_mb=%.1f resolve_p50_us=%.2f "
            + "resolve_p99_us=%.2f probe_rss_kib=%d open_ms=%.2f sqlite3_cli_us=%.2f",
        options.products, options.codes, importRates.first ?? 0, importRates.last ?? 0, Double(databaseBytes) / 1e6,
        Double(p50) / 1000, Double(p99) / 1000, fields["rss_kib"] ?? 0, Double(fields["open_ns"] ?? 0) / 1e6,
        Double(perLookup) / 1000))
    print("load average at the end: \(loadAverage())")
}

func probeFields(_ output: String) -> [String: Int] {
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("PROBE ") }) else { return [:] }
    var fields: [String: Int] = [:]
    for pair in line.split(separator: " ").dropFirst() {
        let parts = pair.split(separator: "=")
        if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
    }
    return fields
}
