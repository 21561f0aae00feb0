#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One parsed row of a catalogue file: its line number and the record, or why it was rejected.
public struct CatalogFileRow: Sendable, Equatable {
    /// 1-based line number in the file (the first line of the record when a quoted CSV field spans lines).
    public var line: Int
    public var result: Result<CatalogRecord, CatalogRecordError>

    public init(line: Int, result: Result<CatalogRecord, CatalogRecordError>) {
        self.line = line
        self.result = result
    }
}

/// The formats `spd-gateway cache import` reads (docs/cache.md).
public enum CatalogFileFormat: String, Sendable, CaseIterable {
    /// Comma-separated, a header line naming the columns, RFC 4180 quoting.
    case csv
    /// One JSON object per line with the same field names.
    case jsonl

    /// The format a file name suggests (`.jsonl`/`.ndjson` -> jsonl, otherwise csv).
    public static func guess(path: String) -> CatalogFileFormat {
        path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") || path.hasSuffix(".json") ? .jsonl : .csv
    }
}

/// Turns the records (logical lines) of a catalogue file into ``CatalogRecord``s, one at a time, so a file of
/// millions of rows never has to be in memory. Pure: the caller reads the file and splits the records
/// (``CSVRecordSplitter`` joins quoted fields that span lines).
///
/// Every row is validated (``CatalogRecord/validated()``); a bad row gives a reason and the rest go on.
public struct CatalogFileParser: Sendable {
    public let format: CatalogFileFormat
    /// CSV: the header's columns, mapped to record fields (nil for the header line not yet seen).
    private(set) var columns: [CatalogRecord.CodingKeys?]?
    private let decoder = JSONDecoder()

    public init(format: CatalogFileFormat) {
        self.format = format
    }

    /// Parses one logical record. Returns nil for the CSV header, blank lines and `#` comment lines.
    /// - Throws: ``CatalogRecordError`` when the CSV header is unusable (nothing can be imported then).
    public mutating func parse(_ bytes: ArraySlice<UInt8>, line: Int) throws -> CatalogFileRow? {
        var bytes = bytes
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a UTF-8 BOM from Excel
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }), first != UInt8(ascii: "#") else {
            return nil
        }
        switch format {
        case .jsonl:
            return CatalogFileRow(line: line, result: decodeJSON(bytes).flatMap { $0.validated() })
        case .csv:
            guard let columns else {
                self.columns = try Self.header(CSVFields.split(bytes), line: line)
                return nil
            }
            let record = Self.record(CSVFields.split(bytes), columns)
            return CatalogFileRow(line: line, result: record.flatMap { $0.validated() })
        }
    }

    private func decodeJSON(_ bytes: ArraySlice<UInt8>) -> Result<CatalogRecord, CatalogRecordError> {
        do {
            return .success(try decoder.decode(CatalogRecord.self, from: Data(bytes)))
        } catch let DecodingError.keyNotFound(key, _) {
            return .failure(CatalogRecordError("missing field \(key.stringValue)"))
        } catch let DecodingError.typeMismatch(type, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(CatalogRecordError("\(path): expected \(type)"))
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(CatalogRecordError(path.isEmpty ? "not a JSON object" : "\(path): invalid value"))
        } catch {
            return .failure(CatalogRecordError("not a JSON object: \(error)"))
        }
    }

    static func header(_ names: [String], line: Int) throws -> [CatalogRecord.CodingKeys?] {
        var columns: [CatalogRecord.CodingKeys?] = []
        for name in names {
            let trimmed = name.trimmingASCIIWhitespace().lowercased()
            guard let key = CatalogRecord.CodingKeys(rawValue: trimmed) else {
                let known = CatalogRecord.columnNames.joined(separator: ", ")
                throw CatalogRecordError("line \(line): unknown column '\(trimmed)'; known: \(known)")
            }
            if columns.contains(key) { throw CatalogRecordError("line \(line): column '\(trimmed)' appears twice") }
            columns.append(key)
        }
        guard columns.contains(.kind) || columns.contains(.key) else {
            throw CatalogRecordError("line \(line): the header needs a 'kind' or 'key' column")
        }
        return columns
    }

    static func record(_ fields: [String], _ columns: [CatalogRecord.CodingKeys?])
        -> Result<CatalogRecord, CatalogRecordError>
    {
        guard fields.count <= columns.count else {
            return .failure(CatalogRecordError("\(fields.count) fields for \(columns.count) columns"))
        }
        var record = CatalogRecord(kind: .product)
        do {
            for (index, field) in fields.enumerated() where !field.isEmpty {
                guard let column = columns[index] else { continue }
                try record.set(column, field)
            }
        } catch let error as CatalogRecordError {
            return .failure(error)
        } catch {
            return .failure(CatalogRecordError("\(error)"))
        }
        return .success(record)
    }
}
