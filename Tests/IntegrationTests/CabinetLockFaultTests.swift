import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real daemon and `spd-sim cabinet` (`io-8` lock coils, pulsed 500 ms) when the lock slave misses writes:
/// the locks end up locked (fail-secure), and one transient failure does not brick the cabinet.
@Suite("Cabinet lock faults end to end", .serialized)
struct CabinetLockFaultTests {
    typealias Rig = CabinetIntegrationTests.Rig

    static func locks(_ rig: Rig) -> String? {
        guard let state = try? rig.cabinet.control("state") else { return nil }
        return state.split(separator: " ").first { $0.hasPrefix("locks=") }.map { String($0.dropFirst(6)) }
    }

    static func waitForLocks(_ rig: Rig, _ expected: String, timeout: Duration = .seconds(15)) async -> Bool {
        await poll(timeout: timeout, every: .milliseconds(50)) { locks(rig) == expected ? true : nil } ?? false
    }

    static func alarms(_ events: [[String: Any]], kind: String) -> [String] {
        events.compactMap { $0["alarm"] as? [String: Any] }.filter { $0["kind"] as? String == kind }
            .compactMap { $0["state"] as? String }
    }

    /// The lock slave went silent 150 ms into the 500 ms pulse: the restore failed and used to be dropped, leaving
    /// `locks=11` for good while the backend was told "locked".
    @Test func aPulseEndMissedWhileTheLockSlaveWasSilentIsWrittenWhenItAnswers() async throws {
        let rig = try await CabinetIntegrationTests.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await CabinetIntegrationTests.waitUntilReady(rig.directory), "\(rig.daemon.stderr)")
        try CabinetIntegrationTests.unlock(rig, id: "u-1")
        #expect(await CabinetIntegrationTests.waitForReply(rig, id: "u-1")?["ok"] as? Bool == true)
        try await Task.sleep(for: .milliseconds(150))
        try rig.cabinet.control("mute 1 2s")
        #expect(await Self.waitForLocks(rig, "00"), "\(rig.daemon.stderr)")
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
    }

    /// SIGTERM 150 ms into the pulse used to leave `locks=11`, still after a restart.
    @Test func stoppingTheDaemonMidPulseLeavesTheLocksLocked() async throws {
        let rig = try await CabinetIntegrationTests.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await CabinetIntegrationTests.waitUntilReady(rig.directory), "\(rig.daemon.stderr)")
        try CabinetIntegrationTests.unlock(rig, id: "u-1")
        #expect(await CabinetIntegrationTests.waitForReply(rig, id: "u-1")?["ok"] as? Bool == true)
        // Signalled at once: mid-pulse whenever the machine keeps up with the profile's 500 ms. On a machine busy
        // with the whole suite the pulse can be over by now; the end state must be the same either way.
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
        #expect(Self.locks(rig) == "00", "\(rig.daemon.stderr)")
    }

    /// `mute 1 1s`, unlock -> lock_fault (right); the slave answered again a second later, yet every later unlock,
    /// even after a restart, was refused with lock_fault until a door was forced.
    @Test func oneMissedLockWriteDoesNotRefuseUnlocksOnceTheSlaveAnswersAgain() async throws {
        let rig = try await CabinetIntegrationTests.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await CabinetIntegrationTests.waitUntilReady(rig.directory), "\(rig.daemon.stderr)")
        try rig.cabinet.control("mute 1 1s")
        try CabinetIntegrationTests.unlock(rig, id: "u-1")
        #expect(await CabinetIntegrationTests.waitForReply(rig, id: "u-1")?["error"] as? String == "lock_fault")
        // The slave answers again: a write of the locked state proves the lock works and clears the fault.
        let cleared = await BackendRecord.waitForEvents(rig.backend) { events in
            Self.alarms(events, kind: "lock_fault") == ["raised", "cleared"]
        }
        #expect(Self.alarms(cleared, kind: "lock_fault") == ["raised", "cleared"], "\(rig.daemon.stderr)")
        #expect(await Self.waitForLocks(rig, "00"))
        try CabinetIntegrationTests.unlock(rig, id: "u-2")
        #expect(await CabinetIntegrationTests.waitForReply(rig, id: "u-2")?["ok"] as? Bool == true)
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
    }

    /// The fault is checkpointed; after a restart the unlock is attempted (and succeeds) instead of refused.
    @Test func aLockFaultCheckpointedBeforeARestartDoesNotBrickTheCabinet() async throws {
        let rig = try await CabinetIntegrationTests.start(rtu: false)
        defer { rig.directory.remove() }
        #expect(await CabinetIntegrationTests.waitUntilReady(rig.directory), "\(rig.daemon.stderr)")
        try rig.cabinet.control("mute 1 3s")
        try CabinetIntegrationTests.unlock(rig, id: "u-1")
        #expect(await CabinetIntegrationTests.waitForReply(rig, id: "u-1")?["error"] as? String == "lock_fault")
        rig.daemon.signal(SIGTERM)
        #expect(await rig.daemon.waitForExit() == 0)
        #expect(await Self.waitForLocks(rig, "00"))
        try await Task.sleep(for: .seconds(3))
        let restarted = try ChildProcess(
            "spd-gatewayd", ["--config", rig.directory.file("gateway.toml")], in: rig.directory, label: "daemon-2")
        // Retried while the restarted daemon connects to the backend (a command sent before is not delivered).
        var reply: [String: Any]?
        for attempt in 0..<15 where reply == nil {
            try CabinetIntegrationTests.unlock(rig, id: "u-2-\(attempt)")
            reply = await BackendRecord.waitForReply(rig.backend, id: "u-2-\(attempt)", timeout: .seconds(2))
        }
        #expect(reply?["ok"] as? Bool == true, "\(String(describing: reply)) \(restarted.stderr)")
        restarted.signal(SIGTERM)
        #expect(await restarted.waitForExit() == 0)
    }
}
