#if canImport(Glibc)
import Glibc
#endif

/// Writes a synthetic catalogue as CSV: products keyed by distinct valid GTIN-14s in scrambled order (as an
/// export of a national database would not be sorted), and in-hospital codes (half packages, half unique labels).
struct CatalogGenerator {
    let products: Int
    let codes: Int

    /// The GTIN-14 of product `index`: `069` + 10 digits of a bijection of the index + GS1 check digit.
    static func gtin(_ index: Int) -> String {
        // Multiplying by a number coprime to 10^10 permutes 0..<10^10: distinct keys in scrambled order.
        let scrambled = (UInt64(index) &* 2_654_435_761) % 10_000_000_000
        var digits = [UInt8](repeating: 48, count: 14)
        digits[1] = 54
        digits[2] = 57
        var value = scrambled
        for position in stride(from: 12, through: 3, by: -1) {
            digits[position] = 48 + UInt8(value % 10)
            value /= 10
        }
        var sum = 0
        for position in 0..<13 { sum += Int(digits[position] - 48) * (position % 2 == 0 ? 3 : 1) }
        digits[13] = 48 + UInt8((10 - sum % 10) % 10)
        return String(decoding: digits, as: UTF8.self)
    }

    static func packageCode(_ index: Int) -> String { "PK" + padded(index, 10) }
    static func labelCode(_ index: Int) -> String { "UL" + padded(index, 10) }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    func writeProducts(to path: String) throws {
        try write(path) { out in
            out("kind,key,name,specification,manufacturer,registration,insurance_code,charge_code,unit,"
                + "unit_weight_g,tolerance_g,high_value,near_expiry_days\n")
            for index in 0..<products {
                let manufacturer = index % 5000
                out("product,\(Self.gtin(index)),Product \(index) sterile single use,"
                    + "Model \(index % 977)-\(index % 13),"
                    + "Manufacturer \(manufacturer) Co. Ltd.,国械注准2023\(Self.padded(index % 1_000_000, 6)),"
                    + "C\(Self.padded(index % 1_000_000, 6))00100\(Self.padded(manufacturer, 5))00000,"
                    + "3108\(Self.padded(index % 100_000, 5)),piece,\(index % 200).5,0.3,"
                    + "\(index % 10 == 0 ? 1 : 0),90\n")
            }
        }
    }

    func writeCodes(to path: String) throws {
        try write(path) { out in
            out("kind,key,product,quantity,lot,serial,expiry\n")
            for index in 0..<codes {
                let product = Self.gtin((index &* 7) % max(products, 1))
                if index % 2 == 0 {
                    out("package,\(Self.packageCode(index)),\(product),\(index % 20 + 1),,,\n")
                } else {
                    out("label,\(Self.labelCode(index)),\(product),,L\(index % 9999),S\(index),2027-06-30\n")
                }
            }
        }
    }

    private func write(_ path: String, _ body: ((String) -> Void) -> Void) throws {
        guard let file = fopen(path, "we") else { throw BenchError("cannot create \(path)") }
        defer { fclose(file) }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        body { text in _ = text.withCString { fputs($0, file) } }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
