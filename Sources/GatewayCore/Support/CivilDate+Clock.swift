import GatewayCodes

extension CivilDate {
    /// The UTC calendar date of a Unix time in milliseconds (the decoder's reference date for the GS1 century
    /// window comes from the injected clock, never from a clock read inside the decoder).
    public init(unixMilliseconds: Int64) {
        let days = (unixMilliseconds - ((unixMilliseconds % 86_400_000) + 86_400_000) % 86_400_000) / 86_400_000
        let civil = Timestamp.civil(fromDays: days)
        self.init(year: Int(civil.year), month: Int(civil.month), day: Int(civil.day))
    }
}
