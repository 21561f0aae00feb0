import Foundation
import GatewayTesting
import Testing

@testable import GatewayCore

/// A cabinet with two doors and three channels (stents 12.5 g, balloons 40 g, an unassigned bin), driven by a
/// manual clock.
struct CabinetRig {
    let clock = ManualClock()
    var session: CabinetSession
    var weights: [Double] = [250, 400, 100]
    static let layout = StaticCabinetLayout(bins: [
        "cab-1": [
            BinLayout(channel: "1", productID: "06901234567892", name: "Stent", unitGrams: 12.5),
            BinLayout(channel: "2", productID: "06901234560008", name: "Balloon", unitGrams: 40),
        ]
    ])
    static let settings = CabinetSessionSettings(
        cabinet: "cab-1", doors: ["A", "B"], channels: ["1", "2", "3"],
        stabilizer: .init(window: .milliseconds(300), bandGrams: 0.5, minimumSamples: 3))

    init(restoring: CabinetState? = nil, settings: CabinetSessionSettings = Self.settings) {
        session = CabinetSession(settings: settings, layout: Self.layout, clock: clock, restoring: restoring)
    }

    /// Polls the current weights until every channel has been stable for the window.
    @discardableResult
    mutating func settle(cycles: Int = 4) -> [CabinetAction] {
        var actions: [CabinetAction] = []
        for _ in 0..<cycles {
            actions += session.weights(weights.map { ChannelReading(grams: $0) })
            clock.advance(by: .milliseconds(100))
        }
        return actions
    }

    mutating func doors(_ a: Bool, _ b: Bool = false) -> [CabinetAction] { session.doors([a, b]) }

    /// Takes the drafts produced so far, as the service does after committing them.
    mutating func drain() -> [EventDraft] {
        let drafts = session.state.outgoing
        session.markCommitted(drafts.count)
        return drafts
    }
}

@Suite("Cabinet session")
struct CabinetSessionTests {
    let nurse = CabinetAuthorization(user: Party(id: "N1001", role: "nurse"), patient: Party(id: "P77"), via: "backend")

    @Test func takeTwoStentsIsOneConsumeOfTwoBoundToUserPatientAndSession() throws {
        var rig = CabinetRig()
        rig.settle()
        #expect(try rig.session.authorize(nurse).get() == [.unlock])
        #expect(rig.doors(true).isEmpty)
        rig.weights[0] -= 25.1
        rig.settle()
        #expect(rig.doors(false).isEmpty)
        #expect(rig.settle() == [.lock])
        let drafts = rig.drain()
        #expect(drafts.map(\.type) == [.door, .door, .door, .weight, .consume, .door])
        #expect(drafts.map { $0.door?.state } == ["unlocked", "open", "closed", nil, nil, "locked"])
        let consume = try #require(drafts.first { $0.type == .consume })
        #expect(consume.quantity == 2)
        #expect(consume.item?.productID == "06901234567892")
        #expect(consume.user == Party(id: "N1001", role: "nurse"))
        #expect(consume.patient == Party(id: "P77"))
        #expect(consume.station == "cab-1")
        #expect(consume.session != nil && consume.session == drafts[0].session)
        #expect(consume.weight?.count == 2)
        #expect(consume.weight?.beforeGrams == 250)
        #expect(rig.session.state.phase == .idle)
    }

