import Foundation

/// The books of a fault-injection run: what was sent, what the daemon accepted (`OK <id>`), and what the backend
/// received. Printed in one comparable line per fault; `lost` and `duplicatedAfterDedup` must be 0.
struct FaultTally {
    let fault: String
    let injected: String
    var sent = 0
    var accepted: [String] = []

    /// Accepted events that never reached the backend.
    func lost(given received: [(id: String, sequence: Int64, station: String?, redelivered: Bool)]) -> Set<String> {
        Set(accepted).subtracting(received.map(\.id))
    }

    /// Copies of one event that the backend could not tell were copies: received again without `redelivered`.
    /// (A flagged redelivery of the same id is the protocol working; deduplication by id removes it.)
    static func unflaggedDuplicates(
        _ received: [(id: String, sequence: Int64, station: String?, redelivered: Bool)]
    ) -> Int {
        var seen = Set<String>()
        var count = 0
        for event in received where !seen.insert(event.id).inserted && !event.redelivered { count += 1 }
        return count
    }

    /// Prints the standard line and returns (lost, duplicated after dedup).
    @discardableResult
    func report(
        received: [(id: String, sequence: Int64, station: String?, redelivered: Bool)]
    ) -> (lost: Int, duplicated: Int) {
        let lost = lost(given: received).count
        let unique = Set(received.map(\.id)).count
        let duplicated = Self.unflaggedDuplicates(received)
        print(
            "fault \(fault): injected \(injected); sent \(sent), accepted \(accepted.count), received \(unique) unique "
                + "(\(received.count - unique) flagged redeliveries), lost \(lost), "
                + "duplicated after dedup \(duplicated)")
        return (lost, duplicated)
    }
}
