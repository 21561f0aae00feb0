import GatewayTesting
import Testing

@testable import GatewayCore

/// Hardware re-zero when idle: the session asks the devices to zero drifted channels after a rest, ignores them
/// while the command is under way, and starts them over afterwards, without taking the jump to zero for a take.
@Suite("Cabinet re-zero when idle")
struct CabinetRezeroTests {
    /// Channels 1 and 2 have a zero command, channel 3 has none; zero after 10 minutes idle.
    static let settings: CabinetSessionSettings = {
        var settings = CabinetRig.settings
        settings.zeroable = [true, true, false]
        settings.rezeroIdle = .seconds(600)
        return settings
    }()

    let nurse = CabinetAuthorization(user: Party(id: "N1001", role: "nurse"), via: "backend")

    @Test func anIdleCabinetZeroesItsDriftedZeroableChannelsOnceAfterTheRest() {
        var rig = CabinetRig(settings: Self.settings)
        rig.weights = [250, 0.4, 100]
        rig.settle()
        #expect(rig.session.tick().isEmpty)
        rig.clock.advance(by: .seconds(599))
        #expect(rig.session.tick().isEmpty)
        rig.clock.advance(by: .seconds(1))
        // Channel 2 reads 0.4 g (within the deadband of zero) and channel 3 cannot be zeroed: only channel 1.
        #expect(rig.session.tick() == [.zero(channels: [0])])
        #expect(rig.session.state.zeroing == [0])
        #expect(rig.session.tick().isEmpty)
    }

    @Test func theJumpToZeroAfterTheCommandIsANewReferenceNotATake() {
        var rig = CabinetRig(settings: Self.settings)
        rig.settle()
        rig.clock.advance(by: .seconds(600))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
        // The device has zeroed; readings while the command is under way are not references.
        rig.weights = [0.1, -0.2, 100]
        rig.settle()
        #expect(rig.session.state.references[0] == 250)
        rig.session.zeroFinished([0, 1], succeeded: true)
        rig.settle()
        #expect(rig.session.state.references[0] == 0.1)
        #expect(rig.session.state.references[1] == -0.2)
        #expect(rig.drain().isEmpty)
        #expect(rig.session.state.raisedAlarms.isEmpty)
        // A take afterwards is counted from the new zero.
        #expect((try? rig.session.authorize(nurse).get()) == [.unlock])
        _ = rig.doors(true)
        rig.weights[0] -= 25
        rig.settle()
        _ = rig.doors(false)
        rig.settle()
        let consume = rig.drain().first { $0.type == .consume }
        #expect(consume?.quantity == 2)
        #expect(consume?.weight?.beforeGrams == 0.1)
    }

    @Test func aFailedZeroKeepsTheReferencesAndRetriesAfterAnotherRest() {
        var rig = CabinetRig(settings: Self.settings)
        rig.settle()
        rig.clock.advance(by: .seconds(600))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
        rig.session.zeroFinished([0, 1], succeeded: false)
        #expect(rig.session.state.references[0] == 250)
        #expect(rig.session.state.zeroing == nil)
        rig.clock.advance(by: .seconds(300))
        #expect(rig.session.tick().isEmpty)
        rig.clock.advance(by: .seconds(300))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
    }

    @Test func theRestCountsFromTheEndOfTheLastSession() {
        var rig = CabinetRig(settings: Self.settings)
        rig.settle()
        rig.clock.advance(by: .seconds(500))
        #expect((try? rig.session.authorize(nurse).get()) == [.unlock])
        _ = rig.doors(true)
        rig.weights[1] -= 40
        rig.settle()
        _ = rig.doors(false)
        rig.settle()
        #expect(rig.session.state.phase == .idle)
        rig.clock.advance(by: .seconds(300))
        #expect(rig.session.tick().isEmpty)
        rig.clock.advance(by: .seconds(300))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
    }

    @Test func aDoorOpenedWhileZeroingAsksForAScanOnThatChannelInsteadOfGuessing() {
        var rig = CabinetRig(settings: Self.settings)
        rig.settle()
        rig.clock.advance(by: .seconds(600))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
        #expect((try? rig.session.authorize(nurse).get()) == [.unlock])
        _ = rig.doors(true)
        rig.session.zeroFinished([0, 1], succeeded: true)
        rig.weights = [-25, 0, 100]
        rig.settle()
        _ = rig.doors(false)
        rig.settle()
        let drafts = rig.drain()
        #expect(!drafts.contains { $0.type == .consume })
        #expect(
            drafts.contains { $0.type == .weight && $0.weight?.channel == "1" && $0.weight?.anomaly == "no_reference" })
    }

    @Test func aPowerLossWhileZeroingStartsThoseChannelsOver() throws {
        var rig = CabinetRig(settings: Self.settings)
        rig.settle()
        rig.clock.advance(by: .seconds(600))
        #expect(rig.session.tick() == [.zero(channels: [0, 1])])
        let persisted = try CabinetState.decode(rig.session.state.encoded())
        #expect(persisted.zeroing == [0, 1])
        var restarted = CabinetRig(restoring: persisted, settings: Self.settings)
        #expect(restarted.session.state.zeroing == nil)
        #expect(restarted.session.state.references == [nil, nil, 100])
        restarted.weights = [0, 0, 100]
        restarted.settle()
        #expect(restarted.drain().isEmpty)
        #expect(restarted.session.state.raisedAlarms.isEmpty)
    }

    @Test func stateFilesWrittenBeforeReZeroExistedStillLoad() throws {
        let old = #"{"doorsOpen":[false,false],"outgoing":[],"phase":"idle","phaseSinceNanoseconds":0,"#
            + #""raisedAlarms":[],"references":[250,400,100]}"#
        let state = try CabinetState.decode(Array(old.utf8))
        #expect(state.zeroing == nil)
        #expect(state.references == [250, 400, 100])
    }

    @Test func offNeverZeroes() {
        var settings = Self.settings
        settings.rezeroIdle = nil
        var rig = CabinetRig(settings: settings)
        rig.settle()
        rig.clock.advance(by: .seconds(86_400))
        #expect(rig.session.tick().isEmpty)
    }
}
