/// ISBT 128 data structures this decoder reads (ST-001 numbering), by data identifier and data length.
enum ISBT128Structure: String, Sendable, CaseIterable {
    case donationIdentification = "001", bloodGroups = "002", productCode = "003", expirationDate = "004"
    case expirationDateTime = "005", collectionDate = "006", collectionDateTime = "007", productionDate = "008"
    case productionDateTime = "009", specialTestingGeneral = "010", specialTestingRBC = "012"
    case specialTestingRBCFinnish = "013", specialTestingPlatelets = "014", specialTestingHLAAB = "015"
    case specialTestingHLADRB1 = "016", containerManufacturer = "017", containerLot = "018"
    case donorIdentification = "019", staffIdentification = "020", manufacturerCatalog = "021"
    case lotNumber = "022", compoundMessage = "023", patientBirthDate = "024", expirationMonthYear = "026"
    case infectionMarkers = "027", productConsignment = "028", flexibleDateTime = "031", productDivisions = "032"
    case processingFacility = "033", ppic = "034", mphoLot = "035", mphoSupplementalID = "036"
    case singleEuropeanCode = "038"

    /// Data characters after the identifier.
    var dataLength: Int {
        switch self {
        case .donationIdentification: return 15
        case .bloodGroups: return 4
        case .productCode: return 8
        case .expirationDate, .collectionDate, .productionDate, .expirationMonthYear, .productDivisions: return 6
        case .expirationDateTime, .collectionDateTime, .productionDateTime, .containerManufacturer, .containerLot,
             .manufacturerCatalog, .lotNumber, .patientBirthDate:
            return 10
        case .specialTestingGeneral, .compoundMessage: return 5
        case .specialTestingRBC, .specialTestingRBCFinnish, .specialTestingPlatelets, .specialTestingHLAAB,
             .specialTestingHLADRB1, .infectionMarkers, .mphoLot, .mphoSupplementalID:
            return 18
        case .donorIdentification: return 21
        case .staffIdentification, .processingFacility: return 11
        case .productConsignment, .flexibleDateTime, .ppic: return 16
        case .singleEuropeanCode: return 40
        }
    }

    /// Identifies the structure at `offset`; returns it with the identifier length (0 for the DIN, whose
    /// `=` is followed directly by data).
    static func identify(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> (Self, Int)? {
        guard offset + 1 < end else { return nil }
        let second = bytes[offset + 1]
        switch bytes[offset] {
        case UInt8(ascii: "="):
            if ASCII.isAlphanumericUpper(second) { return (.donationIdentification, 1) }
            return structure(equalsCodes, second).map { ($0, 2) }
        case UInt8(ascii: "&"):
            if second == UInt8(ascii: ","), offset + 2 < end {
                switch bytes[offset + 2] {
                case UInt8(ascii: "1"): return (.mphoLot, 3)
                case UInt8(ascii: "2"): return (.mphoSupplementalID, 3)
                case UInt8(ascii: "4"): return (.singleEuropeanCode, 3)
                default: return nil
                }
            }
            return structure(ampersandCodes, second).map { ($0, 2) }
        default: return nil
        }
    }

    /// Index of `structure` in `allCases` (how a result records it, see `CodeFields.appendStructure`).
    static func caseIndex(_ structure: Self) -> Int { allCases.firstIndex(of: structure) ?? 0 }

    // The identifier tables as 128-entry arrays of case index + 1 (0 = none): a Dictionary lookup hashed the
    // byte on every structure.
    private static let equalsCodes = codes(equalsTable)
    private static let ampersandCodes = codes(ampersandTable)

    private static func codes(_ table: [UInt8: Self]) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: 128)
        for (byte, structure) in table where byte < 128 { codes[Int(byte)] = UInt8(caseIndex(structure) + 1) }
        return codes
    }

    @inline(__always)
    private static func structure(_ codes: [UInt8], _ byte: UInt8) -> Self? {
        guard byte < 128, codes[Int(byte)] > 0 else { return nil }
        return allCases[Int(codes[Int(byte)]) - 1]
    }

    private static let equalsTable: [UInt8: Self] = [
        UInt8(ascii: "%"): .bloodGroups, UInt8(ascii: "<"): .productCode, UInt8(ascii: ">"): .expirationDate,
        UInt8(ascii: "*"): .collectionDate, UInt8(ascii: "}"): .productionDate, UInt8(ascii: "{"): .specialTestingRBC,
        UInt8(ascii: "\\"): .specialTestingRBCFinnish, UInt8(ascii: "["): .specialTestingHLAAB,
        UInt8(ascii: "\""): .specialTestingHLADRB1, UInt8(ascii: ")"): .containerManufacturer,
        UInt8(ascii: ";"): .donorIdentification, UInt8(ascii: "'"): .staffIdentification,
        UInt8(ascii: "-"): .manufacturerCatalog, UInt8(ascii: "+"): .compoundMessage,
        UInt8(ascii: "#"): .patientBirthDate, UInt8(ascii: "]"): .expirationMonthYear,
        UInt8(ascii: "$"): .productConsignment, UInt8(ascii: "("): .flexibleDateTime,
        UInt8(ascii: ","): .productDivisions, UInt8(ascii: "/"): .ppic,
    ]

    private static let ampersandTable: [UInt8: Self] = [
        UInt8(ascii: ">"): .expirationDateTime, UInt8(ascii: "*"): .collectionDateTime,
        UInt8(ascii: "}"): .productionDateTime, UInt8(ascii: "("): .specialTestingGeneral,
        UInt8(ascii: "{"): .specialTestingPlatelets, UInt8(ascii: ")"): .containerLot, UInt8(ascii: "-"): .lotNumber,
        UInt8(ascii: "\""): .infectionMarkers, UInt8(ascii: "+"): .processingFacility,
    ]
}
