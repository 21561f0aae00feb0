import Testing

@testable import GatewayCore

@Suite("Modbus read planning")
struct ReadPlannerTests {
    @Test func contiguousRegistersJoinIntoOneRead() {
        let points = (0..<4).map { RegisterPoint(kind: .holding, address: 0x1000 + 2 * $0, type: .f32) }
        #expect(
            ReadPlanner.plan(points, limits: ReadLimits()) == [ReadRequest(kind: .holding, address: 0x1000, count: 8)])
    }

    @Test func readsSplitAtTheDeviceLimitWithoutSplittingAValue() {
        // 16 x int32 = 32 registers plus 16 status words; a 120-byte cap means at most 60 registers, 32 registers cap.
        let plan = DeviceProfile.weight16.readPlan
        #expect(plan == [
            ReadRequest(kind: .input, address: 0, count: 32), ReadRequest(kind: .input, address: 64, count: 16),
        ])
        let odd = (0..<20).map { RegisterPoint(kind: .holding, address: 1 + 2 * $0, type: .i32) }
        let split = ReadPlanner.plan(odd, limits: ReadLimits(maxRegisters: 5))
        #expect(split.allSatisfy { $0.count <= 5 && $0.count % 2 == 0 })
        #expect(split.reduce(0) { $0 + $1.count } == 40)
    }

    @Test func byteCapIsHonouredForRegisters() {
        let points = (0..<100).map { RegisterPoint(kind: .input, address: $0) }
        let plan = ReadPlanner.plan(points, limits: ReadLimits(maxRegisters: 125, maxBytes: 120))
        #expect(plan.map(\.count) == [60, 40])
    }

    @Test func gapsSplitUnlessAllowed() {
        let points = [RegisterPoint(kind: .holding, address: 0), RegisterPoint(kind: .holding, address: 3)]
        #expect(ReadPlanner.plan(points, limits: ReadLimits()).count == 2)
        #expect(ReadPlanner.plan(points, limits: ReadLimits(maxGap: 2))
            == [ReadRequest(kind: .holding, address: 0, count: 4)])
    }

    @Test func tablesArePlannedSeparatelyAndDuplicatesOnce() {
        let points = [
            RegisterPoint(kind: .discrete, address: 0), RegisterPoint(kind: .discrete, address: 1),
            RegisterPoint(kind: .coil, address: 0), RegisterPoint(kind: .discrete, address: 1),
        ]
        #expect(ReadPlanner.plan(points, limits: ReadLimits()) == [
            ReadRequest(kind: .coil, address: 0, count: 1), ReadRequest(kind: .discrete, address: 0, count: 2),
        ])
    }

    @Test func ioModuleReadsItsEightDoorsInOneRequest() {
        #expect(DeviceProfile.io8.readPlan == [ReadRequest(kind: .discrete, address: 0, count: 8)])
    }

    @Test func statusWordGivesStableAndFault() {
        var image = RegisterImage()
        image.store(words: RegisterCodec.encode(150_00, as: .i32, order: .abcd), kind: .input, from: 0)
        image.store(words: RegisterCodec.encode(-1000, as: .i32, order: .abcd), kind: .input, from: 2)
        image.store(words: [0x8000, 0x9000, 0x0000], kind: .input, from: 64)
        var profile = DeviceProfile.weight16
        profile.weight?.channels = 3
        image.store(words: [0, 0], kind: .input, from: 4)
        let readings = profile.readings(from: image)
        #expect(readings.channels[0] == ChannelReading(grams: 150, deviceStable: true))
        #expect(readings.channels[1] == ChannelReading(grams: -10, deviceStable: false))
        #expect(readings.channels[2] == nil)  // data-OK bit clear: a scale fault
    }
}
