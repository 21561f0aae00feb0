extension CatalogRecord {
    /// Sets one field from its CSV text; numbers and booleans are parsed (`1/0`, `true/false`, `yes/no`).
    mutating func set(_ column: CodingKeys, _ text: String) throws {
        switch column {
        case .kind:
            guard let kind = Kind(rawValue: text.trimmingASCIIWhitespace().lowercased()) else {
                let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw CatalogRecordError("kind must be one of \(known), got '\(text)'")
            }
            self.kind = kind
        case .key: key = text
        case .name: name = text
        case .specification: specification = text
        case .manufacturer: manufacturer = text
        case .registration: registration = text
        case .insuranceCode: insuranceCode = text
        case .chargeCode: chargeCode = text
        case .unit: unit = text
        case .unitWeightGrams: unitWeightGrams = try Self.number(text, column)
        case .toleranceGrams: toleranceGrams = try Self.number(text, column)
        case .highValue: highValue = try Self.flag(text, column)
        case .recalled: recalled = try Self.flag(text, column)
        case .blocked: blocked = try Self.flag(text, column)
        case .nearExpiryDays: nearExpiryDays = try Self.integer(text, column)
        case .product: product = text
        case .quantity: quantity = try Self.integer(text, column)
        case .lot: lot = text
        case .serial: serial = text
        case .expiry: expiry = text
        case .user: user = text
        case .role: role = text
        case .cabinet: cabinet = text
        case .door: door = try Self.integer(text, column)
        case .shelf: shelf = try Self.integer(text, column)
        case .channel: channel = try Self.integer(text, column)
        case .meaning: meaning = text
        case .prefix: prefix = text
        case .minLength: minLength = try Self.integer(text, column)
        case .maxLength: maxLength = try Self.integer(text, column)
        case .charset: charset = text
        case .check: check = text
        }
    }

    static func integer(_ text: String, _ column: CodingKeys) throws -> Int {
        guard let value = Int(text.trimmingASCIIWhitespace()) else {
            throw CatalogRecordError("\(column.rawValue) must be an integer, got '\(text)'")
        }
        return value
    }

    static func number(_ text: String, _ column: CodingKeys) throws -> Double {
        guard let value = Double(text.trimmingASCIIWhitespace()), value.isFinite else {
            throw CatalogRecordError("\(column.rawValue) must be a number, got '\(text)'")
        }
        return value
    }

    static func flag(_ text: String, _ column: CodingKeys) throws -> Bool {
        switch text.trimmingASCIIWhitespace().lowercased() {
        case "1", "true", "yes", "y": return true
        case "0", "false", "no", "n": return false
        default: throw CatalogRecordError("\(column.rawValue) must be 1/0, true/false or yes/no, got '\(text)'")
        }
    }
}
