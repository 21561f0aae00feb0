import GatewayCore

extension ModbusBusLoop {
    /// Restores that are due, writes queued by the service, then restores again (a pulse may have ended meanwhile).
    /// Nothing while disconnected: queued writes wait for the reconnect (or fail if it does not come), and a
    /// restore written to a closed context would only be lost.
    mutating func runWrites() {
        guard context.connected else { return }
        runDueRestores()
        let writes = bus.shared.withLock { shared in
            defer { shared.writes.removeAll() }
            return shared.writes
        }
        for (write, done) in writes {
            guard context.connected else {
                done(.failure(ModbusError(code: .connectionLost, call: "write", subject: bus.settings.id, errno: 0,
                                          message: "connection lost before the write")))
                continue
            }
            let result = perform(write.unit, write.targets)
            wrote(write, result: result)
            done(result)
        }
        runDueRestores()
    }

    mutating func perform(_ unit: Int, _ targets: [ModbusWrite.Target]) -> Result<Void, ModbusError> {
        for target in targets {
            do throws(ModbusError) {
                switch target {
                case .coil(let address, let value): try context.writeCoil(unit: unit, address: address, value)
                case .register(let address, let value): try context.writeRegister(unit: unit, address: address, value)
                }
                record(unit, error: nil)
            } catch {
                record(unit, error: error)
                if error.code == .connectionLost { dropConnection() }
                return .failure(error)
            }
            gap()
        }
        return .success(())
    }

    /// One poll of every slave not backed off.
    mutating func pollOnce() -> [Int: Result<RegisterImage, ModbusError>] {
        var results: [Int: Result<RegisterImage, ModbusError>] = [:]
        var answered = 0, polled = 0, timedOut = 0
        let early = bus.slaves.filter(\.deliversEarly)
        for (index, slave) in (early + bus.slaves.filter { !$0.deliversEarly }).enumerated() {
            if index == early.count, index > 0 {
                let now = Self.now()
                bus.onCycle(
                    ModbusCycle(results: results, endedNanoseconds: now, durationNanoseconds: 0, isComplete: false))
            }
            let now = Self.now()
            if let until = backoffUntil[slave.unit], now < until {
                results[slave.unit] = .failure(
                    ModbusError(code: .timeout, call: "poll", subject: "\(bus.settings.endpoint) unit \(slave.unit)",
                                errno: 0, message: "backed off after repeated failures"))
                continue
            }
            guard context.connected else {
                results[slave.unit] = .failure(
                    ModbusError(code: .connectionLost, call: "poll", subject: bus.settings.id, errno: 0,
                                message: "not connected"))
                continue
            }
            let result = poll(slave)
            results[slave.unit] = result
            polled += 1
            switch result {
            case .success: answered += 1
            case .failure(let error) where error.code == .timeout: timedOut += 1
            case .failure: break
            }
            runWrites()  // an unlock waits for at most one slave's reads, not a whole cycle
        }
        // Every slave polled on a TCP connection timed out: the connection is probably half-open (a gateway or
        // server that died without a reset); start afresh rather than wait for each slave's backoff.
        if case .tcp = bus.settings.endpoint, context.connected, polled > 0, answered == 0, timedOut == polled {
            dropConnection()
        }
        return results
    }

    mutating func poll(_ slave: ModbusSlave) -> Result<RegisterImage, ModbusError> {
        var image = RegisterImage()
        for (index, request) in slave.plan.enumerated() {
            if index > 0 { gap() }
            do throws(ModbusError) {
                try context.read(unit: slave.unit, request, into: &image)
            } catch {
                record(slave.unit, error: error)
                slaveFailed(slave.unit)
                switch error.code {
                case .connectionLost: dropConnection()
                case .timeout, .badResponse: context.flush()  // a late or torn answer must not meet the next request
                default: break
                }
                return .failure(error)
            }
        }
        record(slave.unit, error: nil)
        slaveAnswered(slave.unit)
        backoffLevel[slave.unit] = 0
        backoffUntil[slave.unit] = nil
        bus.shared.withLock { $0.statistics.slaves[slave.unit]?.backedOff = false }
        gap()
        return .success(image)
    }

    mutating func slaveFailed(_ unit: Int) {
        let failures = bus.shared.withLock { $0.statistics.slaves[unit]?.consecutiveFailures ?? 0 }
        guard failures >= bus.settings.failuresBeforeBackoff else { return }
        let level = backoffLevel[unit, default: 0]
        backoffLevel[unit] = level + 1
        backoffUntil[unit] = Self.now()
            + backoff(level: level, minimum: bus.settings.slaveBackoffMinimum,
                      maximum: bus.settings.slaveBackoffMaximum)
        bus.shared.withLock { $0.statistics.slaves[unit]?.backedOff = true }
    }

    func record(_ unit: Int, error: ModbusError?) {
        bus.shared.withLock { shared in
            var slave = shared.statistics.slaves[unit] ?? ModbusSlaveStatistics()
            slave.requests += 1
            if let error {
                slave.failures += 1
                slave.consecutiveFailures += 1
                slave.lastError = error.description
                switch error.code {
                case .timeout: slave.timeouts += 1
                case .badResponse: slave.badResponses += 1
                case .exception: slave.exceptions += 1
                default: break
                }
            } else {
                slave.consecutiveFailures = 0
            }
            shared.statistics.slaves[unit] = slave
        }
    }

    mutating func dropConnection() {
        // Slaves keep their backoff: a single silent slave on TCP must not turn into a reconnect every cycle.
        context.close()
        bus.shared.withLock {
            $0.statistics.connectionLosses += 1
            $0.statistics.connected = false
        }
    }
}
