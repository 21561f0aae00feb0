import Foundation

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

func fileBytes(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}

/// Runs a program to completion with `input` on stdin; returns stdout and the wall time in nanoseconds.
func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> (output: String, nanoseconds: UInt64) {
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
