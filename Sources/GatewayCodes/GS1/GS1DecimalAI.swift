/// Decimal-point AIs: 31nn-36nn measures and 390n-395n amounts carry the number of decimal places as
/// their last AI digit.
enum GS1DecimalAI {
    static func decimalPlaces(ai: String) -> Int? {
        let bytes = Array(ai.utf8)
        guard bytes.count == 4, bytes.allSatisfy(ASCII.isDigit) else { return nil }
        let family = Int(bytes[0] - ASCII.zero) * 100 + Int(bytes[1] - ASCII.zero) * 10 + Int(bytes[2] - ASCII.zero)
        guard (310...369).contains(family) || (390...395).contains(family) else { return nil }
        return Int(bytes[3] - ASCII.zero)
    }

    static func hasCurrency(ai: String) -> Bool { ai.hasPrefix("391") || ai.hasPrefix("393") }

    static func currency(ai: String, value: String) -> String? {
        guard hasCurrency(ai: ai), value.utf8.count > 3 else { return nil }
        return String(value.prefix(3))
    }

    static func decimalString(ai: String, value: String) -> String? {
        guard let places = decimalPlaces(ai: ai) else { return nil }
        var digits = Array(hasCurrency(ai: ai) ? value.utf8.dropFirst(3) : value.utf8[...])
        guard !digits.isEmpty, digits.allSatisfy(ASCII.isDigit) else { return nil }
        while digits.count <= places { digits.insert(ASCII.zero, at: 0) }
        var integer = Array(digits[..<(digits.count - places)])
        while integer.count > 1, integer[0] == ASCII.zero { integer.removeFirst() }
        let fraction = digits[(digits.count - places)...]
        let text = String(decoding: integer, as: UTF8.self)
        return places == 0 ? text : text + "." + String(decoding: fraction, as: UTF8.self)
    }
}
