import Foundation

/// A cabinet's committed session state, as the daemon checkpoints it in the outbox (table `checkpoints`), read
/// with the `sqlite3` CLI so the test links no SQLite of its own.
enum CabinetCheckpoint {
    /// The state's JSON object, or nil before the first checkpoint.
    static func read(_ directory: TemporaryDirectory, cabinet: String = "cab-1") -> [String: Any]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "sqlite3", "-cmd", ".timeout 2000", directory.file("state/outbox.sqlite"),
            "SELECT CAST(value AS TEXT) FROM checkpoints WHERE key = 'cabinet/\(cabinet)'",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// The per-channel reference weights, once every one of them is known.
    static func references(_ directory: TemporaryDirectory, cabinet: String = "cab-1") -> [Double]? {
        guard let values = read(directory, cabinet: cabinet)?["references"] as? [Any] else { return nil }
        let numbers = values.compactMap { ($0 as? NSNumber)?.doubleValue }
        return numbers.count == values.count ? numbers : nil
    }
}
