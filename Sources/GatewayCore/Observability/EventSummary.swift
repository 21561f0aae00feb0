/// One readable line per event, for `spd-gateway watch` and the demo's report.
public enum EventSummary {
    /// e.g. `08:00:00.000 #1046 consume cathlab-2 user N0042 patient ***812 gtin 09506000134352 lot 24A001 x1`.
    public static func line(for event: WireEvent) -> String {
        let draft = event.draft
        let time = Timestamp.iso8601(milliseconds: draft.timeMilliseconds)
        var parts = [String(time.dropFirst(11).prefix(12)), "#\(event.sequence)", draft.type.rawValue]
        if let station = draft.station { parts.append(station) }
        if let user = draft.user { parts.append("user \(user.id)") }
        if let patient = draft.patient { parts.append("patient \(SessionStatus.mask(patient.id))") }
        if let surgery = draft.surgery { parts.append("surgery \(surgery.id)") }
        if let item = draft.item {
            parts.append(item.name ?? item.productID ?? "unknown item")
            if !item.flags.isEmpty { parts.append("[" + item.flags.map(\.rawValue).joined(separator: ",") + "]") }
        } else if let code = draft.code {
            if let error = code.error {
                parts.append("invalid \(code.kind.rawValue): \(error.message)")
            } else {
                parts.append(code.kind.rawValue)
                if let key = code.fields.gtin ?? code.fields.di { parts.append(key) }
                if let lot = code.fields.lot { parts.append("lot \(lot)") }
                if let serial = code.fields.serial { parts.append("serial \(serial)") }
            }
        }
        if let quantity = draft.quantity { parts.append("x\(quantity)") }
        if let door = draft.door { parts.append("\(door.cabinet)/\(door.door) \(door.state)") }
        if let weight = draft.weight {
            parts.append("\(weight.cabinet)/\(weight.channel) \(weight.deltaGrams)g")
            if let count = weight.count { parts.append("= \(count) items") }
            if let anomaly = weight.anomaly { parts.append("(\(anomaly))") }
        }
        if let alarm = draft.alarm {
            parts.append("\(alarm.severity.rawValue) \(alarm.kind) \(alarm.state): \(alarm.message)")
        }
        if let device = draft.device { parts.append("\(device.id) [\(device.kind)] \(device.state)") }
        if event.redelivered == true { parts.append("(redelivered)") }
        return parts.joined(separator: " ")
    }
}
