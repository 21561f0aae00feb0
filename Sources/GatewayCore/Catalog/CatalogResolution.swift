import GatewayCodes

/// The resolution rules, shared by every ``CatalogLookup``: which key a decoded code is looked up by, and which
/// flags the result carries. Pure.
public enum CatalogResolution {
    /// Resolves `code` against `lookup` as of `timeMilliseconds` (UTC day, for expiry).
    public static func resolve(
        _ code: DecodedCode, atMilliseconds timeMilliseconds: Int64, in lookup: some CatalogLookup
    ) -> CodeResolution {
        if let error = code.error { return .invalid(reason: error.message) }
        let today = CivilDate(unixMilliseconds: timeMilliseconds)
        switch code.kind {
        case .internal:
            return resolveInternal(code, today: today, lookup)
        case .gs1, .gtin, .digitalLink, .hibcc, .ma, .ahm, .isbt128:
            // The first candidate the catalogue knows, each tried once (a DI or product code equal to the GTIN
            // is not looked up again).
            let gtin = code.gtin
            let di = gtin == nil ? code.di : code.di.flatMap { $0 == gtin ? nil : $0 }
            let productCode = code.productCode.flatMap { $0 == gtin || $0 == di ? nil : $0 }
            // Switched over as it is returned, so the product is moved into the binding, not copied.
            var facts = ProductFacts()
            var item = switch firstProduct((gtin, di, productCode), lookup) {
            case .some(var product): knownItem(&product, &facts, lookup)
            case .none: unknownItem(fallbackID: gtin ?? di ?? productCode, lookup)
            }
            item.lot = code.lot
            item.serial = code.serial
            // Only a real date is compared (as before, when the text was parsed back).
            let expiry = code.expiry.flatMap { $0.isValid ? $0 : nil }
            item.expiry = code.expiry?.isoText
            if let quantity = code.quantity, quantity > 0 { item.quantity = quantity }
            finish(&item, facts, expiry: expiry, today: today, lookup)
            return .item(item)
        case .unknown, .invalid:
            var item = ResolvedItem.unknown(productID: nil, reason: "the code matches no known grammar")
            item.catalogVersion = lookup.catalogVersion
            return .item(item)
        }
    }

    private static func resolveInternal(_ code: DecodedCode, today: CivilDate, _ lookup: some CatalogLookup)
        -> CodeResolution
    {
        let raw = code.raw ?? ""
        let id = code.id ?? raw
        // Wristbands, surgeries and bins are never looked up in the registry: their result is the code's own id.
        switch code.meaning {
        case .wristband?: return .patient(Party(id: id))
        case .surgery?: return .surgery(Party(id: id))
        case .bin?: return .bin(raw)
        case .badge?, .package?, .uniqueLabel?, nil: break
        }
        // Read through optional chaining, never unwrapped into a binding (a binding is a copy of its 8 fields).
        let registered = raw.isEmpty ? nil : lookup.hospitalCode(raw)
        // A badge format's code is a user even when the registry does not know it as a badge.
        if code.meaning == .badge, registered?.kind != .badge { return .user(Party(id: id)) }
        guard let kind = registered?.kind else {
            let what = code.meaning.map { "\($0.rawValue) code" } ?? "in-hospital code"
            var item = ResolvedItem.unknown(productID: nil, reason: "\(what) \(raw) is not in the code registry")
            item.catalogVersion = lookup.catalogVersion
            return .item(item)
        }
        switch kind {
        case .badge: return .user(Party(id: registered?.user ?? id, role: registered?.role))
        case .package, .label:
            let productKey = registered?.product
            var facts = ProductFacts()
            var item = switch productKey.flatMap({ lookup.product(key: $0) }) {
            case .some(var product): knownItem(&product, &facts, lookup)
            case .none: unknownItem(fallbackID: productKey, lookup)
            }
            item.quantity = kind == .package ? (registered?.quantity ?? 1) : 1
            item.lot = registered?.lot
            item.serial = registered?.serial
            item.expiry = registered?.expiry
            let expiry = item.expiry.flatMap { CivilDate(iso: $0) }
            let unique = kind == .label
            finish(&item, facts, expiry: expiry, today: today, lookup, uniqueLabel: unique)
            return .item(item)
        case .product, .slot, .format:
            let reason = "in-hospital code \(raw) is registered as \(kind.rawValue)"
            return .item(.unknown(productID: nil, reason: reason))
        }
    }

