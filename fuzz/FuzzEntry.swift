// libFuzzer entry point for GatewayCodes: every input, in default, strict and alias-configured modes, must
// produce a result whose kind and error agree; a trap or sanitizer report is a finding.
// Built by fuzz/run.sh together with the GatewayCodes sources (one module, so no import is needed).

private let decoders = [
    CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(year: 2026, month: 11, day: 23))),
    CodeDecoder(options: DecodeOptions(strict: true, referenceDate: CivilDate(year: 2026, month: 11, day: 23))),
    CodeDecoder(options: DecodeOptions(
        gsAliases: ["<GS>", "|", " "], invertCapsLock: true,
        hospitalRules: [
            HospitalCodeRule(name: "package", meaning: .package, prefix: "PK", length: .range(min: 4, max: 20),
                             charset: .digits, check: .luhn),
            HospitalCodeRule(name: "label", meaning: .uniqueLabel, length: .exact(13), charset: .digits),
        ],
        referenceDate: CivilDate(year: 2026, month: 11, day: 23))),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    for decoder in decoders {
        let code = decoder.decode(bytes)
        if (code.kind == .invalid) != (code.error != nil) {
            fatalError("inconsistent result for \(Array(bytes)): \(code)")
        }
    }
    return 0
}
