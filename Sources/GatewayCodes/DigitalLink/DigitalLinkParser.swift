/// Parses a GS1 Digital Link URI (uncompressed):
/// `http(s)://host[/prefix]/PK/value[/qualifier/value...][?ai=value&...]`.
///
/// Path AIs must start with a primary key (dictionary `dlpkey`) and qualifiers follow one of its `dlpkey`
/// sequences in order; query parameters whose key is a known AI are data attributes, others are ignored.
struct DigitalLinkParser {
    let strict: Bool
    let referenceDate: CivilDate
    let tables: GS1Tables
    let input: InputText

    // The decoder is borrowed and only these three read from it: holding a copy of the whole decoder retained
    // and released each of its references on every URI.
    init(decoder: borrowing CodeDecoder, input: InputText) {
        strict = decoder.options.strict
        referenceDate = decoder.options.referenceDate
        tables = decoder.gs1Tables
        self.input = input
    }

    private var bytes: UnsafeBufferPointer<UInt8> { input.bytes }

    static let convenienceAlphas: Set<String> = [
        "gtin", "itip", "cpv", "lot", "ser", "sscc", "gln", "glnx", "party", "gsrn", "gsrnp", "gdti", "grai", "giai",
        "gcn", "ginc", "gsin", "cpid", "cpsn", "gmn", "tpx", "upui", "exp", "bbd", "refno", "srin", "gsrnext",
    ]

