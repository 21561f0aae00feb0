import GatewayCore
import GatewayDevices
import Logging
import ServiceLifecycle

/// One Modbus bus and the cabinets on it, as a `Service`: the bus thread polls, this service hands each cycle to
/// the cabinets and ticks their timers; on graceful shutdown the bus thread is stopped.
struct CabinetBusService: Service {
    let bus: ModbusBus
    let cycles: AsyncStream<ModbusCycle>
    let cyclesContinuation: AsyncStream<ModbusCycle>.Continuation
    let controllers: [CabinetController]
    let logger: Logger

    func run() async throws {
        logger.info("modbus bus polling", metadata: ["modbus.bus": "\(bus.settings.endpoint)"])
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await cycle in cycles {
                        for controller in controllers { await controller.process(cycle) }
                    }
                }
                // Timers (unlock window, door left open) run even when the bus is down and no cycle arrives.
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(250))
                        for controller in controllers { await controller.tick() }
                    }
                }
                _ = await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            bus.stop()
            cyclesContinuation.finish()
        }
        let statistics = bus.statistics()
        logger.info(
            "modbus bus stopped",
            metadata: ["modbus.cycles": "\(statistics.cycles)", "modbus.connects": "\(statistics.connects)"])
    }
}
