// Lexing of TOML values: strings, numbers, booleans, arrays and inline tables.
extension TOMLParser {
    var position: SourcePosition { SourcePosition(line: line, column: column) }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < scalars.count ? scalars[at] : nil
    }

    mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    mutating func skipComment() {
        while let scalar = peek(), scalar != "\n" { advance() }
    }

    mutating func consumeNewline() throws(TOMLSyntaxError) {
        if peek() == "\r" {
            guard peek(1) == "\n" else {
                throw TOMLSyntaxError("a lone carriage return is not a line break", at: position)
            }
            advance()
        }
        advance()
    }

    /// After a header or key/value pair only a comment may follow on the same line.
    mutating func expectEndOfLine() throws(TOMLSyntaxError) {
        skipWhitespace()
        if peek() == "#" { skipComment() }
        guard let scalar = peek() else { return }
        guard scalar == "\n" || scalar == "\r" else {
            throw TOMLSyntaxError(
                "unexpected '\(Character(scalar))' after the value; expected a new line", at: position)
        }
        try consumeNewline()
    }

    /// Skips whitespace, newlines and comments inside arrays.
    mutating func skipWhitespaceAndComments() throws(TOMLSyntaxError) {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t": advance()
            case "#": skipComment()
            case "\n", "\r": try consumeNewline()
            default: return
            }
        }
    }

    mutating func parseValue() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        guard let scalar = peek() else { throw TOMLSyntaxError("expected a value, found end of file", at: start) }
        switch scalar {
        case "\"":
            let isMultiline = peek(1) == "\"" && peek(2) == "\""
            return TOMLValue(
                .string(isMultiline ? try parseMultilineString(literal: false) : try parseBasicString()), at: start)
        case "'":
            let isMultiline = peek(1) == "'" && peek(2) == "'"
            return TOMLValue(
                .string(isMultiline ? try parseMultilineString(literal: true) : try parseLiteralString()), at: start)
        case "[":
            return try parseArray()
        case "{":
            return try parseInlineTable()
        case "t", "f":
            return try parseBoolean()
        default:
            return try parseNumber()
        }
    }

    // MARK: Strings

    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        let start = position
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                throw TOMLSyntaxError("unterminated string (opened at \(start))", at: position)
            }
            advance()
            switch scalar {
            case "\"": return String(result)
            case "\\": result.append(try parseEscape())
            default: result.append(scalar)
            }
        }
    }

    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let start = position
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                throw TOMLSyntaxError("unterminated literal string (opened at \(start))", at: position)
            }
            advance()
            if scalar == "'" { return String(result) }
            result.append(scalar)
        }
    }

    mutating func parseMultilineString(literal: Bool) throws(TOMLSyntaxError) -> String {
        let start = position
        let quote: Unicode.Scalar = literal ? "'" : "\""
        advance(); advance(); advance()
        // A newline right after the opening delimiter is trimmed.
        if peek() == "\r", peek(1) == "\n" { advance() }
        if peek() == "\n" { advance() }
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw TOMLSyntaxError("unterminated multi-line string (opened at \(start))", at: position)
            }
            if scalar == quote, peek(1) == quote, peek(2) == quote {
                advance(); advance(); advance()
                return String(result)
            }
            advance()
            if !literal && scalar == "\\" {
                if let next = peek(), next == "\n" || next == " " || next == "\t" || next == "\r" {
                    // Line-ending backslash: trims the newline and the whitespace that follows.
                    while let next = peek(), next == "\n" || next == " " || next == "\t" || next == "\r" { advance() }
                } else {
                    result.append(try parseEscape())
                }
            } else {
                result.append(scalar)
            }
        }
    }

    mutating func parseEscape() throws(TOMLSyntaxError) -> Unicode.Scalar {
        let start = position
        guard let scalar = peek() else { throw TOMLSyntaxError("unterminated escape sequence", at: start) }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "e": return "\u{1B}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = scalar == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let digit = peek(), digit.properties.isASCIIHexDigit else {
                    throw TOMLSyntaxError("expected \(count) hex digits after \\\(Character(scalar))", at: position)
                }
                hex.unicodeScalars.append(digit)
                advance()
            }
            guard let value = UInt32(hex, radix: 16), let result = Unicode.Scalar(value) else {
                throw TOMLSyntaxError("\\\(Character(scalar))\(hex) is not a Unicode scalar value", at: start)
            }
            return result
        default:
            throw TOMLSyntaxError("unknown escape sequence '\\\(Character(scalar))'", at: start)
        }
    }

    // MARK: Scalars

    mutating func parseBoolean() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        let word = readBareWord()
        switch word {
        case "true": return TOMLValue(.boolean(true), at: start)
        case "false": return TOMLValue(.boolean(false), at: start)
        default: throw TOMLSyntaxError("expected a value, found '\(word)' (strings need quotes)", at: start)
        }
    }

    mutating func readBareWord() -> String {
        var word = ""
        while let scalar = peek(), Self.isBareKeyScalar(scalar) || scalar == "." || scalar == "+" || scalar == ":" {
            word.unicodeScalars.append(scalar)
            advance()
        }
        return word
    }

    mutating func parseNumber() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        let word = readBareWord()
        guard !word.isEmpty else {
            let found = peek().map { "'\(Character($0))'" } ?? "end of file"
            throw TOMLSyntaxError("expected a value, found \(found)", at: start)
        }
        if word.contains(":") || (word.count >= 10 && word.dropFirst(4).first == "-") {
            throw TOMLSyntaxError(
                "dates and times are not used in this configuration; write them as strings", at: start)
        }
        if let integer = Self.integer(from: word) { return TOMLValue(.integer(integer), at: start) }
        if Self.isDecimalInteger(word) {
            // Written as an integer, too big for one: saying "float" here would mislead.
            throw TOMLSyntaxError("integer \(word) is out of range (-2^63 to 2^63-1)", at: start)
        }
        if let float = Self.float(from: word) { return TOMLValue(.float(float), at: start) }
        throw TOMLSyntaxError("expected a value, found '\(word)' (strings need quotes)", at: start)
    }

    static func integer(from word: String) -> Int64? {
        var digits = Substring(word)
        var sign: Int64 = 1
        if digits.first == "+" || digits.first == "-" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard sign == 1, word.first != "+" else { return nil }
            radix = base
            digits = digits.dropFirst(2)
        }
        guard !digits.isEmpty, !digits.hasPrefix("_"), !digits.hasSuffix("_"), !digits.contains("__") else {
            return nil
        }
        if radix == 10, digits.count > 1, digits.hasPrefix("0") { return nil }
        guard let magnitude = UInt64(digits.replacingOccurrences(of: "_"), radix: radix) else { return nil }
        // Through UInt64, so -9223372036854775808 (Int64.min, whose magnitude Int64 cannot hold) is read too.
        if sign == -1 { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// True when `word` is written as a decimal integer (sign, digits, single underscores between digits),
    /// whatever its size.
    static func isDecimalInteger(_ word: String) -> Bool {
        let digits = word.drop { $0 == "+" || $0 == "-" }
        guard word.count - digits.count <= 1, let first = digits.first, first.isASCII, first.isNumber,
            first != "0" || digits.count == 1
        else { return false }
        return !digits.contains("__") && !digits.hasSuffix("_")
            && digits.allSatisfy { $0 == "_" || ($0.isASCII && $0.isNumber) }
    }

    static func float(from word: String) -> Double? {
        switch word {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !word.contains("__"), !word.hasSuffix("_"), !word.hasPrefix("_") else { return nil }
        // TOML floats are decimal: Double(_:) alone would also read hex floats ("0x1p3") and other spellings.
        guard word.allSatisfy({ $0.isASCII && ($0.isNumber || "+-._eE".contains($0)) }) else { return nil }
        // TOML forbids leading zeros in the integer part ("0123.5"), as for integers.
        let unsigned = word.drop { $0 == "+" || $0 == "-" }
        if unsigned.count > 1, unsigned.first == "0", let second = unsigned.dropFirst().first, second.isNumber {
            return nil
        }
        return Double(word.replacingOccurrences(of: "_"))
    }

    // MARK: Containers

    mutating func parseArray() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        advance()
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceAndComments()
            if peek() == "]" {
                advance()
                return TOMLValue(.array(elements), at: start)
            }
            elements.append(try parseValue())
            try skipWhitespaceAndComments()
            switch peek() {
            case ",": advance()
            case "]": continue
            default: throw TOMLSyntaxError("expected ',' or ']' in the array opened at \(start)", at: position)
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        advance()
        var table = TOMLTable(at: start)
        skipWhitespace()
        if peek() == "}" {
            advance()
            table.isInline = true
            return TOMLValue(.table(table), at: start)
        }
        while true {
            skipWhitespace()
            let keyStart = position
            let keyPath = try parseKeyPath()
            skipWhitespace()
            guard peek() == "=" else { throw TOMLSyntaxError("expected '=' in the inline table", at: position) }
            advance()
            skipWhitespace()
            let value = try parseValue()
            try Self.assign(value, to: keyPath, under: [], in: &table, at: keyStart)
            skipWhitespace()
            switch peek() {
            case ",": advance()
            case "}":
                advance()
                table.isInline = true
                return TOMLValue(.table(table), at: start)
            default:
                throw TOMLSyntaxError("expected ',' or '}' in the inline table opened at \(start)", at: position)
            }
        }
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of character: Character) -> String {
        String(filter { $0 != character })
    }
}

extension String {
    fileprivate func replacingOccurrences(of character: Character) -> String {
        String(filter { $0 != character })
    }
}
