/// Collects the issues found while validating one configuration file.
final class ConfigDiagnostics {
    let file: String
    private(set) var issues: [ConfigIssue] = []

    init(file: String) {
        self.file = file
    }

    func report(_ message: String, key: String, at position: SourcePosition?) {
        issues.append(ConfigIssue(file: file, position: position, key: key, message: message))
    }
}

/// A typed, validating view of one TOML table. Every accessor records an issue (with the line of the offending
/// value) instead of throwing, so validation goes on and reports every problem at once; `finish()` reports keys
/// that nobody asked for, which catches typos such as `adress = ...`.
final class ConfigSection {
    let table: TOMLTable
    /// The dotted path of this table, e.g. `backend` or `scanners[1]`.
    let path: String
    let diagnostics: ConfigDiagnostics
    private var readKeys: Set<String> = []

    init(table: TOMLTable, path: String, diagnostics: ConfigDiagnostics) {
        self.table = table
        self.path = path
        self.diagnostics = diagnostics
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reports a problem with the value of `key` (at the value's position, or the table's if absent).
    func reportIssue(_ key: String, _ message: String) {
        diagnostics.report(message, key: keyPath(key), at: table[key]?.position ?? table.position)
    }

    /// The raw value, marking the key as known.
    func value(_ key: String) -> TOMLValue? {
        readKeys.insert(key)
        return table[key]
    }

    private func missing(_ key: String, expected: String) {
        diagnostics.report("missing; expected \(expected)", key: keyPath(key), at: table.position)
    }

    private func wrongType(_ key: String, _ value: TOMLValue, expected: String) {
        diagnostics.report("expected \(expected), found \(value.typeName)", key: keyPath(key), at: value.position)
    }

    // MARK: Scalars

    func string(_ key: String, expected: String = "a string") -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value.storage else {
            wrongType(key, value, expected: expected)
            return nil
        }
        return text
    }

    func requiredString(_ key: String, expected: String = "a string") -> String? {
        guard table[key] != nil else {
            readKeys.insert(key)
            missing(key, expected: expected)
            return nil
        }
        return string(key, expected: expected)
    }

    func integer(_ key: String, in range: ClosedRange<Int64>) -> Int64? {
        guard let value = value(key) else { return nil }
        guard case .integer(let number) = value.storage else {
            wrongType(key, value, expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard range.contains(number) else {
            diagnostics.report(
                "expected an integer from \(range.lowerBound) to \(range.upperBound), found \(number)",
                key: keyPath(key), at: value.position)
            return nil
        }
        return number
    }

    func double(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = value(key) else { return nil }
        let number: Double
        switch value.storage {
        case .float(let float): number = float
        case .integer(let integer): number = Double(integer)
        default:
            wrongType(key, value, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard range.contains(number) else {
            diagnostics.report(
                "expected a number from \(range.lowerBound) to \(range.upperBound), found \(number)",
                key: keyPath(key), at: value.position)
            return nil
        }
        return number
    }

    func boolean(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .boolean(let flag) = value.storage else {
            wrongType(key, value, expected: "true or false")
            return nil
        }
        return flag
    }

    /// A string that must be one of an enumeration's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        let expected = "one of " + Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard let text = string(key, expected: expected) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            reportIssue(key, "expected \(expected), found \"\(text)\"")
            return nil
        }
        return choice
    }

    /// A duration written as a string with a unit: `"250ms"`, `"30s"`, `"5m"`, `"1h"`.
    func duration(_ key: String, in range: ClosedRange<Duration>) -> Duration? {
        let expected = "a duration such as \"250ms\", \"30s\" or \"5m\""
        guard let text = string(key, expected: expected) else { return nil }
        guard let duration = DurationText.parse(text) else {
            reportIssue(key, "expected \(expected), found \"\(text)\"")
            return nil
        }
        guard range.contains(duration) else {
            let low = DurationText.format(range.lowerBound)
            let high = DurationText.format(range.upperBound)
            reportIssue(key, "expected a duration from \(low) to \(high), found \"\(text)\"")
            return nil
        }
        return duration
    }

    /// A duration within `range`, or the word `keyword` (`"off"`, `"hold"`): `.some(nil)` for the word, nil when the
    /// key is absent or its value is wrong (reported).
    func duration(_ key: String, in range: ClosedRange<Duration>, or keyword: String, example: String) -> Duration?? {
        guard let text = string(key, expected: "a duration such as \"\(example)\", or \"\(keyword)\"") else {
            return nil
        }
        if text == keyword { return .some(nil) }
        guard let duration = DurationText.parse(text), range.contains(duration) else {
            let low = DurationText.format(range.lowerBound)
            let high = DurationText.format(range.upperBound)
            reportIssue(key, "expected a duration from \(low) to \(high) or \"\(keyword)\", found \"\(text)\"")
            return nil
        }
        return duration
    }

    func stringArray(_ key: String) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value.storage else {
            wrongType(key, value, expected: "an array of strings")
            return nil
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element.storage else {
                diagnostics.report(
                    "expected an array of strings, found \(element.typeName) in it", key: keyPath(key),
                    at: element.position)
                return nil
            }
            strings.append(text)
        }
        return strings
    }

    // MARK: Tables

    /// A sub-table, or nil when absent.
    /// Reads the table `key` with `read`, then reports its unknown keys; nil when the table is absent.
    func readSection<Settings>(_ key: String, _ read: (ConfigSection) -> Settings) -> Settings? {
        guard let section = section(key) else { return nil }
        defer { section.finish() }
        return read(section)
    }

    func section(_ key: String) -> ConfigSection? {
        guard let value = value(key) else { return nil }
        guard case .table(let child) = value.storage else {
            wrongType(key, value, expected: "a table ([\(keyPath(key))])")
            return nil
        }
        return ConfigSection(table: child, path: keyPath(key), diagnostics: diagnostics)
    }

    /// An array of tables (`[[key]]`), empty when absent.
    func sections(_ key: String) -> [ConfigSection] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value.storage else {
            wrongType(key, value, expected: "an array of tables ([[\(keyPath(key))]])")
            return []
        }
        var result: [ConfigSection] = []
        for (offset, element) in elements.enumerated() {
            guard case .table(let child) = element.storage else {
                diagnostics.report(
                    "expected a table, found \(element.typeName)", key: "\(keyPath(key))[\(offset)]",
                    at: element.position)
                continue
            }
            result.append(ConfigSection(table: child, path: "\(keyPath(key))[\(offset)]", diagnostics: diagnostics))
        }
        return result
    }

    /// Reports every key of this table that no accessor read, suggesting the closest known key.
    func finish() {
        for key in table.keys where !readKeys.contains(key) {
            let known = readKeys.sorted()
            var message = "unknown key"
            if let suggestion = Self.closest(to: key, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else if !known.isEmpty {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            diagnostics.report(message, key: keyPath(key), at: table[key]?.position)
        }
    }

    static func closest(to key: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