    /// The product stored under the first of `candidates` the catalogue knows (nil candidates skipped).
    ///
    /// Each tried in turn on purpose: `lazy.compactMap { }.first` ran the transform twice for the element it
    /// returned, which doubled the lookups on every scan. A tuple, not an array: no allocation per scan.
    private static func firstProduct(
        _ candidates: (String?, String?, String?), _ lookup: some CatalogLookup
    ) -> CatalogProduct? {
        func product(_ candidate: String?) -> CatalogProduct? {
            candidate.flatMap { lookup.product(key: CatalogRecord.productKey($0)) }
        }
        if let found = product(candidates.0) { return found }
        if let found = product(candidates.1) { return found }
        return product(candidates.2)
    }

    /// The item for a product the catalogue knows, and in `facts` what ``finish`` needs. The product's strings are
    /// moved into the item (`take()`), not retained there and released with the product: about 1,000 instructions a
    /// scan. The item alone is returned, not in a tuple with the facts (about 110 instructions less).
    private static func knownItem(
        _ product: inout CatalogProduct, _ facts: inout ProductFacts, _ lookup: some CatalogLookup
    ) -> ResolvedItem {
        facts = ProductFacts(
            highValue: product.highValue, recalled: product.recalled, blocked: product.blocked,
            nearExpiryDays: product.nearExpiryDays)
        return ResolvedItem(known: &product, catalogVersion: lookup.catalogVersion)
    }

    /// The item for a product the catalogue does not know (`fallbackID`: the key it was looked up by).
    private static func unknownItem(fallbackID: String?, _ lookup: some CatalogLookup) -> ResolvedItem {
        let id = fallbackID.map(CatalogRecord.productKey)
        var item = ResolvedItem.unknown(productID: id, reason: "product \(id ?? "?") is not in the catalogue")
        item.catalogVersion = lookup.catalogVersion
        return item
    }

    /// What ``finish`` needs to know of the item's product.
    private struct ProductFacts {
        var highValue = false
        var recalled = false
        var blocked = false
        var nearExpiryDays: Int?
    }

    /// Adds the flags (expiry, recall, block, second consume) and their reasons.
    private static func finish(
        _ item: inout ResolvedItem, _ product: ProductFacts, expiry: CivilDate?, today: CivilDate,
        _ lookup: some CatalogLookup, uniqueLabel: Bool = false
    ) {
        var reasons: [String] = item.reason.map { [$0] } ?? []
        if let expiry, let expiryText = item.expiry {
            let daysLeft = expiry.dayNumber - today.dayNumber
            if daysLeft < 0 {
                item.flags.append(.expired)
                reasons.append("expired on \(expiryText)")
            } else if let window = product.nearExpiryDays, daysLeft <= window {
                item.flags.append(.nearExpiry)
                reasons.append("expires on \(expiryText), within \(window) days")
            }
        }
        if product.recalled {
            item.flags.append(.recalled)
            reasons.append("product is recalled")
        }
        if product.blocked {
            item.flags.append(.blocked)
            reasons.append("product is blocked by the hospital")
        }
        if let productID = item.productID, let serial = item.serial, uniqueLabel || product.highValue,
           lookup.isConsumed(productID: productID, serial: serial)
        {
            item.flags.append(.alreadyConsumed)
            reasons.append("item \(serial) was already consumed")
        }
        item.reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}

extension ResolvedItem {
    /// A known product's item, every field set in one initializer: built with the public initializer and then
    /// changed field by field, the item was copied and destroyed twice more (about 700 instructions a scan).
    fileprivate init(known product: inout CatalogProduct, catalogVersion: Int64) {
        status = .known
        productID = product.key
        name = product.name.take()
        specification = product.specification.take()
        manufacturer = product.manufacturer.take()
        chargeCode = product.chargeCode.take()
        insuranceCode = product.insuranceCode.take()
        quantity = 1
        unit = product.unit.take()
        highValue = product.highValue
        flags = []
        self.catalogVersion = catalogVersion
    }
}

extension CivilDate {
    /// Days since 1970-01-01 (negative before), for date differences.
    var dayNumber: Int64 {
        // Counting from March makes the leap day the last day of the counted year.
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
