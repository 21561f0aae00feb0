import Foundation

struct ScannerBenchOptions {
    static let usage = """
        usage: scanner-bench --simulator PATH [--scans N] [--types evdev,hidpos,serial] [--directory DIR]
          --simulator   the spd-sim executable
          --scans       scans per scanner type (default 300)
          --types       which scanner types to measure (default all three)
          --directory   where the outbox is created (default $TMPDIR or /tmp; use the gateway's real disk)
        """

    var simulator = ""
    var scans = 300
    var types = ["evdev", "hidpos", "serial"]
    var directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> ScannerBenchOptions {
        var options = ScannerBenchOptions()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next() else { throw Invalid(description: "\(argument) needs a value") }
            switch argument {
            case "--simulator": options.simulator = value
            case "--scans":
                guard let scans = Int(value), scans > 0 else { throw Invalid(description: "--scans: \(value)") }
                options.scans = scans
            case "--types": options.types = value.split(separator: ",").map(String.init)
            case "--directory": options.directory = value
            default: throw Invalid(description: "unknown option \(argument)")
            }
        }
        guard !options.simulator.isEmpty else { throw Invalid(description: "--simulator is required") }
        guard options.types.allSatisfy({ ["evdev", "hidpos", "serial"].contains($0) }) else {
            throw Invalid(description: "--types must list evdev, hidpos, serial")
        }
        return options
    }
}

/// Nearest-rank percentiles of nanosecond samples.
struct Percentiles {
    var p50: UInt64 = 0
    var p90: UInt64 = 0
    var p99: UInt64 = 0
    var maximum: UInt64 = 0

    init(_ samples: [UInt64]) {
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        func rank(_ fraction: Double) -> UInt64 {
            sorted[min(max(Int((fraction * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)]
        }
        p50 = rank(0.5)
        p90 = rank(0.9)
        p99 = rank(0.99)
        maximum = sorted[sorted.count - 1]
    }

    var line: String {
        func ms(_ value: UInt64) -> String { String(format: "%.3f ms", Double(value) / 1_000_000) }
        return "p50 \(ms(p50))  p90 \(ms(p90))  p99 \(ms(p99))  max \(ms(maximum))"
    }
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// One 4 KiB write + fdatasync, 100 times: what each outbox commit pays at least.
func diskSyncFloor(in directory: String) throws -> Percentiles {
    let path = directory + "/scanner-bench-probe-\(getpid())"
    let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw ScannerBenchOptions.Invalid(description: "cannot create \(path)") }
    defer {
        close(descriptor)
        unlink(path)
    }
    let page = [UInt8](repeating: 0x5A, count: 4096)
    var samples: [UInt64] = []
    for _ in 0..<100 {
        let start = monotonicNanoseconds()
        _ = page.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        fdatasync(descriptor)
        samples.append(monotonicNanoseconds() - start)
    }
    return Percentiles(samples)
}

/// The file system type holding `path` (tmpfs makes fsync free and the figures meaningless).
func fileSystemName(of path: String) -> String {
    let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
    var best = (point: "", type: "unknown")
    for line in mounts.split(separator: "\n") {
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count >= 3, path == fields[1] || path.hasPrefix(fields[1] == "/" ? "/" : fields[1] + "/"),
            fields[1].count >= best.point.count
        else { continue }
        best = (fields[1], fields[2])
    }
    return "\(best.type) (\(best.point))"
}
