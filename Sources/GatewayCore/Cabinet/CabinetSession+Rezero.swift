/// Hardware re-zero when idle. Software already follows creep below the deadband (the reference moves with it),
/// but the device's own reading keeps drifting away from zero, and after a session it reads minus what was taken.
/// A cabinet left idle for ``CabinetSessionSettings/rezeroIdle`` has such channels zeroed by their device, so the
/// absolute readings stay near zero and within the device's range; counting never depends on them (it compares
/// door-open against door-close readings).
extension CabinetSession {
    /// Zeroable channels whose resting reference is off zero by at least the deadband.
    var channelsToRezero: [Int] {
        settings.channels.indices.filter { index in
            guard index < settings.zeroable.count, settings.zeroable[index],
                  let reference = state.references[index]
            else { return false }
            return abs(reference) >= max(settings.deadbandGrams, 0.001)
        }
    }

    /// Called from ``tick()`` while idle: asks for a zero once the cabinet has rested for `rezeroIdle` since the
    /// session ended (or since the last zero), and only for channels that drifted.
    mutating func rezeroIfDue() -> [CabinetAction] {
        guard let idle = settings.rezeroIdle, state.phase == .idle, state.zeroing == nil,
              elapsed(beyond: idle, since: max(state.phaseSinceNanoseconds, lastZeroNanoseconds))
        else { return [] }
        let channels = channelsToRezero
        guard !channels.isEmpty else { return [] }
        state.zeroing = channels
        lastZeroNanoseconds = now
        isDirty = true
        return [.zero(channels: channels)]
    }

    /// The zero command for `channels` was sent (or failed). On success the old references no longer apply: the
    /// channels start over with a fresh stable reading, so the jump to zero is not a take; on failure the
    /// references stay and the next attempt waits another `rezeroIdle`.
    public mutating func zeroFinished(_ channels: [Int], succeeded: Bool) {
        state.zeroing = nil
        isDirty = true
        guard succeeded else { return }
        forgetReferences(channels)
    }

    /// The channels' readings before now say nothing about the next stable one.
    mutating func forgetReferences(_ channels: [Int]) {
        for index in channels where index < stabilizers.count {
            state.references[index] = nil
            stabilizers[index].reset()
            // A session that began while the zero was under way cannot trust this channel's before-weight.
            if let before = state.session?.before, index < before.count { state.session?.before[index] = nil }
        }
    }

    /// Whether a zero command for `index` is under way (its readings are neither before nor after anything).
    func isZeroing(_ index: Int) -> Bool { state.zeroing?.contains(index) ?? false }
}
