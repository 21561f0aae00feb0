import Testing

@testable import GatewayCore

@Suite("Weight stabilising and counting")
struct WeightCountingTests {
    let ms: UInt64 = 1_000_000

    @Test func windowNeedsTheWholeDurationWithinTheBand() {
        var stabilizer = WeightStabilizer(
            settings: .init(window: .milliseconds(300), bandGrams: 0.5, minimumSamples: 3))
        #expect(stabilizer.add(ChannelReading(grams: 100), at: 0) == nil)
        #expect(stabilizer.add(ChannelReading(grams: 100.2), at: 100 * ms) == nil)
        #expect(stabilizer.add(ChannelReading(grams: 99.9), at: 200 * ms) == nil)
        let stable = stabilizer.add(ChannelReading(grams: 100.1), at: 300 * ms)
        #expect(stable.map { abs($0 - 100.05) < 1e-9 } == true)
    }

    @Test func motionRestartsTheWindow() {
        var stabilizer = WeightStabilizer(
            settings: .init(window: .milliseconds(200), bandGrams: 0.5, minimumSamples: 2))
        _ = stabilizer.add(ChannelReading(grams: 100), at: 0)
        #expect(stabilizer.add(ChannelReading(grams: 80), at: 200 * ms) == nil)
        #expect(stabilizer.add(ChannelReading(grams: 80.1), at: 300 * ms) == nil)
        #expect(stabilizer.add(ChannelReading(grams: 80.1), at: 400 * ms) != nil)
    }

    @Test func deviceModeTrustsTheStableBit() {
        var stabilizer = WeightStabilizer(settings: .init(mode: .device))
        #expect(stabilizer.add(ChannelReading(grams: 5, deviceStable: false), at: 0) == nil)
        #expect(stabilizer.add(ChannelReading(grams: 5, deviceStable: true), at: 1) == 5)
    }

    static let cases: [(Double, ItemCounter.Outcome)] = [
        (-25.1, .count(-2)), (12.4, .count(1)), (-1.0, .count(0)), (-18.0, .anomaly("not_integer_multiple")),
        (-100.2, .count(-8)),
    ]

    @Test(arguments: cases)
    func countsWholeItemsWithinTolerance(delta: Double, expected: ItemCounter.Outcome) {
        #expect(ItemCounter.count(delta: delta, unitGrams: 12.5, tolerance: 0.3, deadbandGrams: 2) == expected)
    }

    @Test func changeWithoutAUnitWeightIsAnAnomaly() {
        #expect(ItemCounter.count(delta: 30, unitGrams: nil, tolerance: 0.3, deadbandGrams: 2)
            == .anomaly("no_unit_weight"))
    }
}
