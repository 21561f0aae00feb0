import Foundation
import GatewayCore
@testable import GatewayStore

/// A fresh directory under the system temp dir, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gateway-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A consume draft whose fields vary with `index`.
func makeDraft(_ index: Int, station: String? = "dock-1") -> EventDraft {
    var draft = EventDraft(type: .consume, timeMilliseconds: 1_763_000_000_000 + Int64(index),
                           monotonicNanoseconds: UInt64(index) * 1_000, station: station,
                           source: EventSource(kind: "scanner", id: "dock-1"))
    draft.raw = "0104012345678901" + String(index)
    draft.quantity = 1
    draft.user = Party(id: "nurse-\(index % 7)", role: "nurse")
    return draft
}

/// Opens an outbox for gateway `gw-test` in `directory`.
func openOutbox(_ directory: TemporaryDirectory, gateway: String = "gw-test", highWaterMark: Int = 100_000) throws
    -> Outbox
{
    try Outbox.open(path: directory.file("outbox.sqlite"), gatewayID: gateway,
                    options: OutboxOptions(highWaterMark: highWaterMark, wallClockMilliseconds: { 1_763_999_000_000 }))
}

/// Waits (polling, with a deadline) until `condition` holds: readiness, not a fixed sleep.
func waitUntil(_ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(1))
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}
