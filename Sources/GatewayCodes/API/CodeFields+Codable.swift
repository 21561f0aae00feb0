// Codable and Equatable are written out because the text fields are computed (see `FieldText`): the JSON
// keys and their order are those of the former synthesized conformance (docs/codes.md).
extension CodeFields: Codable {
    enum CodingKeys: String, CodingKey {
        case symbology, raw, gtin, di, sscc, contentGTIN = "content_gtin", lot, serial, expiry
        case expiryPrecision = "expiry_precision", expiryTime = "expiry_time", expiryDatetime = "expiry_datetime"
        case productionDate = "production_date", packDate = "pack_date", bestBefore = "best_before"
        case sellBy = "sell_by", quantity, ais, additionalID = "additional_id"
        case customerPartNo = "customer_part_no", cpv
        case lic, product, uom, link, check, line
        case structures, din, dinFlags = "din_flags", dinCheck = "din_check", productCode = "product_code"
        case bloodGroupCode = "blood_group_code", divisions, compoundCount = "compound_count"
        case compoundSequence = "compound_sequence", ppic, ppicFin = "ppic_fin", ppicFpc = "ppic_fpc"
        case ppicPdc = "ppic_pdc", sec, collectionDate = "collection_date", collectionTime = "collection_time"
        case productionTime = "production_time"
        case validityDate = "validity_date", sterilizationLot = "sterilization_lot"
        case rule, meaning, id, candidates
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbology = try container.decodeIfPresent(String.self, forKey: .symbology)
        raw = try container.decodeIfPresent(String.self, forKey: .raw)
        gtin = try container.decodeIfPresent(String.self, forKey: .gtin)
        di = try container.decodeIfPresent(String.self, forKey: .di)
        sscc = try container.decodeIfPresent(String.self, forKey: .sscc)
        contentGTIN = try container.decodeIfPresent(String.self, forKey: .contentGTIN)
        lot = try container.decodeIfPresent(String.self, forKey: .lot)
        serial = try container.decodeIfPresent(String.self, forKey: .serial)
        expiry = try container.decodeIfPresent(CivilDate.self, forKey: .expiry)
        expiryPrecision = try container.decodeIfPresent(String.self, forKey: .expiryPrecision)
        expiryTime = try container.decodeIfPresent(String.self, forKey: .expiryTime)
        expiryDatetime = try container.decodeIfPresent(String.self, forKey: .expiryDatetime)
        productionDate = try container.decodeIfPresent(CivilDate.self, forKey: .productionDate)
        packDate = try container.decodeIfPresent(CivilDate.self, forKey: .packDate)
        bestBefore = try container.decodeIfPresent(CivilDate.self, forKey: .bestBefore)
        sellBy = try container.decodeIfPresent(CivilDate.self, forKey: .sellBy)
        quantity = try container.decodeIfPresent(Int.self, forKey: .quantity)
        ais = try container.decodeIfPresent([AIElement].self, forKey: .ais)
        additionalID = try container.decodeIfPresent(String.self, forKey: .additionalID)
        customerPartNo = try container.decodeIfPresent(String.self, forKey: .customerPartNo)
        cpv = try container.decodeIfPresent(String.self, forKey: .cpv)
        lic = try container.decodeIfPresent(String.self, forKey: .lic)
        product = try container.decodeIfPresent(String.self, forKey: .product)
        uom = try container.decodeIfPresent(Int.self, forKey: .uom)
        link = try container.decodeIfPresent(String.self, forKey: .link)
        check = try container.decodeIfPresent(String.self, forKey: .check)
        line = try container.decodeIfPresent(String.self, forKey: .line)
        structures = try container.decodeIfPresent([String].self, forKey: .structures)
        din = try container.decodeIfPresent(String.self, forKey: .din)
        dinFlags = try container.decodeIfPresent(String.self, forKey: .dinFlags)
        dinCheck = try container.decodeIfPresent(String.self, forKey: .dinCheck)
        productCode = try container.decodeIfPresent(String.self, forKey: .productCode)
        bloodGroupCode = try container.decodeIfPresent(String.self, forKey: .bloodGroupCode)
        divisions = try container.decodeIfPresent(String.self, forKey: .divisions)
        compoundCount = try container.decodeIfPresent(Int.self, forKey: .compoundCount)
        compoundSequence = try container.decodeIfPresent(String.self, forKey: .compoundSequence)
        ppic = try container.decodeIfPresent(String.self, forKey: .ppic)
        ppicFin = try container.decodeIfPresent(String.self, forKey: .ppicFin)
        ppicFpc = try container.decodeIfPresent(String.self, forKey: .ppicFpc)
        ppicPdc = try container.decodeIfPresent(String.self, forKey: .ppicPdc)
        sec = try container.decodeIfPresent(String.self, forKey: .sec)
        collectionDate = try container.decodeIfPresent(CivilDate.self, forKey: .collectionDate)
        collectionTime = try container.decodeIfPresent(String.self, forKey: .collectionTime)
        productionTime = try container.decodeIfPresent(String.self, forKey: .productionTime)
        validityDate = try container.decodeIfPresent(CivilDate.self, forKey: .validityDate)
        sterilizationLot = try container.decodeIfPresent(String.self, forKey: .sterilizationLot)
        rule = try container.decodeIfPresent(String.self, forKey: .rule)
        meaning = try container.decodeIfPresent(HospitalCodeMeaning.self, forKey: .meaning)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        candidates = try container.decodeIfPresent([String].self, forKey: .candidates)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(symbology, forKey: .symbology)
        try container.encodeIfPresent(raw, forKey: .raw)
        try container.encodeIfPresent(gtin, forKey: .gtin)
        try container.encodeIfPresent(di, forKey: .di)
        try container.encodeIfPresent(sscc, forKey: .sscc)
        try container.encodeIfPresent(contentGTIN, forKey: .contentGTIN)
        try container.encodeIfPresent(lot, forKey: .lot)
        try container.encodeIfPresent(serial, forKey: .serial)
        try container.encodeIfPresent(expiry, forKey: .expiry)
        try container.encodeIfPresent(expiryPrecision, forKey: .expiryPrecision)
        try container.encodeIfPresent(expiryTime, forKey: .expiryTime)
        try container.encodeIfPresent(expiryDatetime, forKey: .expiryDatetime)
        try container.encodeIfPresent(productionDate, forKey: .productionDate)
        try container.encodeIfPresent(packDate, forKey: .packDate)
        try container.encodeIfPresent(bestBefore, forKey: .bestBefore)
        try container.encodeIfPresent(sellBy, forKey: .sellBy)
        try container.encodeIfPresent(quantity, forKey: .quantity)
        try container.encodeIfPresent(ais, forKey: .ais)
        try container.encodeIfPresent(additionalID, forKey: .additionalID)
        try container.encodeIfPresent(customerPartNo, forKey: .customerPartNo)
        try container.encodeIfPresent(cpv, forKey: .cpv)
        try container.encodeIfPresent(lic, forKey: .lic)
        try container.encodeIfPresent(product, forKey: .product)
        try container.encodeIfPresent(uom, forKey: .uom)
        try container.encodeIfPresent(link, forKey: .link)
        try container.encodeIfPresent(check, forKey: .check)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(structures, forKey: .structures)
        try container.encodeIfPresent(din, forKey: .din)
        try container.encodeIfPresent(dinFlags, forKey: .dinFlags)
        try container.encodeIfPresent(dinCheck, forKey: .dinCheck)
        try container.encodeIfPresent(productCode, forKey: .productCode)
        try container.encodeIfPresent(bloodGroupCode, forKey: .bloodGroupCode)
        try container.encodeIfPresent(divisions, forKey: .divisions)
        try container.encodeIfPresent(compoundCount, forKey: .compoundCount)
        try container.encodeIfPresent(compoundSequence, forKey: .compoundSequence)
        try container.encodeIfPresent(ppic, forKey: .ppic)
        try container.encodeIfPresent(ppicFin, forKey: .ppicFin)
        try container.encodeIfPresent(ppicFpc, forKey: .ppicFpc)
        try container.encodeIfPresent(ppicPdc, forKey: .ppicPdc)
        try container.encodeIfPresent(sec, forKey: .sec)
        try container.encodeIfPresent(collectionDate, forKey: .collectionDate)
        try container.encodeIfPresent(collectionTime, forKey: .collectionTime)
        try container.encodeIfPresent(productionTime, forKey: .productionTime)
        try container.encodeIfPresent(validityDate, forKey: .validityDate)
        try container.encodeIfPresent(sterilizationLot, forKey: .sterilizationLot)
        try container.encodeIfPresent(rule, forKey: .rule)
        try container.encodeIfPresent(meaning, forKey: .meaning)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(candidates, forKey: .candidates)
    }
}

