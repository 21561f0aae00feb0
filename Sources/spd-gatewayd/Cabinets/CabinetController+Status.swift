import GatewayCore
import GatewayDevices

extension CabinetController {
    /// Posts a slave's state and error count to the device board, and counts the request in the metrics.
    func report(unit: Int, isOnline: Bool, changed: Bool, error: ModbusError?) {
        guard let observability else { return }
        observability.metrics.recordModbus(bus: settings.bus, unit: unit, failed: !isOnline)
        let id = "\(settings.id)/unit-\(unit)"
        let now = clock.wallMilliseconds()
        observability.devices.update(
            id, initial: DeviceStatus(id: id, kind: "modbus", state: "connecting", sinceMilliseconds: now)
        ) { status in
            status.station = settings.id
            status.path = settings.bus
            if changed {
                status.state = isOnline ? "attached" : "fault"
                status.sinceMilliseconds = now
            }
            if !isOnline {
                status.errors += 1
                status.lastError = error.map { "\($0)" }
            }
        }
    }

    /// Posts the open session (or its end) to the session board; patient ids are masked there.
    func reportSession() {
        guard let observability else { return }
        let id = "cabinet:\(settings.id)"
        guard let record = session.state.session else {
            observability.sessions.remove(id)
            return
        }
        var status = SessionStatus(
            id: id, kind: "cabinet", station: settings.id, state: session.state.phase.rawValue,
            sinceMilliseconds: record.startedMilliseconds)
        status.user = record.authorization?.user?.id
        status.patient = record.authorization?.patient.map { SessionStatus.mask($0.id) }
        status.surgery = record.authorization?.surgery?.id
        observability.sessions.publish(status)
    }
}
