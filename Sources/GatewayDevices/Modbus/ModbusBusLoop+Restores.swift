import GatewayCore

/// A write that puts outputs back: a pulse's end, or an output's safe state. Kept until it is written.
struct PendingRestore: Equatable {
    var due: UInt64
    var unit: Int
    var targets: [ModbusWrite.Target]
    var failures = 0
}

/// One output (a coil or a holding register) of a slave, whatever value is written to it.
private struct Output: Hashable {
    var unit: Int
    var isCoil: Bool
    var address: Int
}

private func outputs(_ unit: Int, _ targets: [ModbusWrite.Target]) -> Set<Output> {
    Set(targets.map { target in
        switch target {
        case .coil(let address, _): Output(unit: unit, isCoil: true, address: address)
        case .register(let address, _): Output(unit: unit, isCoil: false, address: address)
        }
    })
}

// Fail-secure: a lock output must never stay released because a write was lost. A pulse's restore, and the safe
// state of outputs whose write failed, stay queued until a write succeeds; they are retried with the slave backoff,
// at once when the slave answers a poll or the connection comes back, and once more when the bus stops.
extension ModbusBusLoop {
    /// Queues `targets` to be written at `due`, unless the same restore is already queued (then the earlier due wins).
    mutating func queueRestore(unit: Int, _ targets: [ModbusWrite.Target], due: UInt64) {
        guard !targets.isEmpty else { return }
        if let index = restores.firstIndex(where: { $0.unit == unit && $0.targets == targets }) {
            restores[index].due = min(restores[index].due, due)
        } else {
            restores.append(PendingRestore(due: due, unit: unit, targets: targets))
        }
        publishRestoreCount()
    }

    /// Bookkeeping after a service write: its restore, held releases, and the safe state after a failure.
    mutating func wrote(_ write: ModbusWrite, result: Result<Void, ModbusError>) {
        let now = Self.now()
        let touched = outputs(write.unit, write.targets)
        switch result {
        case .success:
            if let pulse = write.pulse {
                // A new pulse of the same outputs supersedes a restore still queued: one restore, at its end.
                restores.removeAll { $0.unit == write.unit && $0.targets == write.restore }
                queueRestore(unit: write.unit, write.restore, due: now + Self.nanoseconds(pulse))
            }
            noteHeld(write)
        case .failure:
            // The first targets may have been written before one failed: put the outputs back.
            if write.pulse != nil {
                queueRestore(unit: write.unit, write.restore, due: now)
            }
            for (index, safe) in bus.safeState.enumerated()
            where !outputs(safe.unit, safe.targets).isDisjoint(with: touched) {
                heldReleases.remove(index)
                queueRestore(unit: safe.unit, safe.targets, due: now)
            }
        }
    }

    /// A write without a pulse to a safe state's outputs either holds them released or puts them back.
    mutating func noteHeld(_ write: ModbusWrite) {
        let touched = outputs(write.unit, write.targets)
        for (index, safe) in bus.safeState.enumerated() where outputs(safe.unit, safe.targets) == touched {
            if write.unit == safe.unit, write.targets == safe.targets {
                heldReleases.remove(index)
            } else if write.pulse == nil {
                heldReleases.insert(index)
            }
        }
    }

    /// Writes the restores that are due, in order; a failed one is tried again after the slave backoff.
    mutating func runDueRestores() {
        var index = 0
        while index < restores.count, context.connected {
            let now = Self.now()
            guard restores[index].due <= now else {
                index += 1
                continue
            }
            let restore = restores[index]
            switch perform(restore.unit, restore.targets) {
            case .success:
                restores.remove(at: index)
                noteHeld(ModbusWrite(unit: restore.unit, targets: restore.targets))
            case .failure:
                restores[index].failures += 1
                restores[index].due = Self.now()
                    + backoff(level: restore.failures, minimum: bus.settings.slaveBackoffMinimum,
                              maximum: bus.settings.slaveBackoffMaximum)
                bus.shared.withLock { $0.statistics.restoreFailures += 1 }
                index += 1
            }
        }
        publishRestoreCount()
    }

    /// After a (re)connect: queued restores are due at once, and every safe state not held released is written,
    /// so outputs left released by a crash, a power cut or a restore lost with the connection are locked again.
    mutating func connected() {
        let now = Self.now()
        for index in restores.indices { restores[index].due = now }
        for (index, safe) in bus.safeState.enumerated() where !heldReleases.contains(index) {
            queueRestore(unit: safe.unit, safe.targets, due: now)
        }
    }

    /// A slave answered a poll: its restores waiting out a backoff after a failure are due now (a pulse still
    /// running keeps its end).
    mutating func slaveAnswered(_ unit: Int) {
        guard restores.contains(where: { $0.unit == unit && $0.failures > 0 }) else { return }
        let now = Self.now()
        for index in restores.indices where restores[index].unit == unit && restores[index].failures > 0 {
            restores[index].due = min(restores[index].due, now)
        }
    }

    /// The bus is stopping: every queued restore and every safe state (held ones too: nobody will lock them after
    /// the gateway has gone), once each, best effort. What cannot be written stays counted in `pendingRestores`.
    mutating func writeRestoresBeforeStopping() {
        for safe in bus.safeState { queueRestore(unit: safe.unit, safe.targets, due: 0) }
        guard !restores.isEmpty else { return }
        if !context.connected { try? context.connect() }
        var failed: [PendingRestore] = []
        for restore in restores {
            guard context.connected, case .success = perform(restore.unit, restore.targets) else {
                failed.append(restore)
                bus.shared.withLock { $0.statistics.restoreFailures += 1 }
                continue
            }
        }
        restores = failed
        publishRestoreCount()
    }

    func publishRestoreCount() {
        bus.shared.withLock { $0.statistics.pendingRestores = restores.count }
    }
}
