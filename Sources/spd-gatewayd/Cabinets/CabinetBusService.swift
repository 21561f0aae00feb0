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
                    var restoreFailures = 0
                    for await cycle in cycles {
                        for controller in controllers { await controller.process(cycle) }
                        let statistics = bus.statistics()
                        if statistics.restoreFailures > restoreFailures {
                            restoreFailures = statistics.restoreFailures
                            logger.warning(
                                "modbus restore write failed; retrying until it succeeds",
                                metadata: ["modbus.restores_pending": "\(statistics.pendingRestores)"])
                        }
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
        // The bus thread writes pending restores and the locked state before it closes the port: wait for it, or
        // the process would exit under it. (stop() again: run() may also end by cancellation, without the handler.)
        bus.stop()
        if !(await bus.waitUntilFinished(timeout: .seconds(3))) {
            logger.error("modbus bus did not stop within 3 s; lock outputs may not have been written locked")
        }
        let statistics = bus.statistics()
        if statistics.pendingRestores > 0 {
            logger.error(
                "lock or zero outputs could not be put back before stopping; check the cabinet",
                metadata: ["modbus.restores_pending": "\(statistics.pendingRestores)"])
        }
        logger.info(
            "modbus bus stopped",
            metadata: ["modbus.cycles": "\(statistics.cycles)", "modbus.connects": "\(statistics.connects)"])
    }
}
