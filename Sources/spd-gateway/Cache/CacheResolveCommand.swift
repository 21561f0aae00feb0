import ArgumentParser
import GatewayCodes
import GatewayCore
import GatewayStore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `spd-gateway cache resolve CODE`.
struct CacheResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Decode a scan and resolve it against the cache, as the daemon would; prints JSON.",
        discussion: """
            In-hospital codes are decoded with the formats the cache holds (kind "format" rows).

            Example:
              spd-gateway cache resolve 0109506000134352
            """
    )

    @Argument(help: ArgumentHelp("The scanned text.", valueName: "code"))
    var code: String

    @Option(help: ArgumentHelp("Resolve as of this Unix time in milliseconds (default: now).", valueName: "ms"))
    var timeMs: Int64?

    @OptionGroup var location: CacheLocation

    func run() throws {
        let cache = try location.open(create: false)
        let time = timeMs ?? WallClock.nowMilliseconds()
        let options = DecodeOptions(
            hospitalRules: (try? cache.codeFormats()) ?? [], referenceDate: CivilDate(unixMilliseconds: time))
        let decoded = CodeDecoder(options: options).decode(code)
        let output = ResolveOutput(code: decoded, resolution: cache.resolve(decoded, atMilliseconds: time))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }
}

/// `{"code": <decode>, "resolution": "item" | "user" | ..., "item": {...} | "party": {...} | "reason": ...}`.
struct ResolveOutput: Encodable {
    var code: DecodedCode
    var resolution: CodeResolution

    enum CodingKeys: String, CodingKey { case code, resolution, item, party, bin, reason }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        switch resolution {
        case .item(let item):
            try container.encode("item", forKey: .resolution)
            try container.encode(item, forKey: .item)
        case .user(let party):
            try container.encode("user", forKey: .resolution)
            try container.encode(party, forKey: .party)
        case .patient(let party):
            try container.encode("patient", forKey: .resolution)
            try container.encode(party, forKey: .party)
        case .surgery(let party):
            try container.encode("surgery", forKey: .resolution)
            try container.encode(party, forKey: .party)
        case .bin(let bin):
            try container.encode("bin", forKey: .resolution)
            try container.encode(bin, forKey: .bin)
        case .invalid(let reason):
            try container.encode("invalid", forKey: .resolution)
            try container.encode(reason, forKey: .reason)
        }
    }
}
