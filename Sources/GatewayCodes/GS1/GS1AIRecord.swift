/// Hot-path view of one AI: plain values only, so reading it from the table never retains anything.
struct GS1AIRecord: Sendable {
    let aiLength: UInt8
    let predefinedLength: Bool
    let digitalLinkAttribute: Bool
    let isPrimaryKey: Bool
    /// Index of the first component in ``GS1ApplicationIdentifierTable/components``.
    let firstComponent: UInt16
    let componentCount: UInt8
    let minLength: UInt8
    let maxLength: UInt8
    /// Which ``CodeFields`` property the value also fills.
    let field: GS1Field

    var isFixedLength: Bool { minLength == maxLength }
}

/// The ``CodeFields`` property an AI maps to, besides `ais`.
enum GS1Field: UInt8, Sendable {
    case none, gtin, sscc, contentGTIN, lot, serial, expiry, productionDate, packDate, bestBefore, sellBy
    case expiryDateTime, quantity, additionalID, customerPartNo, cpv

    static func forAI(_ ai: String) -> GS1Field {
        switch ai {
        case "00": return .sscc
        case "01": return .gtin
        case "02": return .contentGTIN
        case "10": return .lot
        case "11": return .productionDate
        case "13": return .packDate
        case "15": return .bestBefore
        case "16": return .sellBy
        case "17": return .expiry
        case "21": return .serial
        case "22": return .cpv
        case "30", "37": return .quantity
        case "240": return .additionalID
        case "241": return .customerPartNo
        case "7003": return .expiryDateTime
        default: return .none
        }
    }
}
