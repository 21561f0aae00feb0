import Foundation
import GatewayCore
import GatewayForwarding
import GatewayStore
import Logging
import ServiceLifecycle

/// One run: a fresh simulator process and outbox, the real forwarder in a real `ServiceGroup`, K producers
/// appending N events, a watcher stamping acknowledgements; then a graceful shutdown and cleanup.
struct ForwardingRun {
    let options: BenchmarkOptions
    let number: Int

    func perform() async throws -> RunMeasurements {
        let directory = try Self.makeDirectory(under: options.directory, prefix: "forwarding-bench-run\(number)")
        // Unix socket paths are limited to 108 bytes: keep the sockets in a short directory of their own.
        let socketDirectory = try Self.makeDirectory(under: "/tmp", prefix: "fwb\(number)")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(at: socketDirectory)
        }
        let simulator = try await BackendSimulatorProcess(
            executable: options.simulatorPath, directory: directory, socketDirectory: socketDirectory)
        defer { simulator.stop() }

        // As shipped: WAL, synchronous=FULL, group commit; the default options unless a flag changes one.
        var outboxOptions = OutboxOptions()
        if let frames = options.walCheckpointFrames { outboxOptions.walCheckpointFrames = frames }
        let outbox = try Outbox.open(
            path: directory.appendingPathComponent("outbox.sqlite").path, gatewayID: "bench-gw-\(number)",
            options: outboxOptions)
        do {
            let measurements = try await forward(through: outbox, to: simulator)
            await outbox.close()
            return measurements
        } catch {
            await outbox.close()
            throw error
        }
    }

    private func forward(through outbox: Outbox, to simulator: BackendSimulatorProcess) async throws
        -> RunMeasurements
    {
        var logger = Logger(label: "forwarding-bench")
        logger.logLevel = .warning
        var settings = BackendSettings(endpoint: BackendEndpoint.parse(simulator.address)!)
        if let window = options.window { settings.window = window }
        let forwarder = try Forwarder(
            settings: settings, identity: GatewayIdentity(gatewayID: outbox.gatewayID, site: nil, software: "bench"),
            outbox: outbox, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [forwarder], logger: logger))
        let running = Task { try await group.run() }

        let measurements: RunMeasurements
        do {
            try await waitUntilConnected(forwarder)
            let firstSequence = outbox.statistics().nextSequence
            let sequences = firstSequence...(firstSequence + Int64(options.events) - 1)
            let watcher = AcknowledgementWatcher(
                outbox: outbox, forwarder: forwarder, sequences: sequences,
                pollInterval: .microseconds(options.pollMicroseconds),
                timeout: .seconds(max(60, options.events / 200)))
            let simulatorID = simulator.process.processIdentifier
            let processorAtStart = (ProcessorTime.now(of: getpid()), ProcessorTime.now(of: simulatorID))
            let start = MonotonicClock.nanoseconds()
            let producers: [ProducerTrace]
            do {
                producers = try await ProducerLoad.run(
                    outbox: outbox, events: options.events, producers: options.producers,
                    eventsPerSecond: options.eventsPerSecond)
            } catch {
                watcher.stop()
                throw error
            }
            let acknowledgements = await watcher.trace()
            let processorAtEnd = (ProcessorTime.now(of: getpid()), ProcessorTime.now(of: simulatorID))
            guard acknowledgements.isComplete else {
                throw SimulatorError(
                    message: "not every event was acknowledged in time; outbox \(outbox.statistics()), "
                        + "forwarder \(forwarder.status())")
            }
            var run = RunMeasurements(
                events: options.events, start: start, producers: producers, watcher: acknowledgements,
                firstSequence: firstSequence, backendCounters: (try? simulator.control.counters()) ?? [:])
            run.processorCost = RunProcessorCost(
                benchmark: (processorAtStart.0, processorAtEnd.0), simulator: (processorAtStart.1, processorAtEnd.1),
                events: options.events)
            measurements = run
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
        return measurements
    }

    private func waitUntilConnected(_ forwarder: Forwarder) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while forwarder.status().state != .connected {
            guard ContinuousClock.now < deadline else {
                throw SimulatorError(message: "the forwarder did not connect: \(forwarder.status())")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    static func makeDirectory(under parent: String, prefix: String) throws -> URL {
        let url = URL(fileURLWithPath: parent)
            .appendingPathComponent("\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
