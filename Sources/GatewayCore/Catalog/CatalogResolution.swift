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
            // The first candidate the catalogue knows. A plain loop on purpose: `lazy.compactMap { }.first` runs
            // the transform twice for the element it returns, which doubled the lookups on every scan.
            let gtin = code.gtin
            let di = code.di
            let productCode = code.productCode
            var product: CatalogRecord?
            for (index, candidate) in [gtin, di, productCode].enumerated() {
                guard let candidate, index < 1 || candidate != gtin, index < 2 || candidate != di else { continue }
                product = lookup.product(key: CatalogRecord.productKey(candidate))
                if product != nil { break }
            }
            var item = makeItem(product: product, fallbackID: gtin ?? di ?? productCode, lookup)
            item.lot = code.lot
            item.serial = code.serial
            item.expiry = code.expiry?.description
            if let quantity = code.quantity, quantity > 0 { item.quantity = quantity }
            return .item(finish(item, product: product, today: today, lookup))
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
        let registered = raw.isEmpty ? nil : lookup.hospitalCode(raw)
        switch code.meaning {
        case .badge?:
            if let registered, registered.kind == .badge {
                return .user(Party(id: registered.user ?? id, role: registered.role))
            }
            return .user(Party(id: id))
        case .wristband?: return .patient(Party(id: id))
        case .surgery?: return .surgery(Party(id: id))
        case .bin?: return .bin(raw)
        case .package?, .uniqueLabel?, nil:
            guard let registered else {
                let what = code.meaning.map { "\($0.rawValue) code" } ?? "in-hospital code"
                var item = ResolvedItem.unknown(productID: nil, reason: "\(what) \(raw) is not in the code registry")
                item.catalogVersion = lookup.catalogVersion
                return .item(item)
            }
            switch registered.kind {
            case .badge: return .user(Party(id: registered.user ?? id, role: registered.role))
            case .package, .label:
                let product = registered.product.flatMap { lookup.product(key: $0) }
                var item = makeItem(product: product, fallbackID: registered.product, lookup)
                item.quantity = registered.kind == .package ? (registered.quantity ?? 1) : 1
                item.lot = registered.lot
                item.serial = registered.serial
                item.expiry = registered.expiry
                let unique = registered.kind == .label
                return .item(finish(item, product: product, today: today, lookup, uniqueLabel: unique))
            case .product, .slot, .format:
                let reason = "in-hospital code \(raw) is registered as \(registered.kind.rawValue)"
                return .item(.unknown(productID: nil, reason: reason))
            }
        }
    }

    private static func makeItem(product: CatalogRecord?, fallbackID: String?, _ lookup: some CatalogLookup)
        -> ResolvedItem
    {
        var item: ResolvedItem
        if let product {
            item = ResolvedItem(
                status: .known, productID: product.key, name: product.name, highValue: product.highValue ?? false)
            item.specification = product.specification
            item.manufacturer = product.manufacturer
            item.chargeCode = product.chargeCode
            item.insuranceCode = product.insuranceCode
            item.unit = product.unit
        } else {
            let id = fallbackID.map(CatalogRecord.productKey)
            item = .unknown(productID: id, reason: "product \(id ?? "?") is not in the catalogue")
        }
        item.catalogVersion = lookup.catalogVersion
        return item
    }

    /// Adds the flags (expiry, recall, block, second consume) and their reasons.
    private static func finish(
        _ item: ResolvedItem, product: CatalogRecord?, today: CivilDate, _ lookup: some CatalogLookup,
        uniqueLabel: Bool = false
    ) -> ResolvedItem {
        var item = item
        var reasons: [String] = item.reason.map { [$0] } ?? []
        if let expiryText = item.expiry, let expiry = CivilDate(iso: expiryText) {
            let daysLeft = expiry.dayNumber - today.dayNumber
            if daysLeft < 0 {
                item.flags.append(.expired)
                reasons.append("expired on \(expiryText)")
            } else if let window = product?.nearExpiryDays, daysLeft <= window {
                item.flags.append(.nearExpiry)
                reasons.append("expires on \(expiryText), within \(window) days")
            }
        }
        if product?.recalled == true {
            item.flags.append(.recalled)
            reasons.append("product is recalled")
        }
        if product?.blocked == true {
            item.flags.append(.blocked)
            reasons.append("product is blocked by the hospital")
        }
        if let productID = item.productID, let serial = item.serial, uniqueLabel || product?.highValue == true,
           lookup.isConsumed(productID: productID, serial: serial)
        {
            item.flags.append(.alreadyConsumed)
            reasons.append("item \(serial) was already consumed")
        }
        item.reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return item
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
