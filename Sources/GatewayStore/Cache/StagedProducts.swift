import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The products of one import, kept as compact records and handed back sorted by id (then file order) for the
/// merge into `product`.
///
/// Why not a staging table and `ORDER BY`: that wrote every row into a B-tree, read it back, built SQLite records
/// for its sorter and decoded them again; half the cost of an import. Here a row is appended to a byte arena as
/// it is read; when the arena reaches `memoryLimit` it is sorted by (id, arrival) and written to an anonymous temp
/// file as one run, and the runs are merged at the end. Memory stays bounded whatever the file's size.
final class StagedProducts {
    /// One staged row, its text pointing into the stager's buffers (valid only during the call that gets it).
    struct Row {
        /// The product's id when its key is a GTIN-14; nil for other keys (given an id at the merge).
        var id: Int64?
        /// Arrival order in the import: the last row of a key wins.
        var sequence: Int64
        /// key, name, specification, manufacturer, registration, insurance_code, charge_code, unit.
        var texts: [UnsafeRawBufferPointer?]
        var unitWeightGrams: Double?
        var toleranceGrams: Double?
        var highValue: Bool
        var recalled: Bool
        var blocked: Bool
        var nearExpiryDays: Int64?
        var generation: Int64
    }

    static let textCount = 8
    private let memoryLimit: Int
    private let arena = ByteArena()
    /// (sort id, arrival, offset of the record in `arena`) of the rows in memory.
    private var entries: [(id: Int64, sequence: Int64, offset: Int)] = []
    private var runs: [UnsafeMutablePointer<FILE>] = []
    private(set) var count = 0

    init(memoryLimit: Int = 64 << 20) {
        self.memoryLimit = memoryLimit
    }

    deinit { removeAll() }

    /// Forgets every row (and closes the runs' temp files, which deletes them).
    func removeAll() {
        for run in runs { fclose(run) }
        runs.removeAll()
        arena.removeAll(keepingCapacity: false)
        entries.removeAll(keepingCapacity: false)
        count = 0
    }

    // MARK: Appending

    /// Appends a row read from a file line; its bytes are copied.
    func append(_ row: Row) throws {
        try append(row, texts: row.texts)
    }

