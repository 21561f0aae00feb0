import GatewayCodes
import Testing

@testable import GatewayCore

@Suite("Double reads, GS substitutes, scanner pipeline")
struct DoubleReadAndSubstitutionTests {
    @Test func doubleReadWithinTheWindowIsSuppressed() {
        var filter = DoubleReadFilter(window: .milliseconds(500))
        let code: [UInt8] = [0x41]
        let reads: [([UInt8], UInt64)] = [
            (code, 0), (code, 400_000_000), (code, 800_000_000), (code, 1_400_000_000), ([0x42], 1_400_000_001),
            (code, 1_400_000_002),
        ]
        let admitted = reads.map { filter.admit($0.0, atNanoseconds: $0.1) }
        // The window runs from the last read, suppressed ones included (continuous-mode scanners).
        #expect(admitted == [true, false, false, true, true, true])
    }

    @Test func zeroWindowAdmitsEverything() {
        var filter = DoubleReadFilter(window: .zero)
        let first = filter.admit([1], atNanoseconds: 0)
        let second = filter.admit([1], atNanoseconds: 0)
        #expect(first && second)
    }

    @Test(arguments: ["#", "|", "~", "^]", "<GS>", "{GS}", " "])
    func substitutesBecomeGroupSeparators(substitute: String) {
        let substitution = GroupSeparatorSubstitution([substitute])
        let input = Array("0104150123456782\(substitute)10A\(substitute)17271231".utf8)
        #expect(substitution.apply(to: input) == Array("0104150123456782\u{1D}10A\u{1D}17271231".utf8))
    }

    @Test func longestSubstituteWins() {
        let substitution = GroupSeparatorSubstitution(["<", "<GS>"])
        #expect(substitution.apply(to: Array("a<GS>b<c".utf8)) == Array("a\u{1D}b\u{1D}c".utf8))
        #expect(GroupSeparatorSubstitution([]).apply(to: [0x23]) == [0x23])
    }

    func pipeline(window: Duration = .milliseconds(500)) -> ScannerPipeline {
        ScannerPipeline(
            scannerID: "dock-1-wedge", station: "dock-1", builder: ScanEventBuilder(decoder: CodeDecoder()),
            substitution: GroupSeparatorSubstitution(["<GS>"]), doubleReadWindow: window)
    }

    @Test func pipelineDecodesSubstitutesAndSuppressesDoubleReads() {
        var pipeline = pipeline()
        let frame = ScanFrame(
            bytes: Array("0104150123456782<GS>10LOT1".utf8), end: .terminator, firstNanoseconds: 0, lastNanoseconds: 0)
        let draft = pipeline.draft(for: frame, wallMilliseconds: 1000, monotonicNanoseconds: 1_000_000)
        #expect(draft?.type == .scan)
        #expect(draft?.raw == "0104150123456782\u{1D}10LOT1")
        #expect(draft?.code?.kind == .gs1)
        #expect(draft?.code?.fields.lot == "LOT1")
        #expect(draft?.source == EventSource(kind: "scanner", id: "dock-1-wedge"))
        #expect(pipeline.draft(for: frame, wallMilliseconds: 1100, monotonicNanoseconds: 100_000_000) == nil)
        #expect(pipeline.suppressedDoubleReads == 1)
    }

    @Test func aimIdentifierIsPrefixedForTheDecoder() {
        var pipeline = pipeline()
        let frame = ScanFrame(
            bytes: Array("0104150123456782".utf8), symbology: "]d2", end: .terminator, firstNanoseconds: 0,
            lastNanoseconds: 0)
        let draft = pipeline.draft(for: frame, wallMilliseconds: 0, monotonicNanoseconds: 0)
        #expect(draft?.raw == "]d20104150123456782")
        #expect(draft?.code?.fields.gtin == "04150123456782")
    }

    @Test func partialScansAreEventsWithAnAlarmAndNeverSuppressed() {
        var pipeline = pipeline()
        let frame = ScanFrame(
            bytes: Array("01041501".utf8), end: .interrupted, damage: "device unplugged", firstNanoseconds: 0,
            lastNanoseconds: 0)
        for time in [0, 1] as [UInt64] {
            let draft = pipeline.draft(for: frame, wallMilliseconds: 0, monotonicNanoseconds: time)
            #expect(draft?.type == .scan)
            #expect(draft?.raw == "01041501")
            #expect(draft?.alarm?.kind == "partial_scan")
            #expect(draft?.alarm?.message.contains("device unplugged") == true)
        }
    }
}
