/// The simulator's scenario language, shared by `--scenario` files and the control socket (one command a line):
///
///     open DOOR | close DOOR            a door opens / closes (1-based)
///     take CHANNEL N | return CHANNEL N take N items from a bin / put N back (1-based channel)
///     put CHANNEL GRAMS                 a foreign object of GRAMS lands on the bin (negative removes it)
///     fault CHANNEL on|off              the channel's load cell reports "data not OK"
///     mute UNIT DURATION                the slave stops answering for DURATION (e.g. 2s, 500ms)
///     corrupt UNIT N                    the next N answers of UNIT are garbage (bad CRC / bad header)
///     unplug DURATION                   the adapter (RTU) or the server (TCP) goes away for DURATION
///     wait DURATION                     (scenario only) pause
///     wait-unlock [TIMEOUT]             (scenario only) wait until a lock is released, at most TIMEOUT (30s)
///     state                             (control only) doors, locks, item counts, requests per unit
enum CabinetScriptCommand: Equatable {
    case open(Int), close(Int)
    case take(channel: Int, count: Int), putBack(channel: Int, count: Int)
    case put(channel: Int, grams: Double)
    case fault(channel: Int, on: Bool)
    case mute(unit: Int, seconds: Double)
    case corrupt(unit: Int, replies: Int)
    case unplug(seconds: Double)
    case wait(seconds: Double)
    case waitUnlock(timeout: Double)
    case state

    /// Parses one line; nil for blank lines and comments; throws a message for anything else unknown.
    static func parse(_ line: String) throws(CabinetSimulatorError) -> CabinetScriptCommand? {
        let words = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.split(separator: " ").map(String.init) } ?? []
        guard let verb = words.first else { return nil }
        func int(_ index: Int) throws(CabinetSimulatorError) -> Int {
            guard index < words.count, let value = Int(words[index]) else {
                throw CabinetSimulatorError("'\(line)': argument \(index) must be an integer")
            }
            return value
        }
        func seconds(_ index: Int, default fallback: Double? = nil) throws(CabinetSimulatorError) -> Double {
            guard index < words.count else {
                if let fallback { return fallback }
                throw CabinetSimulatorError("'\(line)': missing duration")
            }
            let text = words[index]
            if text.hasSuffix("ms"), let value = Double(text.dropLast(2)) { return value / 1000 }
            if text.hasSuffix("s"), let value = Double(text.dropLast()) { return value }
            throw CabinetSimulatorError("'\(line)': expected a duration such as 500ms or 2s, found '\(text)'")
        }
        switch verb {
        case "open": return .open(try int(1))
        case "close": return .close(try int(1))
        case "take": return .take(channel: try int(1), count: try int(2))
        case "return": return .putBack(channel: try int(1), count: try int(2))
        case "put":
            guard words.count > 2, let grams = Double(words[2]) else {
                throw CabinetSimulatorError("'\(line)': put CHANNEL GRAMS")
            }
            return .put(channel: try int(1), grams: grams)
        case "fault": return .fault(channel: try int(1), on: words.count > 2 && words[2] == "on")
        case "mute": return .mute(unit: try int(1), seconds: try seconds(2))
        case "corrupt": return .corrupt(unit: try int(1), replies: try int(2))
        case "unplug": return .unplug(seconds: try seconds(1))
        case "wait": return .wait(seconds: try seconds(1))
        case "wait-unlock": return .waitUnlock(timeout: try seconds(1, default: 30))
        case "state": return .state
        default: throw CabinetSimulatorError("unknown command '\(verb)'")
        }
    }
}
