import ArgumentParser
import Foundation
import GatewayCodes

/// `spd-gateway decode`: decode barcode scans from stdin, one JSON object per line on stdout.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode barcode scans (GS1, Digital Link, HIBCC, ISBT 128, MA, in-hospital) read from stdin.",
        discussion: """
        Reads one scan per line (lines end at LF only; a CR before it is part of the scan and is stripped as a \
        scanner terminator) and writes one JSON object per line, in the format documented in docs/codes.md.
        With --jsonl each input line is a JSON object with "input" (text) or "input_hex" (bytes), and an \
        optional "id" that is echoed in the output.

        Examples:
          printf '01095060001343521725123110ABC\\n' | spd-gateway decode
          spd-gateway decode --gs-alias '<GS>' --reference-date 2026-11-23 < scans.txt
        """
    )

    @Flag(help: "Input lines are JSON objects with \"input\" or \"input_hex\" (and optional \"id\").")
    var jsonl = false

    @Flag(help: "Strict GS1 validation: reject what the default mode accepts with warnings.")
    var strict = false

    @Option(
        name: .customLong("gs-alias"), help: "Literal text the scanner sends for GS/FNC1, e.g. '<GS>' (repeatable).")
    var gsAliases: [String] = []

    @Flag(name: .customLong("caps-lock-inverted"), help: "The scanner typed with caps lock inverted; swap letter case.")
    var capsLockInverted = false

    @Option(name: .customLong("reference-date"),
            help: "Today's date (YYYY-MM-DD) for two-digit years; default: today from the system clock.")
    var referenceDate: String?

    func validate() throws {
        if let referenceDate, CivilDate(iso: referenceDate) == nil {
            throw ValidationError("--reference-date must be a real date written YYYY-MM-DD, got '\(referenceDate)'")
        }
        if gsAliases.contains(where: \.isEmpty) { throw ValidationError("--gs-alias must not be empty") }
    }

    func run() throws {
        let options = DecodeOptions(
            strict: strict, gsAliases: gsAliases, invertCapsLock: capsLockInverted,
            referenceDate: referenceDate.flatMap(CivilDate.init(iso:)) ?? Self.today()
        )
        let decoder = CodeDecoder(options: options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var pending = Data()
        while let chunk = try FileHandle.standardInput.read(upToCount: 64 * 1024), !chunk.isEmpty {
            pending.append(chunk)
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                try emit(line, decoder: decoder, encoder: encoder)
                pending = pending[(newline + 1)...]
            }
        }
        if !pending.isEmpty { try emit(pending, decoder: decoder, encoder: encoder) }
    }

    private func emit(_ line: Data, decoder: CodeDecoder, encoder: JSONEncoder) throws {
        var output: Data
        if jsonl {
            output = try DecodeCommandJSONLines.decode(line, decoder: decoder, encoder: encoder)
        } else {
            output = try encoder.encode(decoder.decode(Array(line)))
        }
        output.append(0x0A)
        FileHandle.standardOutput.write(output)
    }

    /// Today's civil date in the system's local time zone.
    static func today() -> CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

/// The `--jsonl` input form: `{"id": ..., "input": "..."}` or `{"id": ..., "input_hex": "1d30..."}`.
enum DecodeCommandJSONLines {
    static func decode(_ line: Data, decoder: CodeDecoder, encoder: JSONEncoder) throws -> Data {
        let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
        let code: DecodedCode
        if let text = object?["input"] as? String {
            code = decoder.decode(text)
        } else if let hex = object?["input_hex"] as? String, let bytes = bytes(fromHex: hex) {
            code = decoder.decode(bytes)
        } else {
            code = .invalid(DecodeError(kind: .notABarcode,
                                        message: "line is not a JSON object with \"input\" or valid \"input_hex\""))
        }
        var result = try JSONSerialization.jsonObject(with: encoder.encode(code)) as? [String: Any] ?? [:]
        if let id = object?["id"] { result["id"] = id }
        return try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8).filter { $0 != UInt8(ascii: " ") }
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }
}
