import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The disk's floor under the outbox: how long one 4 KiB write + fdatasync takes in the outbox's directory
/// (what SQLite does for a WAL commit with synchronous=FULL), and the file system it lands on. Taken on an
/// otherwise idle process: on some VMs a flush completes only on the next timer tick while the vCPU idles, so
/// this can read higher than the same flush under load.
struct DiskSyncProbe {
    var fileSystem: String
    var writeAndSync: Percentiles

    static func measure(in directory: String, rounds: Int = 200) throws -> DiskSyncProbe {
        let path = URL(fileURLWithPath: directory)
            .appendingPathComponent("forwarding-bench-probe-\(getpid())").path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SimulatorError(message: "cannot create \(path): errno \(errno)") }
        defer {
            close(descriptor)
            unlink(path)
        }
        let page = [UInt8](repeating: 0x5A, count: 4096)
        var samples: [UInt64] = []
        for round in 0..<rounds {
            let start = MonotonicClock.nanoseconds()
            let offset = off_t(round % 64) * 4096
            let written = page.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, offset) }
            guard written == page.count, fdatasync(descriptor) == 0 else {
                throw SimulatorError(message: "write/fdatasync on \(path) failed: errno \(errno)")
            }
            samples.append(MonotonicClock.nanoseconds() - start)
        }
        return DiskSyncProbe(fileSystem: fileSystemName(of: directory), writeAndSync: Percentiles(samples))
    }

    /// ext4, xfs, tmpfs, ... from /proc/mounts (the longest mount point that contains `path`): tmpfs makes
    /// fsync free and the figures meaningless for a real gateway.
    static func fileSystemName(of path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        var best: (mountPoint: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1]), type = String(fields[2])
            let contains = mountPoint == "/" || resolved == mountPoint || resolved.hasPrefix(mountPoint + "/")
            if contains && mountPoint.count >= (best?.mountPoint.count ?? 0) { best = (mountPoint, type) }
        }
        guard let best else { return "unknown file system" }
        let warning = best.type == "tmpfs" || best.type == "ramfs" ? " (fsync is free here: not a real disk!)" : ""
        return "\(best.type) (\(best.mountPoint))\(warning)"
    }
}
