import Foundation
import GatewayStore

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds.
func nowNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Nearest-rank percentile of sorted samples.
func percentile(_ sorted: [UInt64], _ fraction: Double) -> UInt64 {
    guard !sorted.isEmpty else { return 0 }
    let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(index, 0), sorted.count - 1)]
}

/// `VmRSS` and `VmHWM` of this process, KiB.
func residentKiB() -> (rss: Int, peak: Int) {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
    }
    return (field("VmRSS"), field("VmHWM"))
}

/// `RssAnon` of this process, KiB: private memory (the rest of RSS is shared, reclaimable file pages).
func residentAnonKiB() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

func fileBytes(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}

/// Runs a program to completion with `input` on stdin; returns stdout and the wall time in nanoseconds.
func run(
    _ executable: String, _ arguments: [String], input: String? = nil
) throws -> (output: String, nanoseconds: UInt64) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let outputPipe = Pipe()
    process.standardOutput = outputPipe
    let inputPipe = Pipe()
    process.standardInput = inputPipe
    let start = nowNanoseconds()
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inputPipe.fileHandleForWriting.close()
    let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let elapsed = nowNanoseconds() - start
    return (String(decoding: output, as: UTF8.self), elapsed)
}

func microseconds(_ nanoseconds: UInt64) -> String { String(format: "%.2f µs", Double(nanoseconds) / 1000) }
func milliseconds(_ nanoseconds: UInt64) -> String { String(format: "%.1f ms", Double(nanoseconds) / 1_000_000) }
func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

/// CPU time (user + system) this process has used, nanoseconds: on a shared machine the wall clock also counts
/// the time other processes had the cores.
func cpuNanoseconds() -> UInt64 {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let user = UInt64(usage.ru_utime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_utime.tv_usec) * 1000
    let system = UInt64(usage.ru_stime.tv_sec) * 1_000_000_000 + UInt64(usage.ru_stime.tv_usec) * 1000
    return user + system
}

/// CPU time used by terminated children (the sqlite3 CLI runs).
func childCPUNanoseconds() -> UInt64 {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return UInt64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000_000
        + UInt64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000
}

/// The 1-minute load average, to print beside the figures.
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

/// `CACHE_BENCH_MMAP=BYTES`: memory-map the file for the reader (see `CatalogCache.open(readerMapBytes:)`).
let mapBytes = Int64(ProcessInfo.processInfo.environment["CACHE_BENCH_MMAP"] ?? "0") ?? 0

/// `CACHE_BENCH_CACHE_KIB=KIB`: the reader's page cache (`CatalogCache.open(readerCacheKiB:)`); by default the
/// daemon's.
let readerCacheKiB =
    Int(ProcessInfo.processInfo.environment["CACHE_BENCH_CACHE_KIB"] ?? "") ?? CatalogCache.defaultReaderCacheKiB
