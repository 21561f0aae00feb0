import GatewayCodes
import GatewayCore

/// The scan path's decoders, kept up to date with the catalogue: the in-hospital code formats (wristbands,
/// badges, package codes...) arrive by import or sync while the daemon runs, and the next scan must know them
/// without a restart. The reference date for two-digit years follows the scan's day.
///
/// Each call checks SQLite's data version on the reader connection (one small statement); the formats are read
/// again only when another connection committed, and the decoder is rebuilt only when they or the day changed.
/// If the formats cannot be read, the last ones stay in use and `onReadError` is told (once until a read works).
public final class CatalogCodeDecoders: CodeDecoderSource {
    private struct State {
        var dataVersion: Int64?
        var rules: [HospitalCodeRule]
        var day: CivilDate
        var decoder: CodeDecoder
        var failing = false
    }

    private let cache: CatalogCache
    private let options: DecodeOptions
    private let onReadError: @Sendable (any Error) -> Void
    private let state: Locked<State>

    /// - Parameters:
    ///   - options: every option but `hospitalRules` (taken from the catalogue) and `referenceDate` (the day).
    ///   - startMilliseconds: now; the first decoder is built here, with the formats the file holds.
    public init(
        cache: CatalogCache, options: DecodeOptions, atMilliseconds startMilliseconds: Int64,
        onReadError: @escaping @Sendable (any Error) -> Void
    ) {
        self.cache = cache
        self.options = options
        self.onReadError = onReadError
        let day = CivilDate(unixMilliseconds: startMilliseconds)
        state = Locked(State(dataVersion: nil, rules: [], day: day, decoder: Self.decoder(options, [], day)))
        _ = decoder(atMilliseconds: startMilliseconds)
    }

    public func decoder(atMilliseconds timeMilliseconds: Int64) -> CodeDecoder {
        state.withLock { state in
            var rules = state.rules
            do {
                if let fresh = try cache.codeFormats(ifChangedSince: &state.dataVersion) { rules = fresh }
                state.failing = false
            } catch {
                if !state.failing { onReadError(error) }
                state.failing = true
            }
            let day = CivilDate(unixMilliseconds: timeMilliseconds)
            if rules != state.rules || day != state.day {
                state.rules = rules
                state.day = day
                state.decoder = Self.decoder(options, rules, day)
            }
            return state.decoder
        }
    }

    private static func decoder(_ options: DecodeOptions, _ rules: [HospitalCodeRule], _ day: CivilDate)
        -> CodeDecoder
    {
        var options = options
        options.hospitalRules = rules
        options.referenceDate = day
        return CodeDecoder(options: options)
    }
}