    /// Regression: a weighing slave that missed polls as the door closed made the summary count its channels as
    /// `not_stable` at once, so a countable take became an anomaly (found by the Modbus fault-injection test).
    @Test func aSlaveSilentAsTheDoorClosesIsWaitedForNotCountedAsUnstable() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        rig.weights[0] -= 12.5
        rig.settle()
        _ = rig.doors(false)
        // Three cycles with the whole scale module silent: the session keeps waiting.
        for _ in 0..<3 {
            #expect(rig.session.weights([nil, nil, nil], unreachable: [0, 1, 2]).isEmpty)
            rig.clock.advance(by: .milliseconds(100))
        }
        #expect(rig.session.state.phase == .settling)
        #expect(rig.settle() == [.lock])
        let consume = try #require(rig.drain().first { $0.type == .consume })
        #expect(consume.quantity == 1)
        #expect(consume.weight?.anomaly == nil)
    }

    @Test func returnAndTakeInOneSessionAreAReturnAndAConsume() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(false, true)
        rig.weights[0] += 12.6
        rig.weights[1] -= 80.3
        rig.settle()
        _ = rig.doors(false, false)
        rig.settle()
        let drafts = rig.drain().filter { $0.type == .consume || $0.type == .return }
        #expect(drafts.map(\.type) == [.return, .consume])
        #expect(drafts.map(\.quantity) == [1, 2])
        #expect(drafts.map { $0.item?.name } == ["Stent", "Balloon"])
    }

    @Test func wrongBinChangeIsAWeightAnomalyAskingForAScan() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        rig.weights[1] += 12.5  // a stent put back on the balloon scale
        rig.weights[2] -= 30  // the unassigned bin changed
        rig.settle()
        _ = rig.doors(false)
        rig.settle()
        let weights = rig.drain().filter { $0.type == .weight }
        #expect(weights.map { $0.weight?.anomaly } == ["not_integer_multiple", "no_unit_weight"])
        #expect(weights.allSatisfy { $0.user?.id == "N1001" })
    }

    @Test func scannedItemsAreConsumedOnceEvenWhenTheScaleSawThem() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        var stent = ResolvedItem(status: .known, productID: "06901234567892", name: "Stent")
        stent.flags = [.expired]
        _ = rig.session.scan(raw: "0106901234567892", resolution: .item(stent))
        _ = rig.session.scan(raw: "SURG-9", resolution: .surgery(Party(id: "S-9")))
        rig.weights[0] -= 25
        rig.settle()
        _ = rig.doors(false)
        rig.settle()
        let drafts = rig.drain()
        let consumes = drafts.filter { $0.type == .consume }
        #expect(consumes.map(\.quantity) == [1, 1])
        #expect(consumes[0].raw == "0106901234567892")
        #expect(consumes[1].raw == nil && consumes[1].weight?.count == 2)
        #expect(consumes.allSatisfy { $0.surgery?.id == "S-9" })
        #expect(drafts.contains { $0.alarm?.kind == "expired_item_taken" && $0.alarm?.severity == .critical })
    }

    @Test func unauthorisedOpenRaisesAnAlarmAndStillCountsWhatWasTaken() {
        var rig = CabinetRig()
        rig.settle()
        _ = rig.doors(true)
        rig.weights[1] -= 40
        rig.settle()
        _ = rig.doors(false)
        #expect(rig.settle() == [.lock])
        let drafts = rig.drain()
        #expect(drafts.first { $0.type == .alarm }?.alarm?.kind == "door_opened_without_authorisation")
        let consume = drafts.first { $0.type == .consume }
        #expect(consume?.quantity == 1 && consume?.user == nil)
    }

    @Test func unlockWithoutOpeningRelocksAfterTheWindow() throws {
        var rig = CabinetRig()
        _ = try rig.session.authorize(nurse).get()
        #expect(rig.session.authorize(nurse) == .failure(.busy))
        rig.clock.advance(by: .seconds(29))
        #expect(rig.session.tick().isEmpty)
        rig.clock.advance(by: .seconds(1))
        #expect(rig.session.tick() == [.lock])
        #expect(rig.drain().map { $0.door?.state } == ["unlocked", "locked"])
    }

    @Test func doorOpenTooLongIsRaisedOnceAndClearedOnClose() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        rig.clock.advance(by: .seconds(121))
        _ = rig.session.tick()
        _ = rig.session.tick()
        _ = rig.doors(false)
        let alarms = rig.drain().compactMap(\.alarm)
        #expect(alarms.map(\.kind) == ["door_open_too_long", "door_open_too_long"])
        #expect(alarms.map(\.state) == ["raised", "cleared"])
    }

    @Test func creepWhileLockedIsAbsorbedButARealChangeIsAnAlarm() {
        var rig = CabinetRig()
        rig.settle()
        for _ in 0..<10 {
            rig.weights[0] += 0.3  // 3 g of creep in small steps: never a change
            rig.settle()
        }
        #expect(rig.drain().isEmpty)
        #expect(rig.session.state.references[0].map { abs($0 - 253) < 0.01 } == true)
        rig.weights[1] -= 40
        rig.settle()
        let drafts = rig.drain()
        #expect(drafts.map(\.type) == [.weight, .alarm])
        #expect(drafts[1].alarm?.kind == "weight_change_while_locked")
        #expect(drafts[0].weight?.deltaGrams == -40)
    }

    @Test func scaleFaultIsRaisedOnceAndTheChannelIsReportedAsNotStable() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        _ = rig.doors(false)
        for _ in 0..<4 {
            _ = rig.session.weights([ChannelReading(grams: 250), nil, ChannelReading(grams: 100)])
            rig.clock.advance(by: .milliseconds(100))
        }
        let drafts = rig.drain()
        #expect(drafts.compactMap(\.alarm).map(\.kind) == ["scale_fault"])
        #expect(drafts.first { $0.type == .weight }?.weight?.anomaly == "not_stable")
        #expect(rig.session.state.phase == .idle)
    }

    @Test func lockFaultStandsUntilAWriteSucceedsButDoesNotRefuseTheNextUnlock() throws {
        var rig = CabinetRig()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.session.lockFailed("timeout")
        #expect(rig.session.state.phase == .idle)
        // The next unlock is attempted (only a write can tell whether the lock works again)...
        rig.clock.advance(by: .seconds(6))
        #expect((try? rig.session.authorize(nurse).get()) == [.unlock])
        // ...and fails again: one alarm, not two, and the cabinet is idle again.
        _ = rig.session.lockFailed("timeout")
        #expect(rig.session.state.phase == .idle)
        #expect(rig.session.state.raisedAlarms.contains(CabinetAlarm.lockFault))
        // The slave answers again: the next attempt's write succeeds and clears the fault.
        rig.clock.advance(by: .seconds(30))
        #expect((try? rig.session.authorize(nurse).get()) == [.unlock])
        rig.session.lockRecovered()
        #expect(!rig.session.state.raisedAlarms.contains(CabinetAlarm.lockFault))
        #expect(rig.session.state.phase == .unlocked)
        let drafts = rig.drain()
        #expect(drafts.compactMap(\.alarm).map(\.state) == ["raised", "cleared"])
        // Each failed release is followed by "locked": the backend never keeps believing a release that failed.
        #expect(drafts.compactMap(\.door?.state) == ["unlocked", "locked", "unlocked", "locked", "unlocked"])
    }

    @Test func lockFaultRestoredAfterARestartDoesNotBrickTheCabinet() throws {
        var rig = CabinetRig()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.session.lockFailed("timeout")
        _ = rig.drain()
        let saved = try rig.session.state.encoded()
        var restarted = CabinetRig(restoring: try CabinetState.decode(saved))
        #expect(restarted.session.state.raisedAlarms.contains(CabinetAlarm.lockFault))
        #expect((try? restarted.session.authorize(nurse).get()) == [.unlock])
        restarted.session.lockRecovered()
        #expect(restarted.drain().compactMap(\.alarm).map(\.state) == ["cleared"])
    }

    @Test func powerLossMidSessionResumesFromThePersistedState() throws {
        var rig = CabinetRig()
        rig.settle()
        _ = try rig.session.authorize(nurse).get()
        _ = rig.doors(true)
        _ = rig.drain()
        let saved = try rig.session.state.encoded()

        // The box loses power with the door open; on restart the state file is read back.
        var restarted = CabinetRig(restoring: try CabinetState.decode(saved))
        #expect(restarted.session.state.phase == .open)
        restarted.weights = [225, 400, 100]
        restarted.settle()
        _ = restarted.doors(false)
        restarted.settle()
        let consume = try #require(restarted.drain().first { $0.type == .consume })
        #expect(consume.quantity == 2 && consume.user?.id == "N1001" && consume.patient?.id == "P77")
    }

    @Test func eventsProducedBeforeAPowerLossAreKeptEvenIfTheCabinetWasReconfigured() throws {
        var rig = CabinetRig()
        _ = rig.session.authorize(nurse)
        var state = rig.session.state
        state.references = [nil]  // a different channel count than the configuration now has
        let restarted = CabinetRig(restoring: state)
        #expect(restarted.session.state.phase == .idle)
        #expect(restarted.session.state.outgoing.map { $0.door?.state } == ["unlocked"])
    }

    @Test func badgeScanAuthorisesAndWristbandBindsThePatient() throws {
        var rig = CabinetRig()
        #expect(rig.session.scan(raw: "B1001", resolution: .user(Party(id: "N2"))) == [.unlock])
        _ = rig.session.scan(raw: "W77", resolution: .patient(Party(id: "P9")))
        #expect(rig.session.state.session?.authorization?.patient?.id == "P9")
        #expect(rig.session.state.session?.authorization?.via == "badge")
    }
}
