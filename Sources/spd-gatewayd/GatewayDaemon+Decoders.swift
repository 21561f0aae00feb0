import GatewayCodes
import GatewayCore
import GatewayStore
import Logging

extension GatewayDaemon {
    /// The decoders every scan source shares: with a catalogue, kept up to date with its in-hospital code formats
    /// (imported or synced while the daemon runs); without one, the built-in grammars only.
    func scanDecoders(cache: CatalogCache?, clock: some GatewayClock) -> any CodeDecoderSource {
        let now = clock.wallMilliseconds()
        let decoders: any CodeDecoderSource
        if let cache {
            let logger = Logger(label: "spd.codes")
            decoders = CatalogCodeDecoders(
                cache: cache, options: DecodeOptions(), atMilliseconds: now,
                onReadError: { error in
                    logger.error(
                        "cannot read the code formats from the catalogue cache; decoding with the last ones read",
                        metadata: ["error": "\(error)"])
                })
        } else {
            decoders = CodeDecoder(options: DecodeOptions(referenceDate: CivilDate(unixMilliseconds: now)))
        }
        // The first decode builds the decoder's tables; pay for it now rather than on a nurse's first scan.
        _ = decoders.decoder(atMilliseconds: now).decode("0109506000134352")
        return decoders
    }
}
