/// A syntax error in a TOML document, with the position where reading stopped.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: SourcePosition
    public var message: String

    public init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}

/// A parser for TOML 1.0 documents (less dates and times), written for configuration files: it keeps the line
/// and column of every key and value so that the validator can say exactly where a setting is wrong.
///
/// ```swift
/// let root = try TOMLParser.parse("[gateway]\nid = \"gw-1\"\n")
/// root["gateway"]  // a .table value at 1:1
/// ```
public struct TOMLParser {
    var scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses a whole document into its root table.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        var parser = TOMLParser(text)
        return try parser.parseDocument()
    }

    // MARK: Document structure

    mutating func parseDocument() throws(TOMLSyntaxError) -> TOMLTable {
        var root = TOMLTable(at: SourcePosition(line: 1, column: 1))
        var currentPath: [String] = []
        while true {
            skipWhitespace()
            guard let scalar = peek() else { break }
            switch scalar {
            case "#":
                skipComment()
            case "\n", "\r":
                try consumeNewline()
            case "[":
                currentPath = try parseHeader(into: &root)
                try expectEndOfLine()
            default:
                let start = position
                let keyPath = try parseKeyPath()
                skipWhitespace()
                guard peek() == "=" else {
                    throw TOMLSyntaxError("expected '=' after key '\(keyPath.joined(separator: "."))'", at: position)
                }
                advance()
                skipWhitespace()
                let value = try parseValue()
                try Self.assign(value, to: keyPath, under: currentPath, in: &root, at: start)
                try expectEndOfLine()
            }
        }
        return root
    }

    /// Parses `[a.b]` or `[[a.b]]`, creates the table, and returns the path new keys go to.
    mutating func parseHeader(into root: inout TOMLTable) throws(TOMLSyntaxError) -> [String] {
        let start = position
        advance()
        let isArray = peek() == "["
        if isArray { advance() }
        skipWhitespace()
        let path = try parseKeyPath()
        skipWhitespace()
        guard peek() == "]" else { throw TOMLSyntaxError("expected ']' to close the table header", at: position) }
        advance()
        if isArray {
            guard peek() == "]" else { throw TOMLSyntaxError("expected ']]' to close the array header", at: position) }
            advance()
        }
        try Self.defineTable(path[...], isArray: isArray, in: &root, at: start)
        return path
    }

    mutating func parseKeyPath() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipWhitespace()
            parts.append(try parseKey())
            skipWhitespace()
            guard peek() == "." else { return parts }
            advance()
        }
    }

    mutating func parseKey() throws(TOMLSyntaxError) -> String {
        switch peek() {
        case "\"":
            return try parseBasicString()
        case "'":
            return try parseLiteralString()
        default:
            var key = ""
            while let scalar = peek(), Self.isBareKeyScalar(scalar) {
                key.unicodeScalars.append(scalar)
                advance()
            }
            guard !key.isEmpty else {
                let found = peek().map { "'\(Character($0))'" } ?? "end of file"
                throw TOMLSyntaxError("expected a key (letters, digits, '_' or '-'), found \(found)", at: position)
            }
            return key
        }
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    // MARK: Building the tree

    static func defineTable(
        _ path: ArraySlice<String>, isArray: Bool, in table: inout TOMLTable, at position: SourcePosition
    ) throws(TOMLSyntaxError) {
        let key = path.first!
        let rest = path.dropFirst()
        if rest.isEmpty {
            try defineLeafTable(key, isArray: isArray, in: &table, at: position)
            return
        }
        var child = try descend(into: key, of: &table, at: position)
        if child.table.isInline {
            throw TOMLSyntaxError(
                "inline table '\(key)' (line \(child.position.line)) cannot be extended; it is already defined",
                at: position)
        }
        try defineTable(rest, isArray: isArray, in: &child.table, at: position)
        table[key] = child.rewrap()
    }

    private static func defineLeafTable(
        _ key: String, isArray: Bool, in table: inout TOMLTable, at position: SourcePosition
    ) throws(TOMLSyntaxError) {
        let existing = table[key]
        if isArray {
            switch existing?.storage {
            case nil:
                let element = TOMLValue(.table(TOMLTable(at: position)), at: position)
                table[key] = TOMLValue(.array([element]), at: position)
            case .array(var elements) where elements.allSatisfy(\.isTable):
                elements.append(TOMLValue(.table(TOMLTable(at: position)), at: position))
                table[key] = TOMLValue(.array(elements), at: existing!.position)
            default:
                throw TOMLSyntaxError(
                    "'\(key)' is already defined at line \(existing!.position.line) and is not an array of tables",
                    at: position)
            }
            return
        }
        switch existing?.storage {
        case nil:
            table[key] = TOMLValue(.table(TOMLTable(at: position)), at: position)
        case .table(var child) where child.isImplicit && !child.isInline:
            child.isImplicit = false
            child.position = position
            table[key] = TOMLValue(.table(child), at: position)
        default:
            throw TOMLSyntaxError(
                "table '\(key)' is already defined at line \(existing!.position.line)", at: position)
        }
    }

    static func assign(
        _ value: TOMLValue, to keyPath: [String], under tablePath: [String], in root: inout TOMLTable,
        at position: SourcePosition
    ) throws(TOMLSyntaxError) {
        try assign(value, to: (tablePath + keyPath)[...], in: &root, at: position)
    }

    private static func assign(
        _ value: TOMLValue, to path: ArraySlice<String>, in table: inout TOMLTable,
        at position: SourcePosition
    ) throws(TOMLSyntaxError) {
        let key = path.first!
        let rest = path.dropFirst()
        if rest.isEmpty {
            if let existing = table[key] {
                throw TOMLSyntaxError("key '\(key)' is already defined at line \(existing.position.line)", at: position)
            }
            table[key] = value
            return
        }
        var child = try descend(into: key, of: &table, at: position)
        if child.table.isInline {
            throw TOMLSyntaxError("inline table '\(key)' cannot be extended", at: position)
        }
        try assign(value, to: rest, in: &child.table, at: position)
        table[key] = child.rewrap()
    }

    /// A table reached while walking a path, and how to put it back where it came from.
    struct Descent {
        var table: TOMLTable
        var arrayElements: [TOMLValue]?
        var position: SourcePosition

        func rewrap() -> TOMLValue {
            guard var elements = arrayElements else { return TOMLValue(.table(table), at: position) }
            elements[elements.count - 1] = TOMLValue(.table(table), at: elements[elements.count - 1].position)
            return TOMLValue(.array(elements), at: position)
        }
    }

    /// Steps into `key` (creating an implicit table if absent; into the last element of an array of tables).
    static func descend(
        into key: String, of table: inout TOMLTable, at position: SourcePosition
    ) throws(TOMLSyntaxError) -> Descent {
        switch table[key]?.storage {
        case nil:
            return Descent(table: TOMLTable(at: position, implicit: true), arrayElements: nil, position: position)
        case .table(let child):
            return Descent(table: child, arrayElements: nil, position: table[key]!.position)
        case .array(let elements):
            guard let last = elements.last, case .table(let child) = last.storage else {
                throw TOMLSyntaxError("'\(key)' is an array, not a table", at: position)
            }
            return Descent(table: child, arrayElements: elements, position: table[key]!.position)
        default:
            let existing = table[key]!
            throw TOMLSyntaxError(
                "'\(key)' is already defined at line \(existing.position.line) as \(existing.typeName), not a table",
                at: position)
        }
    }
}

extension TOMLValue {
    var isTable: Bool {
        if case .table = storage { return true }
        return false
    }
}