    /// Appends a validated product record (the general path).
    func append(_ record: CatalogRecord, id: Int64?, sequence: Int64, generation: Int64) throws {
        let row = Row(
            id: id, sequence: sequence, texts: [], unitWeightGrams: record.unitWeightGrams,
            toleranceGrams: record.toleranceGrams, highValue: record.highValue == true,
            recalled: record.recalled == true, blocked: record.blocked == true,
            nearExpiryDays: record.nearExpiryDays.map(Int64.init), generation: generation)
        // The texts' bytes side by side in one buffer, then appended as a file line's are (the rare path).
        var joined: [UInt8] = []
        var ranges: [Range<Int>?] = []
        for text in [
            record.key, record.name, record.specification, record.manufacturer, record.registration,
            record.insuranceCode, record.chargeCode, record.unit,
        ] {
            guard let text else {
                ranges.append(nil)
                continue
            }
            let start = joined.count
            joined.append(contentsOf: text.utf8)
            ranges.append(start..<joined.count)
        }
        try joined.withUnsafeBytes { bytes in
            try append(row, texts: ranges.map { range in range.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) } })
        }
    }

    /// Record: u32 length, id (i64, Int64.max when none), sequence, generation, flags, weight, tolerance, days,
    /// then each text as an i32 length (-1 for NULL) and its bytes.
    private func append(_ row: Row, texts: [UnsafeRawBufferPointer?]) throws {
        precondition(texts.count == Self.textCount, "a staged product has \(Self.textCount) texts")
        var length = Self.headerSize
        for text in texts { length += 4 + (text?.count ?? 0) }
        var flags: UInt8 = 0
        if row.highValue { flags |= 1 }
        if row.recalled { flags |= 2 }
        if row.blocked { flags |= 4 }
        if row.unitWeightGrams != nil { flags |= 8 }
        if row.toleranceGrams != nil { flags |= 16 }
        if row.nearExpiryDays != nil { flags |= 32 }
        let offset = arena.append(byteCount: length) { record in
            record.write(UInt32(length))
            record.write(row.id ?? Int64.max)
            record.write(row.sequence)
            record.write(row.generation)
            record.write(flags)
            record.write((row.unitWeightGrams ?? 0).bitPattern)
            record.write((row.toleranceGrams ?? 0).bitPattern)
            record.write(row.nearExpiryDays ?? 0)
            for text in texts {
                if let text {
                    record.write(Int32(text.count))
                    record.write(text)
                } else {
                    record.write(Int32(-1))
                }
            }
        }
        entries.append((row.id ?? Int64.max, row.sequence, offset))
        count += 1
        if arena.count >= memoryLimit { try spill() }
    }

    /// Bytes of a record before its texts (see `append(_:texts:)`).
    private static let headerSize = 4 + 8 + 8 + 8 + 1 + 8 + 8 + 8

    /// Sorts the rows in memory and writes them to a temp file as one run.
    private func spill() throws {
        sortEntries()
        guard let file = tmpfile() else { throw StagedProductsError(message: "cannot create a temp file", errno) }
        runs.append(file)
        let bytes = arena.bytes
        for entry in entries {
            let length = Int(bytes.loadUnaligned(fromByteOffset: entry.offset, as: UInt32.self).littleEndian)
            guard fwrite(bytes.baseAddress! + entry.offset, 1, length, file) == length else {
                throw StagedProductsError(message: "cannot write a temp file", errno)
            }
        }
        guard fflush(file) == 0 else { throw StagedProductsError(message: "cannot write a temp file", errno) }
        rewind(file)
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    private func sortEntries() {
        entries.sort { $0.id != $1.id ? $0.id < $1.id : $0.sequence < $1.sequence }
    }

    // MARK: Reading back

    /// Calls `body` with every row, sorted by id (rows without one last), rows of the same id in arrival order.
    func forEachSorted(_ body: (Row) throws -> Void) throws {
        try forEachSortedRecord { try body(Self.row(at: 0, in: $0)) }
    }

    /// Calls `body` with every record's bytes (see ``row(at:in:)``) in ``forEachSorted(_:)``'s order; the bytes
    /// are valid only during the call.
    func forEachSortedRecord(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if runs.isEmpty {
            sortEntries()
            let bytes = arena.bytes
            for entry in entries {
                let length = Int(bytes.loadUnaligned(fromByteOffset: entry.offset, as: UInt32.self).littleEndian)
                try body(UnsafeRawBufferPointer(rebasing: bytes[entry.offset..<entry.offset + length]))
            }
            return
        }
        if !entries.isEmpty { try spill() }
        var readers = try runs.map { try RunReader(file: $0) }
        while true {
            // The smallest head among the runs (a dozen or two of them: a linear scan is enough).
            var best = -1
            for index in readers.indices where readers[index].hasRow {
                if best < 0 || readers[index].precedes(readers[best]) { best = index }
            }
            guard best >= 0 else { return }
            try readers[best].record.withUnsafeBytes { try body($0) }
            try readers[best].advance()
        }
    }

    /// Decodes the record at `offset` (text pointing into `bytes`).
    static func row(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Row {
        var position = offset + 4
        func load<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { position += MemoryLayout<T>.size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
        }
        let id = load(Int64.self)
        let sequence = load(Int64.self)
        let generation = load(Int64.self)
        let flags = load(UInt8.self)
        let weight = Double(bitPattern: load(UInt64.self))
        let tolerance = Double(bitPattern: load(UInt64.self))
        let days = load(Int64.self)
        var texts: [UnsafeRawBufferPointer?] = []
        texts.reserveCapacity(textCount)
        for _ in 0..<textCount {
            let length = Int(load(Int32.self))
            if length < 0 {
                texts.append(nil)
            } else {
                texts.append(UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]))
                position += length
            }
        }
        return Row(
            id: id == Int64.max ? nil : id, sequence: sequence, texts: texts,
            unitWeightGrams: flags & 8 != 0 ? weight : nil, toleranceGrams: flags & 16 != 0 ? tolerance : nil,
            highValue: flags & 1 != 0, recalled: flags & 2 != 0, blocked: flags & 4 != 0,
            nearExpiryDays: flags & 32 != 0 ? days : nil, generation: generation)
    }

    /// Reads one run back, a record at a time.
    private struct RunReader {
        let file: UnsafeMutablePointer<FILE>
        var record: [UInt8] = []
        var hasRow = false
        var id: Int64 = 0
        var sequence: Int64 = 0

        init(file: UnsafeMutablePointer<FILE>) throws {
            self.file = file
            setvbuf(file, nil, _IOFBF, 256 << 10)
            try advance()
        }

        func precedes(_ other: RunReader) -> Bool {
            id != other.id ? id < other.id : sequence < other.sequence
        }

        mutating func advance() throws {
            var length: UInt32 = 0
            let got = withUnsafeMutableBytes(of: &length) { fread($0.baseAddress, 1, 4, file) }
            guard got == 4 else {
                guard feof(file) != 0 else { throw StagedProductsError(message: "cannot read a temp file", errno) }
                hasRow = false
                return
            }
            let total = Int(UInt32(littleEndian: length))
            record.removeAll(keepingCapacity: true)
            record.append(contentsOf: repeatElement(0, count: total))
            let body = total - 4
            let read = record.withUnsafeMutableBytes { bytes in
                bytes.storeBytes(of: length, as: UInt32.self)
                return fread(bytes.baseAddress! + 4, 1, body, file)
            }
            guard read == body else { throw StagedProductsError(message: "cannot read a temp file", errno) }
            record.withUnsafeBytes { bytes in
                id = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: Int64.self))
                sequence = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: Int64.self))
            }
            hasRow = true
        }
    }
}

/// A temp file for an import's sort could not be made, written or read.
struct StagedProductsError: Error, CustomStringConvertible {
    var message: String
    var code: Int32

    init(message: String, _ code: Int32) {
        self.message = message
        self.code = code
    }

    var description: String { "\(message): \(String(cString: strerror(code)))" }
}
