import Foundation
import Testing

@testable import GatewayCodes

@Suite("Generated GS1 AI table")
struct GS1TableTests {
    static let dictionaryURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/gs1-syntax-dictionary.txt").standardizedFileURL

    static var dictionaryAvailable: Bool { FileManager.default.fileExists(atPath: dictionaryURL.path) }

    @Test("the table has one entry per AI of the dictionary (ranges expanded)",
          .enabled(if: dictionaryAvailable, "../shared/data/gs1-syntax-dictionary.txt not found; comparison skipped"))
    func countMatchesDictionary() throws {
        let text = try String(contentsOf: Self.dictionaryURL, encoding: .utf8)
        var ais: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let first = line.split(separator: " ").first else { continue }
            let bounds = first.split(separator: "-")
            if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]) {
                ais += (low...high).map {
                    String(repeating: "0", count: max(0, bounds[0].count - String($0).count)) + String($0)
                }
            } else {
                ais.append(String(first))
            }
        }
        #expect(GS1ApplicationIdentifierTable.count == ais.count)
        #expect(GS1ApplicationIdentifierTable.allAIs == ais)
        let release = text.split(separator: "\n").first { $0.hasPrefix("# Release:") }
        #expect(release?.hasSuffix(GS1ApplicationIdentifierTable.dictionaryRelease) == true)
    }

    @Test("spot checks of generated entries")
    func spotChecks() throws {
        #expect(GS1ApplicationIdentifierTable.count == 541)
        #expect(GS1AISpecificationParser.unknownLinters(in: GS1ApplicationIdentifierTable.specification).isEmpty)
        let gtin = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "01"))
        let gtinRecord = GS1ApplicationIdentifierTable.records[gtin]
        #expect(gtinRecord.predefinedLength && gtinRecord.isFixedLength && gtinRecord.maxLength == 14)
        #expect(GS1ApplicationIdentifierTable.definitions[gtin].dlPrimaryKeyQualifiers == [["22", "10", "21"], ["235"]])
        let lot = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "10"))
        #expect(!GS1ApplicationIdentifierTable.records[lot].predefinedLength)
        #expect(GS1ApplicationIdentifierTable.records[lot].maxLength == 20)
        let itip = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "8006"))
        #expect(GS1ApplicationIdentifierTable.definitions[itip].components.count == 2)
        #expect(!GS1ApplicationIdentifierTable.records[itip].predefinedLength)
        let expiryTime = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "7003"))
        #expect(!GS1ApplicationIdentifierTable.records[expiryTime].predefinedLength)
        let signature = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "8030"))
        #expect(GS1ApplicationIdentifierTable.definitions[signature].components.first?.charset == .base64url)
        #expect(GS1ApplicationIdentifierTable.title(of: "17") == "USE BY or EXPIRY")
        #expect(GS1ApplicationIdentifierTable.title(of: "3105") == "NET WEIGHT (kg)")
        #expect(GS1ApplicationIdentifierTable.title(of: "3106") == nil)
        #expect(GS1ApplicationIdentifierTable.title(of: "99") == "INTERNAL")
        let ai250 = try #require(GS1ApplicationIdentifierTable.definitionIndex(ai: "250"))
        #expect(GS1ApplicationIdentifierTable.definitions[ai250].requires == [[["01"], ["8006"]], [["21"]]])
    }

    @Test("the four-digit index finds every AI and nothing else")
    func index() {
        for (position, ai) in GS1ApplicationIdentifierTable.allAIs.enumerated() {
            #expect(GS1ApplicationIdentifierTable.definitionIndex(ai: ai) == position)
        }
        #expect(GS1ApplicationIdentifierTable.definitionIndex(ai: "23") == nil)
        #expect(GS1ApplicationIdentifierTable.definitionIndex(ai: "0") == nil)
    }

    @Test("the constant character set masks hold exactly the members of the character set tables")
    func characterSetMasks() {
        for (bit, charset) in [(0, GS1Charset.numeric), (1, .cset82), (2, .cset39), (3, .base64url)] {
            let mask = GS1CharacterSets.mask(charset)
            for byte in UInt8.min...UInt8.max {
                let member = GS1CharacterSets.membership[Int(byte)] & (1 << bit) != 0
                #expect(mask.contains(byte) == member, "\(charset) byte \(byte)")
            }
        }
    }
}
