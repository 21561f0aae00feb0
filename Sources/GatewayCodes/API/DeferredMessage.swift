/// The human message of a ``DecodeError`` or ``CodeWarning``: a string, or the code that renders it when
/// the message is first read.
///
/// Why: a decode that fails (or warns) used to build its message at once, interpolating AI codes, numbers
/// and sub-messages, even when the caller only looked at `kind` or `isValid`, or when the router discarded
/// the result (a GS1 attempt superseded by a hospital rule). Messages are now rendered on read, by the same
/// interpolation, so the text is unchanged. Rendering closures capture only Sendable values (never the
/// scanned bytes, which are gone once the decode returns), which the compiler checks.
struct DeferredMessage: Sendable {
    private enum Storage: Sendable {
        case text(String)
        case deferred(@Sendable () -> String)
    }

    private let storage: Storage

    init(_ text: String) { storage = .text(text) }

    init(rendering render: @escaping @Sendable () -> String) { storage = .deferred(render) }

    /// The message text (rendered again on each read of a deferred message; reads are rare).
    var text: String {
        switch storage {
        case .text(let text): return text
        case .deferred(let render): return render()
        }
    }
}
