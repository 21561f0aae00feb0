/// Decides when a weighing channel's reading is stable: either the device's stable bit, or a window of samples
/// whose spread (max - min) stays under a band for a minimum time. Pure; time comes in with each sample.
public struct WeightStabilizer: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable, Codable {
        /// Trust the device's stable / motion bit.
        case device
        /// Samples within `band` grams for at least `window`.
        case window
    }

    public struct Settings: Sendable, Equatable, Codable {
        public var mode: Mode
        /// How long samples must agree.
        public var windowNanoseconds: UInt64
        /// Maximum spread of the window, grams.
        public var bandGrams: Double
        /// At least this many samples in the window.
        public var minimumSamples: Int

        public init(
            mode: Mode = .window, window: Duration = .milliseconds(500), bandGrams: Double = 0.5,
            minimumSamples: Int = 3
        ) {
            self.mode = mode
            windowNanoseconds = UInt64(window.components.seconds) * 1_000_000_000
                + UInt64(window.components.attoseconds / 1_000_000_000)
            self.bandGrams = bandGrams
            self.minimumSamples = minimumSamples
        }
    }

    public let settings: Settings
    var samples: [(time: UInt64, grams: Double)] = []

    public init(settings: Settings) {
        self.settings = settings
    }

    public static func == (lhs: WeightStabilizer, rhs: WeightStabilizer) -> Bool {
        lhs.settings == rhs.settings && lhs.samples.elementsEqual(rhs.samples) { $0 == $1 }
    }

    /// Forgets every sample (the load was just disturbed: a door closed).
    public mutating func reset() { samples.removeAll(keepingCapacity: true) }

    /// Adds a sample taken at `time` (monotonic ns); returns the stable value, or nil while the load moves.
    public mutating func add(_ reading: ChannelReading, at time: UInt64) -> Double? {
        if settings.mode == .device, let stable = reading.deviceStable {
            samples.removeAll(keepingCapacity: true)
            return stable ? reading.grams : nil
        }
        samples.append((time, reading.grams))
        // Samples older than the window no longer count, but one is kept at or before the window's start so that
        // "stable for the whole window" can be told from "only just started".
        while samples.count > 1, time - samples[1].time >= settings.windowNanoseconds { samples.removeFirst() }
        guard samples.count >= settings.minimumSamples, time - samples[0].time >= settings.windowNanoseconds else {
            return nil
        }
        var low = Double.infinity, high = -Double.infinity, sum = 0.0
        for sample in samples {
            low = min(low, sample.grams)
            high = max(high, sample.grams)
            sum += sample.grams
        }
        guard high - low <= settings.bandGrams else {
            // The window moved: keep only the newest sample so stability must be shown again from here.
            samples.removeFirst(samples.count - 1)
            return nil
        }
        return sum / Double(samples.count)
    }
}
