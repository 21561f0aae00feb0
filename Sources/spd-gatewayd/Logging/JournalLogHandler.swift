import GatewayCore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The log level and format every handler reads; SIGHUP reload changes them in place.
final class LogControl: Sendable {
    private let state: Locked<(level: Logger.Level, journal: Bool)>

    init(settings: LogSettings, environment journalStream: String?) {
        state = Locked((Self.level(settings.level), Self.useJournal(settings.format, journalStream)))
    }

    var level: Logger.Level { state.withLock { $0.level } }
    var usesJournalFormat: Bool { state.withLock { $0.journal } }

    /// Changes only the threshold (the backend's `config` command), keeping the format.
    func setLevel(_ level: LogSettings.Level) {
        state.withLock { $0.level = Self.level(level) }
    }

    func apply(_ settings: LogSettings, journalStream: String?) {
        state.withLock { $0 = (Self.level(settings.level), Self.useJournal(settings.format, journalStream)) }
    }

    static func useJournal(_ format: LogSettings.Format, _ journalStream: String?) -> Bool {
        switch format {
        case .journal: true
        case .text: false
        // journald sets $JOURNAL_STREAM for services whose stderr it reads.
        case .auto: journalStream != nil
        }
    }

    static func level(_ level: LogSettings.Level) -> Logger.Level {
        switch level {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}

/// Writes one line per record to stderr, in the form journald understands: a `<N>` syslog priority prefix and
/// no timestamp when journald is reading, or `timestamp level label: message key=value` on a terminal.
struct JournalLogHandler: LogHandler {
    let label: String
    let control: LogControl
    var metadata: Logger.Metadata = [:]
    private var overrideLevel: Logger.Level?

    init(label: String, control: LogControl) {
        self.label = label
        self.control = control
    }

    var logLevel: Logger.Level {
        get { overrideLevel ?? control.level }
        set { overrideLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = ""
        if control.usesJournalFormat {
            line += "<\(Self.syslogPriority(event.level))>"
        } else {
            line += Self.timestamp() + " " + event.level.rawValue.uppercased() + " "
        }
        line += "\(label): \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quoted(merged[key]!.description))"
        }
        line += "\n"
        // One write(2) per line keeps lines from concurrent tasks whole.
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count)
        }
    }

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        guard needsQuotes else { return value }
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
        return "\"\(escaped)\""
    }

    /// UTC ISO 8601 with milliseconds, from clock_gettime (Foundation's formatters are not needed for this).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millis = Int32(now.tv_nsec / 1_000_000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(millis, 3))Z"
    }
}
