import Foundation

/// Command line of `forwarding-bench`.
struct BenchmarkOptions: Sendable {
    static let usage = """
        usage: forwarding-bench [--events N] [--producers K] [--rate E] [--runs R] [--window W] [--poll-us U]
                                [--wal-checkpoint-frames F] [--simulator PATH] [--directory DIR] [--label NAME]
          --events N       events per run (default 20000)
          --producers K    concurrent producers, each awaiting its append (default 16)
          --rate E         pace submissions at E events/s in total (default: none, closed loop)
          --runs R         runs, each with a fresh outbox and simulator; best and median are printed (default 3)
          --window W       forwarder in-flight window (default: BackendSettings' default, as shipped)
          --wal-checkpoint-frames F  the outbox's WAL checkpoint threshold (default: OutboxOptions', as shipped);
                           a large value keeps checkpoints out of a run, to see what they cost
          --poll-us U      how often the watcher polls the outbox statistics for "deleted", microseconds (default 1000;
                           "ack in" is stamped by the forwarder, not polled)
          --simulator PATH the spd-sim executable (default $SPD_SIM, else ../.build-release/release/spd-sim)
          --directory DIR  where the outbox files go (default $TMPDIR or /tmp); must be a real disk, not tmpfs
          --label NAME     scenario name for the summary line (default "producers=K")
        """

    var events = 20_000
    var producers = 16
    var runs = 3
    var eventsPerSecond: Int?
    var window: Int?
    var walCheckpointFrames: Int?
    var pollMicroseconds = 1000
    var simulatorPath = ProcessInfo.processInfo.environment["SPD_SIM"] ?? Self.defaultSimulatorPath
    var directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var label: String?

    var scenarioName: String {
        label ?? "producers=\(producers)" + (eventsPerSecond.map { " rate=\($0)/s" } ?? "")
    }

    /// `Benchmarks/../.build-release/release/spd-sim`: where run-forwarding-bench.sh builds it.
    static var defaultSimulatorPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../.build-release/release/spd-sim").standardizedFileURL.path
    }

    static func parse(_ arguments: [String]) throws -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--help" || flag == "-h" { throw UsageError(message: usage) }
            guard let value = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--events": options.events = try positive(value, flag)
            case "--producers": options.producers = try positive(value, flag)
            case "--runs": options.runs = try positive(value, flag)
            case "--rate": options.eventsPerSecond = try positive(value, flag)
            case "--window": options.window = try positive(value, flag)
            case "--wal-checkpoint-frames": options.walCheckpointFrames = try positive(value, flag)
            case "--poll-us": options.pollMicroseconds = try positive(value, flag)
            case "--simulator": options.simulatorPath = value
            case "--directory": options.directory = value
            case "--label": options.label = value
            default: throw UsageError(message: "unknown option \(flag)\n\(usage)")
            }
        }
        guard FileManager.default.isExecutableFile(atPath: options.simulatorPath) else {
            throw UsageError(message: "no spd-sim at \(options.simulatorPath); build the root package in release "
                + "(Benchmarks/run-forwarding-bench.sh does) or pass --simulator")
        }
        return options
    }

    private static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
            throw UsageError(message: "\(flag) needs a positive integer, got '\(text)'")
        }
        return value
    }
}

struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
