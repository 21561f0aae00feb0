import Foundation
import GatewayCodes
import Testing

/// JSON helpers for tests.
enum JSONEncoderShim {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}

@Suite("JSON encoding of DecodedCode")
struct CodableTests {
    static let samples = [
        "]d201095060001343521725123110ABC123\u{1D}21SN0001",
        "https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225",
        "+A123BJC5D6E71/$$3270630LOT42AU",
        "=+05000=Z54991712345600=%T300=<T0416003&>0183652359&,4PL001499Z549917123456A00T041600320181231",
        "MA.156.M0.100001.1234567.L2401A.M20240101.V20270101",
        "]A0PAT-000123",
        "0109506000134352" + "7003" + "2512312359" + "10B7",
        "010950600013435317251231",
        "",
        "病人-001",
    ]

    @Test("encode then decode gives the same value", arguments: samples)
    func roundTrip(text: String) throws {
        let code = Fixture.decode(text)
        let data = try JSONEncoderShim.encode(code)
        #expect(try JSONEncoderShim.decode(DecodedCode.self, from: data) == code)
    }

    @Test("field names are the documented snake_case names; errors are flattened")
    func fieldNames() throws {
        let valid = try JSONEncoderShim.encode(Fixture.decode("0109506000134352" + "11250115" + "3103000195"))
        let text = String(decoding: valid, as: UTF8.self)
        #expect(text.contains("\"production_date\":\"2025-01-15\""))
        #expect(text.contains("\"ais\":[[\"01\",\"09506000134352\"],[\"11\",\"250115\"],[\"3103\",\"000195\"]]"))
        #expect(text.contains("\"decimal_values\":[{\"ai\":\"3103\",\"decimal_places\":3,\"value\":\"0.195\"}]"))
        #expect(text.contains("\"kind\":\"gs1\""))
        #expect(text.contains("\"warnings\":[]"))
        #expect(!text.contains("\"error\""))
        let invalid = try JSONEncoderShim.encode(Fixture.decode("010950600013435317251231"))
        let object = try #require(try JSONSerialization.jsonObject(with: invalid) as? [String: Any])
        #expect(object["error"] as? Bool == true)
        #expect(object["error_kind"] as? String == "check_digit")
        #expect(object["position"] as? Int == 15)
        #expect(object["message"] is String)
        #expect(object["kind"] as? String == "invalid")
    }

    @Test("CivilDate parses and prints ISO dates and rejects impossible ones")
    func civilDate() {
        #expect(CivilDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDate(iso: "2025-02-29") == nil)
        #expect(CivilDate(iso: "2025-2-01") == nil)
        #expect(CivilDate(iso: "2025-12-31") == CivilDate(year: 2025, month: 12, day: 31))
        #expect(CivilDate(iso: "0001-01-01") == CivilDate(year: 1, month: 1, day: 1))
        // Wrong length, separators, signs, spaces, non-ASCII digits, impossible months and days.
        for text in [
            "", "2025-01-011", "2025-01-0", "2025/01/01", "2025-01-01 ", " 2025-01-01", "+025-01-01", "2025-+1-01",
            "2025-01-+1", "２025-01-01", "2025-00-10", "2025-13-01", "2025-04-31", "2025-01-00", "20250-1-01",
            "2025--01-01", "abcd-ef-gh",
        ] {
            #expect(CivilDate(iso: text) == nil, "\(text)")
        }
        #expect(CivilDate(year: 2026, month: 1, day: 2) < CivilDate(year: 2026, month: 2, day: 1))
    }
}
