/// An ISO/IEC 15424 symbology identifier (`]` + code character + modifier) and what it implies for the data.
struct SymbologyIdentifier {
    /// How the data after the identifier is to be read.
    enum Route {
        /// GS1 element string (FNC1 in first position): ]C1 ]d2 ]Q3 ]e0 ]J1.
        case gs1ElementString
        /// EAN/UPC/ITF digits with a GS1 check digit; lengths allowed (add-ons follow the first length).
        case gtin(lengths: GTINLengths)
        /// Any content: detect the grammar from the data (]A0 Code 39, ]d1 DataMatrix, ]Q1 QR...).
        case content
    }

    /// Where the three identifier bytes are in the input.
    let range: Range<Int>
    let route: Route

    /// Reads the identifier at the start of `bytes`; nil if the three bytes are not a known identifier.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
        guard start + 3 <= bytes.count, bytes[start] == UInt8(ascii: "]") else { return nil }
        let code = bytes[start + 1]
        let modifier = bytes[start + 2]
        guard ASCII.isDigit(modifier) else { return nil }
        switch (code, modifier) {
        case (UInt8(ascii: "C"), UInt8(ascii: "1")), (UInt8(ascii: "d"), UInt8(ascii: "2")),
             (UInt8(ascii: "Q"), UInt8(ascii: "3")), (UInt8(ascii: "e"), UInt8(ascii: "0")),
             (UInt8(ascii: "J"), UInt8(ascii: "1")):
            route = .gs1ElementString
        case (UInt8(ascii: "E"), UInt8(ascii: "0")): route = .gtin(lengths: GTINLengths(13, 12))
        case (UInt8(ascii: "E"), UInt8(ascii: "3")): route = .gtin(lengths: GTINLengths(13, 15, 18))
        case (UInt8(ascii: "E"), UInt8(ascii: "4")): route = .gtin(lengths: GTINLengths(8))
        case (UInt8(ascii: "I"), UInt8(ascii: "1")): route = .gtin(lengths: GTINLengths(14))
        case _ where Self.contentCodes.utf8.contains(code): route = .content
        default: return nil
        }
        range = start..<(start + 3)
    }

    /// Code characters of ISO/IEC 15424 whose data is read by content: Code 39, Code 128, DataMatrix,
    /// DataBar, EAN/UPC add-ons, Codabar, Code 93, Code 11, ITF, DotCode, PDF417, MSI, QR, Aztec, other.
    private static let contentCodes = "ACdeEFGHIJLMQXz"
}
