/// A position in a configuration file: 1-based line and column.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column (in characters).
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A parsed TOML value with the position it was written at, so that validation errors can name the line.
public struct TOMLValue: Sendable, Equatable {
    /// The kinds of value TOML 1.0 has, minus dates and times (the gateway's config has no use for them, and
    /// the parser says so when it meets one).
    public enum Storage: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var storage: Storage
    /// Where the value starts.
    public var position: SourcePosition

    public init(_ storage: Storage, at position: SourcePosition) {
        self.storage = storage
        self.position = position
    }

    /// A human name of the value's type, used in "expected X, found Y" messages.
    public var typeName: String {
        switch storage {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A TOML table: keys in the order they were written, each with its value.
public struct TOMLTable: Sendable, Equatable {
    /// Keys in file order.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    /// Where the table was opened (`[header]` line, inline table brace, or the first dotted key).
    public var position: SourcePosition
    /// Whether the table was created implicitly (by `[a.b]` creating `a`, or a dotted key); TOML lets such a
    /// table be defined explicitly once later.
    var isImplicit: Bool
    /// Whether the table was written inline (`{ ... }`); inline tables are closed to later additions.
    var isInline: Bool = false

    public init(at position: SourcePosition, implicit: Bool = false) {
        self.position = position
        self.isImplicit = implicit
    }

    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if let newValue {
                if values[key] == nil { keys.append(key) }
                values[key] = newValue
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var isEmpty: Bool { keys.isEmpty }
}
