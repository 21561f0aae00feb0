/// One weighing channel's value in one poll cycle.
public struct ChannelReading: Sendable, Equatable {
    public var grams: Double
    /// The device's own stable / motion verdict, when its status word has one.
    public var deviceStable: Bool?

    public init(grams: Double, deviceStable: Bool? = nil) {
        self.grams = grams
        self.deviceStable = deviceStable
    }
}

/// What one slave said in one poll cycle, decoded through its profile.
public struct DeviceReadings: Sendable, Equatable {
    /// Per channel: a reading, or nil when the channel's data is missing or flagged invalid (scale fault).
    public var channels: [ChannelReading?]
    /// Per door: true = open, nil = not read.
    public var doors: [Bool?]

    public init(channels: [ChannelReading?] = [], doors: [Bool?] = []) {
        self.channels = channels
        self.doors = doors
    }
}

extension DeviceProfile {
    /// Decodes a poll cycle's register image.
    public func readings(from image: RegisterImage) -> DeviceReadings {
        var result = DeviceReadings()
        if let weight {
            result.channels = (0..<weight.channels).map { channel in
                guard let grams = RegisterCodec.value(of: weight.point(channel: channel), in: image), grams.isFinite
                else { return nil }
                guard let status = weight.status else { return ChannelReading(grams: grams) }
                let point = status.point(channel: channel)
                guard let word = image.word(point.kind, point.address) else { return ChannelReading(grams: grams) }
                guard status.isValid(word) else { return nil }
                return ChannelReading(grams: grams, deviceStable: status.isStable(word))
            }
        }
        if let doors {
            result.doors = (0..<doors.count).map { index in
                image.bit(doors.kind, doors.address + index).map { $0 == doors.activeWhenSet }
            }
        }
        return result
    }
}