extension CodeFields: Equatable {
    /// Equal when every field has the same value, however it is stored.
    public static func == (lhs: CodeFields, rhs: CodeFields) -> Bool {
        lhs.symbology == rhs.symbology &&
            lhs.raw == rhs.raw &&
            lhs.gtin == rhs.gtin &&
            lhs.di == rhs.di &&
            lhs.sscc == rhs.sscc &&
            lhs.contentGTIN == rhs.contentGTIN &&
            lhs.lot == rhs.lot &&
            lhs.serial == rhs.serial &&
            lhs.expiry == rhs.expiry &&
            lhs.expiryPrecision == rhs.expiryPrecision &&
            lhs.expiryTime == rhs.expiryTime &&
            lhs.expiryDatetime == rhs.expiryDatetime &&
            lhs.productionDate == rhs.productionDate &&
            lhs.packDate == rhs.packDate &&
            lhs.bestBefore == rhs.bestBefore &&
            lhs.sellBy == rhs.sellBy &&
            lhs.quantity == rhs.quantity &&
            lhs.ais == rhs.ais &&
            lhs.additionalID == rhs.additionalID &&
            lhs.customerPartNo == rhs.customerPartNo &&
            lhs.cpv == rhs.cpv &&
            lhs.lic == rhs.lic &&
            lhs.product == rhs.product &&
            lhs.uom == rhs.uom &&
            lhs.link == rhs.link &&
            lhs.check == rhs.check &&
            lhs.line == rhs.line &&
            lhs.structures == rhs.structures &&
            lhs.din == rhs.din &&
            lhs.dinFlags == rhs.dinFlags &&
            lhs.dinCheck == rhs.dinCheck &&
            lhs.productCode == rhs.productCode &&
            lhs.bloodGroupCode == rhs.bloodGroupCode &&
            lhs.divisions == rhs.divisions &&
            lhs.compoundCount == rhs.compoundCount &&
            lhs.compoundSequence == rhs.compoundSequence &&
            lhs.ppic == rhs.ppic &&
            lhs.ppicFin == rhs.ppicFin &&
            lhs.ppicFpc == rhs.ppicFpc &&
            lhs.ppicPdc == rhs.ppicPdc &&
            lhs.sec == rhs.sec &&
            lhs.collectionDate == rhs.collectionDate &&
            lhs.collectionTime == rhs.collectionTime &&
            lhs.productionTime == rhs.productionTime &&
            lhs.validityDate == rhs.validityDate &&
            lhs.sterilizationLot == rhs.sterilizationLot &&
            lhs.rule == rhs.rule &&
            lhs.meaning == rhs.meaning &&
            lhs.id == rhs.id &&
            lhs.candidates == rhs.candidates
    }
}