    /// Decodes the URI in `range` into `result` (cleared first).
    func decode(_ range: Range<Int>, _ symbology: Range<Int>?, into result: inout DecodedCode) {
        result.reset(to: .digitalLink, input: input, symbology: nil)
        var builder = GS1MessageBuilder(input: input, strict: strict, referenceDate: referenceDate, tables: tables)
        // Decoded values are never longer than the URI, plus 14 bytes for a short GTIN padded to GTIN-14 (on a
        // short URI, such as a test label's `http://a/01/95012346`, the padding did not fit the URI's length).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count + 14) { scratch in
            parse(range, scratch: scratch, &builder, &result.fields)
        }
        builder.finish(kind: .digitalLink, symbology: symbology, into: &result)
    }

    private func parse(_ range: Range<Int>, scratch: UnsafeMutableBufferPointer<UInt8>,
                       _ builder: inout GS1MessageBuilder, _ fields: inout CodeFields) {
        let start = range.lowerBound
        guard let schemeEnd = schemeEnd(at: start) else {
            builder.fail(.digitalLink, "URI scheme must be http or https, all lower or all upper case", at: start)
            return
        }
        var cursor = schemeEnd
        while cursor < range.upperBound, !isOneOf(bytes[cursor], "/?#") { cursor += 1 }
        guard cursor > schemeEnd else {
            builder.fail(.digitalLink, "URI has no host", at: schemeEnd)
            return
        }
        let pathStart = cursor
        while cursor < range.upperBound, !isOneOf(bytes[cursor], "?#") { cursor += 1 }
        let path = pathStart..<cursor
        var query: Range<Int> = cursor..<cursor
        if cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "?") {
            var queryEnd = cursor + 1
            while queryEnd < range.upperBound, bytes[queryEnd] != UInt8(ascii: "#") { queryEnd += 1 }
            query = (cursor + 1)..<queryEnd
        }
        var state = DigitalLinkState(scratch: scratch)
        guard parsePath(path, &state, &builder, &fields), !builder.failed else { return }
        parseQuery(query, &state, &builder, &fields)
    }

    /// Offset after `http://` or `https://` when the scheme is all lower or all upper case.
    private func schemeEnd(at start: Int) -> Int? {
        // Tested one by one: an array literal of the four schemes was allocated on every call.
        if ASCII.hasPrefix(bytes, at: start, "https://") || ASCII.hasPrefix(bytes, at: start, "HTTPS://") {
            return start + 8
        }
        if ASCII.hasPrefix(bytes, at: start, "http://") || ASCII.hasPrefix(bytes, at: start, "HTTP://") {
            return start + 7
        }
        return nil
    }

    private func isOneOf(_ byte: UInt8, _ set: StaticString) -> Bool {
        UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(byte)
    }

    /// The definition index of a path or query key that is exactly a known AI.
    func exactAI(_ key: Range<Int>) -> Int? { tables.exactAI(bytes, key) }

    private func parsePath(_ path: Range<Int>, _ state: inout DigitalLinkState, _ builder: inout GS1MessageBuilder,
                           _ fields: inout CodeFields) -> Bool {
        // Segments, and the AI each one names (-1 if none), in stack buffers: a RangeList read at a variable
        // index spilled its SIMD vectors on every access, and the AI of a key was looked up two or three times
        // (together about 2,000 instructions per URI). Non-empty segments are separated by slashes, so there
        // are at most (count + 1) / 2 of them.
        let capacity = path.count / 2 + 1
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: capacity) { segmentBuffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity) { aiBuffer in
                var count = 0
                func addSegment(_ segment: Range<Int>) {
                    guard count < capacity, let base = segmentBuffer.baseAddress, let ais = aiBuffer.baseAddress
                    else { return }
                    (base + count).initialize(to: segment)
                    (ais + count).initialize(to: exactAI(segment) ?? -1)
                    count += 1
                }
                var segmentStart = path.lowerBound
                for index in path.lowerBound..<path.upperBound where bytes[index] == UInt8(ascii: "/") {
                    if index > segmentStart { addSegment(segmentStart..<index) }
                    segmentStart = index + 1
                }
                if path.upperBound > segmentStart { addSegment(segmentStart..<path.upperBound) }
                let segments = UnsafeBufferPointer(rebasing: segmentBuffer[0..<count])
                let ais = UnsafeBufferPointer(rebasing: aiBuffer[0..<count])
                return parsePairs(segments, ais, path, &state, &builder, &fields)
            }
        }
    }

    /// The AI/value pairs at the end of the path: a primary key, then qualifiers in a `dlpkey` order.
    private func parsePairs(_ segments: UnsafeBufferPointer<Range<Int>>, _ ais: UnsafeBufferPointer<Int>,
                            _ path: Range<Int>, _ state: inout DigitalLinkState,
                            _ builder: inout GS1MessageBuilder, _ fields: inout CodeFields) -> Bool {
        var pairStart = segments.count
        while pairStart >= 2, ais[pairStart - 2] >= 0 { pairStart -= 2 }
        guard pairStart < segments.count else { return failNoPrimaryKey(segments, path, &builder) }
        let primary = ais[pairStart]
        guard primary >= 0, tables.records[primary].isPrimaryKey else {
            return builder.fail(.digitalLink, "URI path must start its AIs with a GS1 primary key",
                                at: segments[pairStart].lowerBound)
        }
        for pair in stride(from: pairStart, to: segments.count, by: 2) {
            guard ais[pair] >= 0 else { return false }
            guard state.appendValue(ais[pair], segments[pair + 1], from: self, &builder, &fields) else { return false }
        }
        // The qualifier AIs after the primary key.
        let qualifierPositions = stride(from: pairStart + 2, to: segments.count, by: 2)
        return checkQualifiers(primary, ais, qualifierPositions, at: segments[pairStart].lowerBound, &builder)
    }

    private func failNoPrimaryKey(_ segments: UnsafeBufferPointer<Range<Int>>, _ path: Range<Int>,
                                  _ builder: inout GS1MessageBuilder) -> Bool {
        if let alpha = segments.first(where: { Self.convenienceAlphas.contains(input.string($0).lowercased()) }) {
            return builder.fail(.digitalLink, "convenience alphas such as /gtin/ are not supported; use numeric AIs",
                                at: alpha.lowerBound)
        }
        if let last = segments.last, last.count >= 8,
           last.allSatisfy({ GS1CharacterSets.contains(.base64url, bytes[$0]) }) {
            return builder.fail(.digitalLink, "compressed Digital Link not supported", at: last.lowerBound)
        }
        return builder.fail(.digitalLink, "no GS1 primary key in the URI path", at: path.lowerBound)
    }

    /// Checks the qualifier AIs `ais[p]` for `p` in `positions` against the key qualifiers of `primary`.
    // Positions into `ais` rather than a lazy map over them: the map's closure captured the buffer and was
    // allocated on the heap on every Digital Link decode.
    private func checkQualifiers(_ primary: Int, _ ais: UnsafeBufferPointer<Int>, _ positions: StrideTo<Int>,
                                 at offset: Int, _ builder: inout GS1MessageBuilder) -> Bool {
        guard positions.contains(where: { _ in true }) else { return true }
        let sequences = GS1ApplicationIdentifierTable.definitions[primary].dlPrimaryKeyQualifiers ?? []
        let fits = sequences.contains { sequence in
            var position = sequence.startIndex
            for aiPosition in positions {
                let qualifier = GS1ApplicationIdentifierTable.aiStrings[ais[aiPosition]]
                guard let found = sequence[position...].firstIndex(of: qualifier) else { return false }
                position = found + 1
            }
            return true
        }
        if fits { return true }
        let key = GS1ApplicationIdentifierTable.aiStrings[primary]
        let qualifiers = positions.map { GS1ApplicationIdentifierTable.aiStrings[ais[$0]] }
        return builder.policy(.digitalLink, .digitalLink,
                              "qualifiers \(qualifiers.joined(separator: "/")) are not in a valid order for (\(key))",
                              at: offset)
    }

    private func parseQuery(_ query: Range<Int>, _ state: inout DigitalLinkState, _ builder: inout GS1MessageBuilder,
                            _ fields: inout CodeFields) {
        var parameterStart = query.lowerBound
        for index in query.lowerBound...query.upperBound
        where index == query.upperBound || bytes[index] == UInt8(ascii: "&") {
            defer { parameterStart = index + 1 }
            guard index > parameterStart,
                  let equals = (parameterStart..<index).first(where: { bytes[$0] == UInt8(ascii: "=") })
            else { continue }
            let key = parameterStart..<equals
            guard let definition = exactAI(key) else { continue }  // non-AI parameters are ignored
            if !tables.records[definition].digitalLinkAttribute {
                let ai = GS1ApplicationIdentifierTable.aiStrings[definition]
                guard builder.policy(.digitalLink, .digitalLink, "(\(ai)) is not permitted as a query attribute",
                                     at: key.lowerBound) else { return }
            }
            guard state.appendValue(definition, (equals + 1)..<index, from: self, &builder, &fields) else { return }
        }
    }
}

