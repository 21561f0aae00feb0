/// Which changes between two configurations a running daemon cannot apply (SIGHUP) and must name as needing a
/// restart.
extension GatewayConfig {
    /// The sections the daemon applies while running, on SIGHUP; a change anywhere else takes effect only after a
    /// restart. Keep in step with the daemon's reload appliers and the *reload* column of docs/configuration.md.
    public static let reloadableSections: Set<String> = ["log"]

    /// The settings changed since `old` that take effect only after a restart, named as in the file, in the order
    /// of the sections: `backend.address`, `outbox.high_water_mark`; a whole section when it was added or removed
    /// (`metrics`) or is an array of tables (`scanner`).
    ///
    /// Every stored property of ``GatewayConfig`` but the ``reloadableSections`` is compared, found by reflection
    /// rather than listed by hand, so that a section or key added later cannot be forgotten and silently ignored.
    public func changesNeedingRestart(since old: GatewayConfig) -> [String] {
        var names: [String] = []
        for (before, after) in zip(Mirror(reflecting: old).children, Mirror(reflecting: self).children) {
            guard let label = before.label else { continue }
            let section = Self.sectionName(label)
            guard !Self.reloadableSections.contains(section) else { continue }
            names += Self.changedKeys(in: section, before.value, after.value)
        }
        return names
    }

    /// The section a stored property is read from, e.g. `networkScanner` → `network_scanner`.
    static func sectionName(_ property: String) -> String {
        sectionNames[property] ?? snakeCase(property)
    }

    /// The key a field of a section is read from, e.g. `backend`, `reconnectMinimum` → `reconnect_min`.
    static func keyName(_ field: String, in section: String) -> String {
        keyNames[section + "." + field] ?? snakeCase(field)
    }

    /// Sections whose name in the file is not their property's name in snake case. `ConfigRestartTests` checks that
    /// every name derived from a property is one the reader knows.
    static let sectionNames: [String: String] = [
        "modbusBuses": "modbus_bus", "cabinets": "cabinet", "scanners": "scanner",
    ]

    /// Keys whose name in the file is not their field's name in snake case (checked as ``sectionNames`` is).
    static let keyNames: [String: String] = [
        "backend.endpoint": "address", "backend.reconnectMinimum": "reconnect_min",
        "backend.reconnectMaximum": "reconnect_max", "backend.maximumLineBytes": "max_line_bytes",
    ]

    /// The changed keys of one section: each changed field of a section that is a table on both sides, else the
    /// section itself (added, removed, or an array of tables).
    static func changedKeys(in section: String, _ before: Any, _ after: Any) -> [String] {
        let (before, after) = (unwrapped(before), unwrapped(after))
        guard let before, let after else { return before == nil && after == nil ? [] : [section] }
        guard !equal(before, after) else { return [] }
        let fields = (Mirror(reflecting: before), Mirror(reflecting: after))
        guard fields.0.displayStyle == .struct, fields.1.displayStyle == .struct else { return [section] }
        var keys: [String] = []
        for (old, new) in zip(fields.0.children, fields.1.children) where !equal(old.value, new.value) {
            keys.append(section + "." + keyName(old.label ?? "", in: section))
        }
        // Unequal with no field to show for it (a type whose equality is not its fields'): still name the section.
        return keys.isEmpty ? [section] : keys
    }

    /// The value inside an optional, nil for `none`; any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrapped($0.value) }
    }

    /// Equality of two values of the same static type, seen as `Any`. Every part of ``GatewayConfig`` is
    /// `Equatable` (its own conformance needs that); the description is the fallback for one that is not.
    static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        guard let lhs = lhs as? any Equatable else { return String(reflecting: lhs) == String(reflecting: rhs) }
        return lhs.isEqual(to: rhs)
    }

    /// `highWaterMark` → `high_water_mark`.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension Equatable {
    /// `self == other` when `other` has the same type, else false (opens an `any Equatable`).
    fileprivate func isEqual(to other: Any) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
