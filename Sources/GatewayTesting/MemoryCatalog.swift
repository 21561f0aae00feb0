import GatewayCodes
import GatewayCore

/// The in-memory twin of `GatewayStore.CatalogCache`: the same resolution rules (``CatalogResolution``), ledger
/// and cabinet layout, without a file. For tests of scanners, cabinets and the daemon's composition.
///
/// ```swift
/// let catalog = MemoryCatalog()
/// var balloon = CatalogRecord(kind: .product, key: "06901234567892")
/// balloon.name = "PTCA balloon"
/// catalog.upsert(balloon)
/// ```
public final class MemoryCatalog: CodeResolver, ConsumptionLedger, CabinetSlotSource {
    struct State: CatalogLookup {
        var products: [String: CatalogRecord] = [:]
        var codes: [String: CatalogRecord] = [:]
        var slots: [String: [Int: CatalogRecord]] = [:]
        var formats: [String: CatalogRecord] = [:]
        var consumed: [String: String] = [:]
        var catalogVersion: Int64 = 0

        func product(key: String) -> CatalogProduct? { products[key].map { CatalogProduct($0, key: key) } }
        func hospitalCode(_ code: String) -> RegisteredCode? { codes[code].map { RegisteredCode($0) } }
        func isConsumed(productID: String, serial: String) -> Bool { consumed["\(productID)\u{1F}\(serial)"] != nil }
    }

    private let state = Locked(State())

    public init(version: Int64 = 0, records: [CatalogRecord] = []) {
        state.withLock { $0.catalogVersion = version }
        for record in records { _ = try? upsert(record) }
    }

    /// Validates and stores a record (as an import would); throws the reason when it is invalid.
    public func upsert(_ record: CatalogRecord) throws {
        let valid = try record.validated().get()
        state.withLock { state in
            switch valid.kind {
            case .product: state.products[valid.key ?? ""] = valid
            case .package, .label, .badge: state.codes[valid.key ?? ""] = valid
            case .slot: state.slots[valid.cabinet ?? "", default: [:]][valid.channel ?? 0] = valid
            case .format: state.formats[valid.key ?? ""] = valid
            }
        }
    }

    /// Sets the catalogue version resolutions report.
    public func setVersion(_ version: Int64) { state.withLock { $0.catalogVersion = version } }

    public func resolve(_ code: DecodedCode, atMilliseconds timeMilliseconds: Int64) -> CodeResolution {
        let snapshot = state.withLock { $0 }
        return CatalogResolution.resolve(code, atMilliseconds: timeMilliseconds, in: snapshot)
    }

    public func markConsumed(productID: String, serial: String, eventID: String) -> Bool {
        state.withLock { state in
            let key = "\(productID)\u{1F}\(serial)"
            guard state.consumed[key] == nil || state.consumed[key] == eventID else { return false }
            state.consumed[key] = eventID
            return true
        }
    }

    public func slot(cabinet: String, channel: Int) -> CabinetSlot? {
        state.withLock { state in state.slots[cabinet]?[channel].map { Self.slot($0, state) } }
    }

    public func slots(cabinet: String) -> [CabinetSlot] {
        state.withLock { state in
            (state.slots[cabinet] ?? [:]).sorted { $0.key < $1.key }.map { Self.slot($0.value, state) }
        }
    }

    private static func slot(_ record: CatalogRecord, _ state: State) -> CabinetSlot {
        let product = record.product.flatMap { state.products[$0] }
        return CabinetSlot(
            cabinet: record.cabinet ?? "", channel: record.channel ?? 0, door: record.door, shelf: record.shelf,
            productID: record.product ?? "", productName: product?.name, unitWeightGrams: product?.unitWeightGrams,
            toleranceGrams: product?.toleranceGrams)
    }
}