/// Scratch space for percent-decoded values of one Digital Link URI.
struct DigitalLinkState {
    let scratch: UnsafeMutableBufferPointer<UInt8>
    var used = 0

    init(scratch: UnsafeMutableBufferPointer<UInt8>) {
        self.scratch = scratch
    }

    mutating func appendValue(_ definition: Int, _ value: Range<Int>, from parser: DigitalLinkParser,
                              _ builder: inout GS1MessageBuilder, _ fields: inout CodeFields) -> Bool {
        let start = used
        switch PercentDecoding.decode(parser.input.bytes, value, into: scratch, at: used) {
        case .failure(let malformed):
            return builder.fail(.digitalLink, "malformed percent-encoding", at: malformed.position)
        case .success(let end): used = end
        }
        let decoded = UnsafeBufferPointer(scratch)
        var range = start..<used
        if GS1ApplicationIdentifierTable.aiStrings[definition] == "01", [8, 12, 13].contains(range.count),
           ASCII.allDigits(decoded, range) {
            guard builder.policy(.digitalLink, .digitalLink, "GTIN in a Digital Link must have 14 digits",
                                 at: value.lowerBound) else { return false }
            let padding = 14 - range.count
            guard used + 14 <= scratch.count else {
                return builder.append(definition: definition, value: decoded, range, origin: value.lowerBound,
                                      to: &fields)
            }
            for index in 0..<padding { scratch[used + index] = ASCII.zero }
            for index in 0..<range.count { scratch[used + padding + index] = scratch[start + index] }
            range = used..<(used + 14)
            used += 14
        }
        if range.count == value.count, range.lowerBound == start {
            // Nothing was percent-decoded or padded: record the value as a range of the scan itself rather
            // than copying it into the result's derived text (which allocated once it passed 15 bytes).
            used = start
            return builder.append(definition: definition, value: parser.input.bytes, value, origin: value.lowerBound,
                                  to: &fields)
        }
        return builder.append(definition: definition, value: decoded, range, origin: value.lowerBound,
                              to: &fields)
    }
}
