import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a catalogue file record by record (a CSV record may span lines inside quotes) and parses each with
/// ``CatalogFileParser``. Streams: memory does not grow with the file.
final class CatalogFileReader {
    private let file: UnsafeMutablePointer<FILE>
    private var parser: CatalogFileParser
    private var lineNumber = 0
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    init(path: String, format: CatalogFileFormat) throws {
        guard let file = fopen(path, "re") else {
            throw CatalogFileReaderError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        parser = CatalogFileParser(format: format)
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next data row, or nil at the end of the file.
    /// - Throws: ``CatalogRecordError`` for an unusable CSV header, ``CatalogFileReaderError`` for a read error.
    func next() throws -> CatalogFileRow? {
        try next(plainProduct: nil)
    }

    /// The next data row that `plainProduct` did not take, or nil at the end of the file.
    ///
    /// Rows ``CatalogFileParser/plainProduct(_:)`` can read from the bytes go to `plainProduct` instead, with the
    /// line's bytes (valid only during the call): no array, string or record is made for them.
    func next(plainProduct: ((PlainProductLine, UnsafeBufferPointer<UInt8>) throws -> Void)?) throws
        -> CatalogFileRow?
    {
        while let line = try nextLine() {
            let firstLine = lineNumber
            if let plainProduct, let plain = parser.plainProduct(line) {
                try plainProduct(plain, line)
                continue
            }
            var record = Array(line)
            if parser.format == .csv {
                // A quoted field may hold line breaks: the record goes on until its quotes are closed.
                var open = CSVFields.leavesQuoteOpen(record[...], wasOpen: false)
                while open, let more = try nextLine() {
                    record.append(contentsOf: more)
                    open = CSVFields.leavesQuoteOpen(ArraySlice(more), wasOpen: open)
                }
            }
            if let row = try parser.parse(record[...], line: firstLine) { return row }
        }
        return nil
    }

    /// The next line with its terminator, in the reader's buffer (valid until the next call); nil at the end.
    private func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0 else {
            if ferror(file) != 0 {
                let reason = String(cString: strerror(errno))
                throw CatalogFileReaderError(message: "read error at line \(lineNumber + 1): \(reason)")
            }
            return nil
        }
        lineNumber += 1
        guard let buffer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: count)
    }
}

/// A catalogue file could not be opened or read.
struct CatalogFileReaderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
