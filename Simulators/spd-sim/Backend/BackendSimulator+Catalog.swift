import GatewayCore
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The catalogue the simulated backend publishes: pushed to every gateway by the `catalog` control command, and
/// again to any gateway whose hello reports another version (a gateway that was offline catches up).
struct PublishedCatalog: Sendable {
    var version: Int64
    var records: [CatalogRecord]
    /// Records per `snapshot_chunk` line.
    var chunkSize: Int
}

/// Catalogue commands on their way to one gateway: at most
/// ``BackendSimulator/catalogCommandsUnanswered`` unanswered at a time, the next sent when a reply arrives, as
/// docs/protocol.md asks of a backend ("Order and flow"). Written all at once, a snapshot would queue up in the
/// sockets ahead of the acks, and the gateway would read those only after carrying out the whole snapshot.
struct PacedCommands: Sendable {
    var waiting: [(id: String, line: [UInt8])] = []
    var next = 0
    var unanswered: Set<String> = []

    /// Takes the commands that may be sent now.
    mutating func release(window: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while unanswered.count < window, next < waiting.count {
            unanswered.insert(waiting[next].id)
            lines.append(waiting[next].line)
            next += 1
        }
        if next == waiting.count {
            waiting.removeAll()
            next = 0
        }
        return lines
    }
}

extension BackendSimulator {
    /// Catalogue commands sent to a gateway and not yet answered (docs/protocol.md recommends a few).
    static let catalogCommandsUnanswered = 4

    /// `catalog FILE VERSION [CHUNK]`: reads a catalogue file (CSV or JSONL, as `spd-gateway cache import`),
    /// publishes it as VERSION and sends it as a snapshot to every connected gateway.
    func publishCatalog(_ words: [String]) -> String {
        guard words.count >= 3, let version = Int64(words[2]) else { return "error catalog needs FILE VERSION [CHUNK]" }
        let chunkSize = words.count > 3 ? Int(words[3]) ?? 500 : 500
        let records: [CatalogRecord]
        do {
            records = try Self.readCatalog(path: words[1])
        } catch {
            return "error \(error)"
        }
        let published = PublishedCatalog(version: version, records: records, chunkSize: max(1, chunkSize))
        catalog.withLock { $0 = published }
        let channels = connections.withLock { $0 }
        for (id, channel) in channels {
            let lines = pace(Self.snapshotLines(published), connection: id)
            channel.writeAndFlush(ByteBuffer(bytes: lines.flatMap { $0 }), promise: nil)
        }
        return "ok catalog version \(version) records \(records.count) sent to \(channels.count)"
    }

    /// What to send after a gateway's hello on `connection`: the published catalogue, if the gateway is at another
    /// version (the first few commands of it; see ``PacedCommands``).
    func catalogCatchUp(for hello: GatewayHello, connection: Int) -> [[UInt8]] {
        guard let published = catalog.withLock({ $0 }), hello.catalogVersion != published.version else { return [] }
        announce("gateway \(hello.gateway) is at catalogue version \(hello.catalogVersion.map(String.init) ?? "none"); "
            + "sending version \(published.version)")
        return pace(Self.snapshotLines(published), connection: connection)
    }

    /// Queues `commands` for `connection`; returns the lines to send now.
    func pace(_ commands: [(id: String, line: [UInt8])], connection: Int) -> [[UInt8]] {
        pacedCommands.withLock { paced in
            paced[connection, default: PacedCommands()].waiting += commands
            return paced[connection]!.release(window: Self.catalogCommandsUnanswered)
        }
    }

    /// A reply with `id` arrived on `connection`; returns the catalogue commands that may follow now.
    func answered(_ id: String, connection: Int) -> [[UInt8]] {
        pacedCommands.withLock { paced in
            guard paced[connection]?.unanswered.remove(id) != nil else { return [] }
            return paced[connection]!.release(window: Self.catalogCommandsUnanswered)
        }
    }

    /// begin, chunks, commit.
    static func snapshotLines(_ published: PublishedCatalog) -> [(id: String, line: [UInt8])] {
        let snapshot = "snap-\(published.version)"
        var lines = [command(CatalogSyncCommand(
            id: "\(snapshot)-begin", operation: .snapshotBegin, version: published.version, snapshot: snapshot))]
        var start = 0
        while start < published.records.count {
            let end = min(start + published.chunkSize, published.records.count)
            lines.append(command(CatalogSyncCommand(
                id: "\(snapshot)-\(start)", operation: .snapshotChunk, snapshot: snapshot,
                records: Array(published.records[start..<end]))))
            start = end
        }
        lines.append(command(CatalogSyncCommand(
            id: "\(snapshot)-commit", operation: .snapshotCommit, version: published.version, snapshot: snapshot,
            count: published.records.count)))
        return lines
    }

    static func command(_ command: CatalogSyncCommand) -> (id: String, line: [UInt8]) {
        (command.id, WireCodec.line(command))
    }

    /// Parses a catalogue file; a row the gateway would reject is refused here too (a backend sends clean data).
    static func readCatalog(path: String) throws -> [CatalogRecord] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReceptionLogError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        let format: CatalogFileFormat = .guess(path: path)
        var parser = CatalogFileParser(format: format)
        var records: [CatalogRecord] = []
        var record: [UInt8] = []
        var firstLine = 0
        var open = false
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if !open { firstLine = index + 1 }
            record += line
            if format == .csv { open = CSVFields.leavesQuoteOpen(line, wasOpen: open) }
            if open {
                record.append(UInt8(ascii: "\n"))
                continue
            }
            defer { record.removeAll(keepingCapacity: true) }
            guard let row = try parser.parse(record[...], line: firstLine) else { continue }
            switch row.result {
            case .success(let valid): records.append(valid)
            case .failure(let error): throw ReceptionLogError(message: "\(path):\(row.line): \(error.message)")
            }
        }
        return records
    }
}
