/// Reads ``GS1ApplicationIdentifierTable/specification`` (generated from the GS1 Barcode Syntax Dictionary)
/// into definitions, once, at first use of the table.
enum GS1AISpecificationParser {
    static func definitions(from specification: String) -> [GS1AIDefinition] {
        specification.split(separator: "\n").compactMap(definition)
    }

    /// Linter names in the specification that ``GS1Linter`` does not know (a test keeps this empty).
    static func unknownLinters(in specification: String) -> [String] {
        let names = specification.split(separator: "\n").flatMap { line -> [String] in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 2 else { return [] }
            return fields[2].split(separator: " ").flatMap { $0.split(separator: ",").dropFirst().map(String.init) }
        }
        return names.filter { linter(named: $0) == nil }
    }

    private static let lintersByName: [String: GS1Linter] = Dictionary(
        uniqueKeysWithValues: GS1Linter.allCases.map { (String(describing: $0), $0) })

    static func linter(named name: String) -> GS1Linter? { lintersByName[name] }

    private static func definition(_ line: Substring) -> GS1AIDefinition? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.drop { $0 == " " }
        }
        guard fields.count == 7 else { return nil }
        let requires = fields[3].split(separator: ";").map { group in
            group.split(separator: ",").map { alternative in alternative.split(separator: "+").map(String.init) }
        }
        let dlpkey: [[String]]? = fields[5] == "-" ? nil
            : fields[5].split(separator: "|", omittingEmptySubsequences: false).map {
                $0.split(separator: ",").map(String.init)
            }
        return GS1AIDefinition(
            String(fields[0]),
            predefinedLength: fields[1].contains("*"),
            digitalLinkAttribute: fields[1].contains("?"),
            components: fields[2].split(separator: " ").compactMap(component),
            requires: requires,
            excludes: fields[4].split(separator: ",").map(String.init),
            dlPrimaryKeyQualifiers: dlpkey,
            title: String(fields[6])
        )
    }

    /// `[?]<N|X|Y|Z><min>-<max>[,linter...]`.
    private static func component(_ token: Substring) -> GS1Component? {
        var parts = token.split(separator: ",")
        guard !parts.isEmpty else { return nil }
        var head = parts.removeFirst()
        let optional = head.first == "?"
        if optional { head = head.dropFirst() }
        let charset: GS1Charset
        switch head.first {
        case "N": charset = .numeric
        case "X": charset = .cset82
        case "Y": charset = .cset39
        case "Z": charset = .base64url
        default: return nil
        }
        let bounds = head.dropFirst().split(separator: "-")
        guard bounds.count == 2, let minimum = Int(bounds[0]), let maximum = Int(bounds[1]) else { return nil }
        return GS1Component(
            charset, minimum, maximum, optional: optional, parts.compactMap { linter(named: String($0)) })
    }
}
