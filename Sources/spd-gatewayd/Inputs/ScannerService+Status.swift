import GatewayCodes
import GatewayCore

extension ScannerService {
    /// Posts a scanner's state to the device board; errors count detaches and faults.
    func post(_ settings: ScannerSettings, state: String, path: String?, error: String?) {
        guard let observability else { return }
        let now = clock.wallMilliseconds()
        if error != nil { observability.metrics.recordDeviceError(device: settings.id) }
        observability.devices.update(
            settings.id,
            initial: DeviceStatus(id: settings.id, kind: settings.kind.rawValue, state: state, sinceMilliseconds: now)
        ) { status in
            status.station = settings.station
            if let path { status.path = path }
            if status.state != state {
                status.state = state
                status.sinceMilliseconds = now
            }
            if let error {
                status.errors += 1
                status.lastError = error
            }
        }
    }

    /// Posts a dock station's binding (patient, surgery, return mode), or removes it when nothing is bound.
    func post(dock session: DockSession, station: String) {
        guard let observability else { return }
        let id = "dock:\(station)"
        let binding = session.binding
        guard binding.patient != nil || binding.surgery != nil || binding.user != nil || binding.returnMode else {
            observability.sessions.remove(id)
            return
        }
        var status = SessionStatus(
            id: id, kind: "dock", station: station, state: binding.returnMode ? "return_mode" : "bound",
            sinceMilliseconds: clock.wallMilliseconds())
        status.user = binding.user?.id
        status.patient = binding.patient.map { SessionStatus.mask($0.id) }
        status.surgery = binding.surgery?.id
        observability.sessions.publish(status)
    }

    /// What a scan means for a cabinet: the catalogue's resolution, or without a catalogue the in-hospital rule's
    /// meaning (badge, wristband, surgery), else an unknown item.
    func resolution(of draft: EventDraft) -> CodeResolution {
        guard let code = draft.code else { return .invalid(reason: "no decode") }
        if let resolver { return resolver.resolve(code, atMilliseconds: draft.timeMilliseconds) }
        if let error = code.error { return .invalid(reason: error.message) }
        let id = code.fields.id ?? draft.raw ?? ""
        switch code.fields.meaning {
        case .badge?: return .user(Party(id: id))
        case .wristband?: return .patient(Party(id: id))
        case .surgery?: return .surgery(Party(id: id))
        default: return .item(.unknown(productID: code.fields.gtin ?? code.fields.di, reason: "no catalogue"))
        }
    }
}
