extension GatewayStatusReport {
    /// The report for a person at a terminal: one section per concern, problems first in each line.
    public func renderText(nowMilliseconds: Int64) -> String {
        var lines: [String] = []
        let site = gateway.site.map { " (\($0))" } ?? ""
        let uptime = Self.age(seconds: Double(gateway.uptimeSeconds))
        lines.append("gateway   \(gateway.id)\(site), version \(gateway.version), pid \(gateway.pid), up \(uptime)")
        var backendLine = "backend   \(backend.state)"
        if let endpoint = backend.endpoint { backendLine += " \(endpoint)" }
        if let since = backend.sinceMilliseconds {
            backendLine += " for \(Self.age(milliseconds: nowMilliseconds - since))"
        }
        backendLine += "; sent \(backend.eventsSent), acked \(backend.eventsAcknowledged), "
            + "connection failures \(backend.disconnects)"
        if let error = backend.lastError, backend.state != "connected" { backendLine += "; last error: \(error)" }
        lines.append(backendLine)
        var outboxLine = "outbox    \(outbox.depth) unacked"
        if let age = outbox.oldestUnackedAgeSeconds { outboxLine += ", oldest \(Self.age(seconds: age))" }
        outboxLine += ", next seq \(outbox.nextSequence), rejected \(outbox.rejected)"
        if outbox.overHighWater { outboxLine += "  ALARM: above high-water mark \(outbox.highWaterMark)" }
        lines.append(outboxLine)
        if let cache {
            let version = cache.version.map(String.init) ?? "none"
            let products = cache.products.map { ", \($0) products" } ?? ""
            lines.append("cache     version \(version)\(products)")
        }
        lines.append("devices   \(devices.isEmpty ? "none configured" : "")")
        for device in devices {
            var line = "  \(device.id) [\(device.kind)] \(device.state)"
            if let station = device.station { line += " station \(station)" }
            if let path = device.path { line += " \(path)" }
            line += ", errors \(device.errors)"
            if let error = device.lastError { line += " (last: \(error))" }
            if let counters = device.counters, !counters.isEmpty {
                line += "; " + counters.keys.sorted().map { "\($0): \(counters[$0]!)" }.joined(separator: ", ")
            }
            lines.append(line)
        }
        lines.append("sessions  \(sessions.isEmpty ? "none open" : "")")
        for session in sessions {
            var line = "  \(session.id) [\(session.kind)] \(session.station) \(session.state)"
            if let user = session.user { line += " user \(user)" }
            if let patient = session.patient { line += " patient \(patient)" }
            if let surgery = session.surgery { line += " surgery \(surgery)" }
            line += " for \(Self.age(milliseconds: nowMilliseconds - session.sinceMilliseconds))"
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func age(milliseconds: Int64) -> String { age(seconds: Double(max(0, milliseconds)) / 1000) }

    static func age(seconds: Double) -> String {
        switch seconds {
        case ..<1: return "\(Int((seconds * 1000).rounded()))ms"
        case ..<120: return "\(Int(seconds))s"
        case ..<7200: return "\(Int(seconds / 60))m"
        default: return "\(Int(seconds / 3600))h\(Int(seconds.truncatingRemainder(dividingBy: 3600) / 60))m"
        }
    }
}
