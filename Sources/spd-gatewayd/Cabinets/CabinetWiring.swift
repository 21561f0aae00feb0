import GatewayCore
import GatewayDevices
import GatewayForwarding
import Logging
import ServiceLifecycle

/// Builds the cabinet side of the daemon from the configuration: one bus (thread) per `[[modbus_bus]]` that has
/// cabinets, one controller per `[[cabinet]]`, and the `unlock` command handler.
struct CabinetWiring {
    var services: [any Service] = []
    var commandHandlers: [String: any BackendCommandHandler] = [:]
    /// Cabinets by id, for scanners whose station is a cabinet (badge, wristband and item scans at the cabinet).
    var controllers: [String: CabinetController] = [:]

    init(
        config: GatewayConfig, stateDirectory: String, sink: any EventSink, checkpoints: any CheckpointStore,
        catalogue: (any CabinetSlotSource)?,
        observability: Observability?, clock: any GatewayClock
    ) throws {
        guard !config.cabinets.isEmpty else { return }
        let layout = CatalogCabinetLayout(
            configured: StaticCabinetLayout(
                bins: Dictionary(uniqueKeysWithValues: config.cabinets.map { ($0.id, $0.bins) })),
            catalogue: catalogue)
        // One port (and thread) per lock-board serial line, shared by the cabinets on it.
        var ports: [String: LockBoardPort] = [:]
        for busSettings in config.modbusBuses {
            let cabinets = config.cabinets.filter { $0.bus == busSettings.id }
            guard !cabinets.isEmpty else { continue }
            // Door modules are read first and handed over before the weighing modules are read.
            let slaves = cabinets.flatMap(\.devices).map { device in
                ModbusSlave(
                    unit: device.unit, plan: device.profile.readPlan,
                    deliversEarly: device.profile.doors != nil && device.profile.weight == nil)
            }
            // Only the newest cycles matter if the cabinets fall behind: doors and weights are states, not deltas.
            let (cycles, continuation) = AsyncStream.makeStream(
                of: ModbusCycle.self, bufferingPolicy: .bufferingNewest(4))
            // Lock outputs are written locked at every connect and when the bus stops (fail-secure).
            let lockedStates = cabinets.flatMap(\.devices).compactMap { device in
                device.profile.locks.map { ModbusCabinetLock.lockedState(unit: device.unit, locks: $0) }
            }
            let bus = try ModbusBus(settings: busSettings, slaves: slaves, safeState: lockedStates) {
                continuation.yield($0)
            }
            var busControllers: [CabinetController] = []
            for cabinet in cabinets {
                var logger = Logger(label: "spd.cabinet")
                logger[metadataKey: "cabinet.id"] = "\(cabinet.id)"
                var locks: [any CabinetLock] = cabinet.devices.compactMap { device in
                    device.profile.locks.map { ModbusCabinetLock(bus: bus, unit: device.unit, locks: $0) }
                }
                for board in cabinet.lockBoards {
                    let port = try ports[board.port] ?? LockBoardPort(path: board.port, baud: board.baud)
                    ports[board.port] = port
                    locks.append(LockBoardCabinetLock(port: port, board: board.board, locks: board.locks))
                }
                let controller = CabinetController(
                    settings: cabinet, locks: locks,
                    scales: cabinet.session.zeroable.contains(true) ? CabinetScales(bus: bus, settings: cabinet) : nil,
                    sink: sink, checkpoints: checkpoints, layout: layout, clock: clock,
                    legacyStateFile: "\(stateDirectory)/cabinet-\(cabinet.id).state.json", logger: logger,
                    observability: observability)
                controllers[cabinet.id] = controller
                busControllers.append(controller)
            }
            var logger = Logger(label: "spd.modbus")
            logger[metadataKey: "modbus.bus_id"] = "\(busSettings.id)"
            services.append(CabinetBusService(bus: bus, cycles: cycles, cyclesContinuation: continuation,
                                              controllers: busControllers, logger: logger))
        }
        commandHandlers["unlock"] = UnlockCommandHandler(controllers: controllers)
    }
}
