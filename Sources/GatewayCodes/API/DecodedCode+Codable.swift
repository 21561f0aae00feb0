// The JSON form is part of the gateway's wire protocol (docs/codes.md): field names follow
// codes-sample.jsonl's `expect`, fields are flat, and errors are flattened into `error`/`error_kind`.
extension DecodedCode: Codable {
    private enum Keys: String, CodingKey {
        case kind, warnings, error, errorKind = "error_kind", message, position, decimalValues = "decimal_values"
    }

    /// One derived entry of `decimal_values` (encoding only; recomputed from `ais` when decoding).
    private struct DecimalValue: Encodable {
        let ai: String
        let value: String
        let decimalPlaces: Int
        let currency: String?

        enum CodingKeys: String, CodingKey {
            case ai, value, decimalPlaces = "decimal_places", currency
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(CodeKind.self, forKey: .kind)
        let fields = try CodeFields(from: decoder)
        let warnings = try container.decodeIfPresent([CodeWarning].self, forKey: .warnings) ?? []
        var error: DecodeError?
        if try container.decodeIfPresent(Bool.self, forKey: .error) == true {
            error = DecodeError(
                kind: try container.decode(DecodeErrorKind.self, forKey: .errorKind),
                message: try container.decodeIfPresent(String.self, forKey: .message) ?? "",
                position: try container.decodeIfPresent(Int.self, forKey: .position)
            )
        }
        self.init(kind: kind, fields: fields, warnings: warnings, error: error)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .kind)
        try fields.encode(to: encoder)
        let decimals = (fields.ais ?? []).compactMap { element -> DecimalValue? in
            guard let places = element.decimalPlaces, let value = element.decimalValue else { return nil }
            return DecimalValue(ai: element.ai, value: value, decimalPlaces: places, currency: element.currencyCode)
        }
        if !decimals.isEmpty { try container.encode(decimals, forKey: .decimalValues) }
        try container.encode(warnings, forKey: .warnings)
        if let error {
            try container.encode(true, forKey: .error)
            try container.encode(error.kind, forKey: .errorKind)
            try container.encode(error.message, forKey: .message)
            try container.encodeIfPresent(error.position, forKey: .position)
        }
    }
}
