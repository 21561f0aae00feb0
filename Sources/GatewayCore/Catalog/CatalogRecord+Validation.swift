import GatewayCodes

extension CatalogRecord {
    /// The key products are stored under: a GTIN-8/12/13 becomes its GTIN-14 (the form scans resolve to);
    /// anything else (MA, HIBCC, AHM DIs) is kept as given, trimmed.
    public static func productKey(_ text: String) -> String {
        let trimmed = text.trimmingASCIIWhitespace()
        let utf8 = trimmed.utf8
        guard [8, 12, 13].contains(utf8.count), utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return trimmed }
        return String(repeating: "0", count: 14 - utf8.count) + trimmed
    }

    /// Checks the record for its kind and returns it normalised (product keys as GTIN-14, trimmed text), or the
    /// reason it cannot be stored, for a person: `"label: expiry must be YYYY-MM-DD, got 2026-13-01"`.
    public func validated() -> Result<CatalogRecord, CatalogRecordError> {
        var record = self
        do {
            try record.normalise()
            return .success(record)
        } catch let error as CatalogRecordError {
            return .failure(error)
        } catch {
            return .failure(CatalogRecordError("\(error)"))
        }
    }

    /// Checks only what a delete needs: the kind and its key (`cabinet` + `channel` for slots).
    public func validatedForDelete() -> Result<CatalogRecord, CatalogRecordError> {
        var record = CatalogRecord(kind: kind, key: key.map { kind == .product ? Self.productKey($0) : $0 })
        switch kind {
        case .slot:
            guard let cabinet, !cabinet.isEmpty, let channel else {
                return .failure(CatalogRecordError("slot: a delete needs cabinet and channel"))
            }
            record.cabinet = cabinet
            record.channel = channel
        default:
            guard let key = record.key, !key.isEmpty else {
                return .failure(CatalogRecordError("\(kind.rawValue): a delete needs key"))
            }
        }
        return .success(record)
    }

    private mutating func normalise() throws {
        let label = kind.rawValue
        func required(_ value: String?, _ field: String) throws -> String {
            guard let value = value?.trimmingASCIIWhitespace(), !value.isEmpty else {
                throw CatalogRecordError("\(label): \(field) is required")
            }
            return value
        }
        func nonNegative(_ value: Double?, _ field: String) throws {
            if let value, !(value >= 0) || !value.isFinite {
                throw CatalogRecordError("\(label): \(field) must be a number >= 0, got \(value)")
            }
        }
        switch kind {
        case .product:
            key = Self.productKey(try required(key, "key"))
            if let key, key.utf8.count == 14, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
               !Self.hasValidGTINCheckDigit(key) {
                throw CatalogRecordError("product: key \(key) is a GTIN with a wrong check digit")
            }
            try nonNegative(unitWeightGrams, "unit_weight_g")
            try nonNegative(toleranceGrams, "tolerance_g")
            if let nearExpiryDays, nearExpiryDays < 0 {
                throw CatalogRecordError("product: near_expiry_days must be >= 0, got \(nearExpiryDays)")
            }
        case .package:
            key = try required(key, "key")
            product = Self.productKey(try required(product, "product"))
            guard let quantity, quantity >= 1 else {
                let given = quantity.map(String.init) ?? "nothing"
                throw CatalogRecordError("package: quantity must be an integer >= 1, got \(given)")
            }
        case .label:
            key = try required(key, "key")
            product = Self.productKey(try required(product, "product"))
            if let expiry = expiry?.trimmingASCIIWhitespace(), !expiry.isEmpty {
                guard CivilDate(iso: expiry) != nil else {
                    throw CatalogRecordError("label: expiry must be YYYY-MM-DD, got \(expiry)")
                }
                self.expiry = expiry
            } else {
                expiry = nil
            }
        case .badge:
            key = try required(key, "key")
            user = try required(user, "user")
        case .slot:
            cabinet = try required(cabinet, "cabinet")
            product = Self.productKey(try required(product, "product"))
            guard let channel, channel >= 0 else { throw CatalogRecordError("slot: channel must be an integer >= 0") }
        case .format:
            key = try required(key, "key")
            let meaningText = try required(meaning, "meaning")
            guard HospitalCodeMeaning(rawValue: meaningText) != nil else {
                let known = HospitalCodeMeaning.allCases.map(\.rawValue).joined(separator: ", ")
                throw CatalogRecordError("format: meaning must be one of \(known), got \(meaningText)")
            }
            guard let minLength, let maxLength, minLength >= 1, maxLength >= minLength else {
                throw CatalogRecordError("format: min_length and max_length are required, 1 <= min <= max")
            }
            if let charset, !["digits", "upper_alphanumeric", "alphanumeric"].contains(charset) {
                throw CatalogRecordError("format: charset must be digits, upper_alphanumeric or alphanumeric")
            }
            if let check, CheckAlgorithm(rawValue: check) == nil {
                let known = CheckAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
                throw CatalogRecordError("format: check must be one of \(known), got \(check)")
            }
            // These algorithms' check character is not always a digit (mod 11-2 gives X for 10): a digits-only
            // format would reject every such code, about one in eleven, for no visible reason.
            if (charset ?? "upper_alphanumeric") == "digits", let check,
                ["iso7064_mod11_2", "iso7064_mod37_2", "mod43"].contains(check)
            {
                throw CatalogRecordError(
                    "format: check \(check) gives check characters that are not digits; use charset "
                        + "upper_alphanumeric (or alphanumeric)")
            }
        }
    }

    /// GS1 mod-10 over a GTIN-14 (weights 3, 1 from the right, check digit excluded).
    static func hasValidGTINCheckDigit(_ digits: String) -> Bool {
        var sum = 0
        var count = 0
        var last = 0
        for byte in digits.utf8 {
            // Weights from the left for 14 digits: 3, 1, 3, ... (the 14th, the check digit, is not summed).
            last = Int(byte) - 48
            if count < 13 { sum += last * (count % 2 == 0 ? 3 : 1) }
            count += 1
        }
        return count == 14 && (10 - sum % 10) % 10 == last
    }

    /// The in-hospital code rule a `format` record describes (nil for other kinds or invalid records).
    public var hospitalCodeRule: HospitalCodeRule? {
        guard kind == .format, let key, let meaning = meaning.flatMap(HospitalCodeMeaning.init(rawValue:)),
              let minLength, let maxLength
        else { return nil }
        let set: CodeCharset = switch charset {
        case "digits": .digits
        case "alphanumeric": .alphanumeric
        default: .upperAlphanumeric
        }
        return HospitalCodeRule(
            name: key, meaning: meaning, prefix: prefix ?? "",
            length: minLength == maxLength ? .exact(minLength) : .range(min: minLength, max: maxLength),
            charset: set, check: check.flatMap(CheckAlgorithm.init(rawValue:)))
    }
}

/// Why a catalogue record was rejected, for a person.
public struct CatalogRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        // The common case (nothing to trim) without building a new string: this runs for every cell of an import.
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        if let first = utf8.first, let last = utf8.last, !isSpaceByte(first), !isSpaceByte(last) { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
