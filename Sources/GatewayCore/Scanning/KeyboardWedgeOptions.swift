/// How a keyboard-wedge decoder turns key presses into scans; one per scanner, from its `[[scanner]]` table.
public struct KeyboardWedgeOptions: Sendable, Equatable {
    /// The keyboard layout the scanner is programmed for.
    public var layout: KeyboardLayout
    /// Keys that end a scan; empty means the scanner sends no terminator and ``idleTimeout`` ends it.
    public var terminators: Set<WedgeTerminator>
    /// A scan ends when no key arrives for this long (always applies; required when there is no terminator).
    public var idleTimeout: Duration?
    /// For devices not known to be scanners: keys further apart than this are a person typing, and what was
    /// typed so far is discarded (scanners send a key every 7-16 ms, people every 100 ms or more).
    public var humanGap: Duration?
    /// Shorter input is discarded rather than reported (a person pressing Enter on a shared keyboard).
    public var minimumLength: Int
    /// A scan longer than this ends as an overflow (a stuck key, a scanner in a loop).
    public var maximumLength: Int

    public init(
        layout: KeyboardLayout = .us, terminators: Set<WedgeTerminator> = [.enter], idleTimeout: Duration? = nil,
        humanGap: Duration? = nil, minimumLength: Int = 1, maximumLength: Int = 4096
    ) {
        self.layout = layout
        self.terminators = terminators
        self.idleTimeout = idleTimeout
        self.humanGap = humanGap
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }
}
