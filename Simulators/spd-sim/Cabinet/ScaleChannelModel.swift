import Foundation

/// One weighing channel's physics: a bin (tare) holding items of slightly different weights, load-cell creep,
/// noise, and a damped settle after every change during which the device reports motion.
struct ScaleChannelModel {
    var tareGrams: Double
    /// The weight of every item in the bin, in the order they were put in (the last one is taken first).
    var items: [Double]
    var nominalUnitGrams: Double
    /// Relative spread of item weights (0.01 = 1 % CV).
    var variation: Double
    var creepGramsPerSecond: Double
    var noiseGrams: Double
    var settleSeconds: Double
    /// Extra load that is not an item (a glove, a foreign object).
    var foreignGrams = 0.0
    var changedAt = 0.0
    var previousGrams: Double
    /// A faulted channel reports "data not OK" (cell disconnected).
    var faulted = false
    /// What the device subtracts since its last zero command (the load and creep at that moment).
    var zeroGrams = 0.0
    var zeroCommands = 0

    init(
        tareGrams: Double, unitGrams: Double, count: Int, variation: Double, creep: Double, noise: Double,
        settle: Double, random: inout SimulatorRandom
    ) {
        self.tareGrams = tareGrams
        nominalUnitGrams = unitGrams
        self.variation = variation
        creepGramsPerSecond = creep
        noiseGrams = noise
        settleSeconds = settle
        items = []
        previousGrams = tareGrams
        for _ in 0..<count { items.append(Self.itemWeight(unitGrams, variation, &random)) }
        previousGrams = loadGrams
    }

    static func itemWeight(_ unit: Double, _ variation: Double, _ random: inout SimulatorRandom) -> Double {
        unit * (1 + variation * random.gaussian())
    }

    var loadGrams: Double { tareGrams + items.reduce(0, +) + foreignGrams }

    /// What the cell shows at `time` seconds, and whether it is still moving.
    func reading(at time: Double, random: inout SimulatorRandom) -> (grams: Double, moving: Bool) {
        let clean = noiseless(at: time)
        return (clean.grams - zeroGrams + noiseGrams * (2 * random.unit() - 1), clean.moving)
    }

    /// The device's zero command: what it shows now becomes its zero.
    mutating func zero(at time: Double) {
        zeroGrams = noiseless(at: time).grams
        zeroCommands += 1
    }

    func noiseless(at time: Double) -> (grams: Double, moving: Bool) {
        let target = loadGrams + creepGramsPerSecond * time
        let since = time - changedAt
        var grams = target
        var moving = false
        if since < settleSeconds, settleSeconds > 0 {
            // A damped oscillation towards the new load: what a bin does after a hand lets go of it.
            let decay = exp(-5 * since / settleSeconds)
            grams += (previousGrams - loadGrams) * decay * cos(12 * since / settleSeconds)
            moving = true
        }
        return (grams, moving)
    }

    mutating func change(at time: Double, _ body: (inout ScaleChannelModel) -> Void) {
        previousGrams = noiseless(at: time).grams
        body(&self)
        changedAt = time
    }
}

/// A small deterministic generator (xorshift64*), so a scenario replays identically with the same seed.
struct SimulatorRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal (Box-Muller).
    mutating func gaussian() -> Double {
        let u = max(unit(), 1e-12), v = unit()
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }
}
