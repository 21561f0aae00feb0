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
        while let (record, firstLine) = try nextRecord() {
            if let row = try parser.parse(record[...], line: firstLine) { return row }
        }
        return nil
    }

    private func nextRecord() throws -> ([UInt8], Int)? {
        guard var record = try nextLine() else { return nil }
        let firstLine = lineNumber
        if parser.format == .csv {
            var open = CSVFields.leavesQuoteOpen(record[...], wasOpen: false)
            while open, let more = try nextLine() {
                record += more
                open = CSVFields.leavesQuoteOpen(more[...], wasOpen: open)
            }
        }
        return (record, firstLine)
    }

    private func nextLine() throws -> [UInt8]? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0 else {
            if ferror(file) != 0 {
                let reason = String(cString: strerror(errno))
                throw CatalogFileReaderError(message: "read error at line \(lineNumber + 1): \(reason)")
            }
            return nil
        }
        lineNumber += 1
        guard let buffer else { return [] }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}

/// A catalogue file could not be opened or read.
struct CatalogFileReaderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
