import GatewayCore

/// A recorded scanner session: the scanner's configuration and what each `read(2)` returned, with times,
/// unplugs and replugs. The text form (`*.log` under Tests/Fixtures/scanners) is:
///
/// ```text
/// # free comment lines
/// #! [[scanner]]              <- TOML for the scanner (and an optional [dock]), without the "#! " prefix
/// #! type = "evdev"
/// @1000000000 2a00...         <- monotonic nanoseconds, the bytes of one read in hex
/// @1200000000 unplug          <- the device went away (the reader sees end of file)
/// @1300000000 replug          <- it came back and was reopened
/// ```
public struct ScannerCapture: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        case read(UInt64, [UInt8])
        case unplug(UInt64)
        case replug(UInt64)

        public var time: UInt64 {
            switch self {
            case .read(let time, _), .unplug(let time), .replug(let time): time
            }
        }
    }

    /// Comment lines (without `# `), kept when the capture is rewritten.
    public var comments: [String]
    /// The TOML of the `[[scanner]]` table (and `[dock]`, if any).
    public var configuration: [String]
    /// Whether each read was one whole HID report (a real hidraw node) rather than a byte stream.
    public var reportPerRead: Bool
    public var entries: [Entry]

    public init(comments: [String] = [], configuration: [String], reportPerRead: Bool = false, entries: [Entry] = []) {
        self.comments = comments
        self.configuration = configuration
        self.reportPerRead = reportPerRead
        self.entries = entries
    }

    /// A capture file that cannot be read, with its line.
    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws(FormatError) -> ScannerCapture {
        var capture = ScannerCapture(configuration: [])
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#! ") || line == "#!" {
                capture.configuration.append(String(line.dropFirst(3)))
            } else if line == "#= reads = messages" {
                capture.reportPerRead = true
            } else if line.hasPrefix("#") {
                capture.comments.append(String(line.drop { $0 == "#" || $0 == " " }))
            } else if line.hasPrefix("@") {
                let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let time = UInt64(parts[0]) else {
                    throw FormatError(line: index + 1, message: "expected `@<nanoseconds> <hex|unplug|replug>`")
                }
                switch parts[1] {
                case "unplug": capture.entries.append(.unplug(time))
                case "replug": capture.entries.append(.replug(time))
                default:
                    guard let bytes = hexBytes(parts[1]) else {
                        throw FormatError(line: index + 1, message: "expected hex bytes, found \(parts[1].prefix(20))")
                    }
                    capture.entries.append(.read(time, bytes))
                }
            } else if !line.allSatisfy(\.isWhitespace) {
                throw FormatError(line: index + 1, message: "expected a comment, `#!` configuration or `@` entry")
            }
        }
        return capture
    }

    /// The text form.
    public var text: String {
        var lines = comments.map { "# " + $0 }
        lines += configuration.map { "#! " + $0 }
        if reportPerRead { lines.append("#= reads = messages") }
        for entry in entries {
            switch entry {
            case .read(let time, let bytes): lines.append("@\(time) " + bytes.map(Self.hex).joined())
            case .unplug(let time): lines.append("@\(time) unplug")
            case .replug(let time): lines.append("@\(time) replug")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
