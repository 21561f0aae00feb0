import ArgumentParser
import Foundation
import GatewayCore

/// `spd-sim report`: what the simulated backend received, for a person (or `--json` for a test).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a backend reception log (written by `spd-sim backend --record`)."
    )

    @Argument(help: ArgumentHelp("The reception log.", valueName: "path"))
    var path: String

    @Flag(help: "Print the counts as one JSON object.")
    var json = false

    func run() throws {
        let summary = try ReceptionSummary(path: path)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary.counts), as: UTF8.self))
        } else {
            print(summary.text())
        }
    }
}

/// The facts a reception log proves: every event id received, how often, and whether each repeat was flagged.
struct ReceptionSummary {
    struct Counts: Encodable {
        var received = 0
        var unique = 0
        var duplicates = 0
        /// Repeats that arrived without `redelivered: true`: a protocol violation.
        var unflaggedDuplicates = 0
        var hellos = 0
        var invalid = 0
        var byType: [String: Int] = [:]
        /// Per station, whether unique events arrived in increasing sequence order.
        var outOfOrderStations: [String] = []
    }

    var counts = Counts()
    var events: [WireEvent] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var seen = Set<String>()
        var lastSequence: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                continue
            }
            switch record["kind"] as? String {
            case "hello": counts.hellos += 1
            case "invalid": counts.invalid += 1
            case "event":
                guard let message = record["message"],
                    let data = try? JSONSerialization.data(withJSONObject: message),
                    case .success(.event(let event)) = WireCodec.decodeGatewayMessage(Array(data))
                else { continue }
                counts.received += 1
                if seen.insert(event.id).inserted {
                    counts.unique += 1
                    events.append(event)
                    counts.byType[event.draft.type.rawValue, default: 0] += 1
                    let station = event.draft.station ?? "-"
                    if let last = lastSequence[station], event.sequence < last,
                        !counts.outOfOrderStations.contains(station)
                    {
                        counts.outOfOrderStations.append(station)
                    }
                    lastSequence[station] = event.sequence
                } else {
                    counts.duplicates += 1
                    if event.redelivered != true { counts.unflaggedDuplicates += 1 }
                }
            default: continue
            }
        }
    }

    func text() -> String {
        var lines = ["What the backend received:"]
        for event in events {
            let draft = event.draft
            var parts = [Timestamp.iso8601(milliseconds: draft.timeMilliseconds), draft.type.rawValue.padding(8)]
            if let station = draft.station { parts.append("station=\(station)") }
            if let user = draft.user { parts.append("user=\(user.id)") }
            if let patient = draft.patient { parts.append("patient=\(patient.id)") }
            if let surgery = draft.surgery { parts.append("surgery=\(surgery.id)") }
            if let quantity = draft.quantity { parts.append("qty=\(quantity)") }
            if let item = draft.item {
                var description = "item=" + (item.name ?? item.productID ?? "?").debugDescription
                if !item.flags.isEmpty { description += " [" + item.flags.map(\.rawValue).joined(separator: ",") + "]" }
                parts.append(description)
            }
            if let door = draft.door { parts.append("door=\(door.cabinet)/\(door.door) \(door.state)") }
            if let weight = draft.weight {
                let grams = (weight.deltaGrams * 100).rounded() / 100
                var description = "weight=\(weight.cabinet)/\(weight.channel) \(grams)g"
                if let count = weight.count { description += " (\(count) items)" }
                if let anomaly = weight.anomaly { description += " anomaly=\(anomaly)" }
                parts.append(description)
            }
            if draft.item != nil && draft.weight != nil {
                // Counted by weight: the evidence above says it all.
            } else if let code = draft.code {
                var description = code.kind.rawValue
                if let gtin = code.gtin { description += " gtin=\(gtin)" }
                if let lot = code.lot { description += " lot=\(lot)" }
                if let serial = code.serial { description += " serial=\(serial)" }
                if let error = code.error { description += " error=\(error.kind.rawValue)" }
                if code.gtin == nil && code.lot == nil, let raw = draft.raw {
                    description += " raw=\(raw.debugDescription)"
                }
                parts.append(description)
            } else if let raw = draft.raw {
                parts.append("raw=\(raw.debugDescription)")
            }
            if let alarm = draft.alarm { parts.append("alarm=\(alarm.kind) (\(alarm.state)): \(alarm.message)") }
            if let device = draft.device { parts.append("device=\(device.id) \(device.state)") }
            lines.append("  " + parts.joined(separator: "  "))
        }
        lines.append("")
        let redelivered = counts.unflaggedDuplicates == 0 ? "yes" : "NO, \(counts.unflaggedDuplicates) not"
        lines.append(
            "events received: \(counts.received), unique: \(counts.unique), duplicates: \(counts.duplicates) "
                + "(all flagged redelivered: \(redelivered))")
        let byType = counts.byType.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append("by type: " + byType.joined(separator: ", "))
        lines.append("connections (hellos): \(counts.hellos), invalid lines: \(counts.invalid)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
