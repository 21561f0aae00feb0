/// The one result type of every decode: what the scan is, its fields, warnings, and on failure the error.
///
/// Fields are read directly through dynamic member lookup (`code.gtin`, `code.expiry`, `code.ais`).
/// A decode never throws: invalid input gives `kind == .invalid` and a non-nil ``error``.
@dynamicMemberLookup
public struct DecodedCode: Sendable, Equatable {
    /// The grammar that decoded the input, or `.invalid`.
    public var kind: CodeKind
    /// The decoded fields.
    public var fields: CodeFields
    /// Things accepted leniently (empty in a clean decode).
    public var warnings: [CodeWarning]
    /// Why the input was rejected; non-nil exactly when ``kind`` is `.invalid`.
    public var error: DecodeError?

    /// Creates a result.
    public init(kind: CodeKind, fields: CodeFields = CodeFields(), warnings: [CodeWarning] = [],
                error: DecodeError? = nil) {
        self.kind = kind
        self.fields = fields
        self.warnings = warnings
        self.error = error
    }

    /// An invalid result carrying `error`.
    public static func invalid(_ error: DecodeError, fields: CodeFields = CodeFields(),
                               warnings: [CodeWarning] = []) -> DecodedCode {
        DecodedCode(kind: .invalid, fields: fields, warnings: warnings, error: error)
    }

    /// Whether the decode succeeded (no error).
    public var isValid: Bool { error == nil }

    /// Read access to the read-only views of ``fields`` (such as ``CodeFields/aiElements``).
    public subscript<Value>(dynamicMember keyPath: KeyPath<CodeFields, Value>) -> Value {
        fields[keyPath: keyPath]
    }

    /// Read and write access to ``fields`` as if they were properties of the result.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CodeFields, Value>) -> Value {
        get { fields[keyPath: keyPath] }
        set { fields[keyPath: keyPath] = newValue }
    }
}
