extension CatalogSchema {
    /// Products keyed by the GTIN as an integer (migration 2).
    ///
    /// Why: version 1 keeps `product` WITHOUT ROWID, keyed by the key's text, and such a B-tree stores whole rows
    /// in its interior pages too: about 20 per page, so 5 million products need 6 levels and 48 MB of interior
    /// pages, more than the reader's page cache, and most lookups read two or three pages from the file. Keyed
    /// by an integer, an interior page holds about 270 children: 3 levels, under 4 MB, always cached, and a lookup
    /// reads one leaf. A GTIN-14 is 14 digits, so it fits in an integer; every 14-digit key the cache accepts is
    /// a GTIN (the check digit is verified on import). Other keys (MA, HIBCC and ISBT 128 product codes, rare) get
    /// ids from ``firstOtherProductID`` up; the text key keeps a unique index, so every query by key still works.
    /// (Released migrations are never edited: the SQL is written out, not built from constants that may change.)
    static let version2 = SchemaMigration(version: 2, name: "products keyed by integer GTIN", sql: """
        CREATE TABLE product_by_id(
            id               INTEGER PRIMARY KEY,
            key              TEXT NOT NULL UNIQUE,
            name             TEXT,
            specification    TEXT,
            manufacturer     TEXT,
            registration     TEXT,
            insurance_code   TEXT,
            charge_code      TEXT,
            unit             TEXT,
            unit_weight_g    REAL,
            tolerance_g      REAL,
            high_value       INTEGER NOT NULL DEFAULT 0,
            recalled         INTEGER NOT NULL DEFAULT 0,
            blocked          INTEGER NOT NULL DEFAULT 0,
            near_expiry_days INTEGER,
            gen              INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO product_by_id(
                id, key, name, specification, manufacturer, registration, insurance_code, charge_code, unit,
                unit_weight_g, tolerance_g, high_value, recalled, blocked, near_expiry_days, gen)
            SELECT
                CASE WHEN length(key) = 14 AND key NOT GLOB '*[^0-9]*' THEN CAST(key AS INTEGER)
                     ELSE 100000000000000 + row_number() OVER (ORDER BY key) END,
                key, name, specification, manufacturer, registration, insurance_code, charge_code, unit,
                unit_weight_g, tolerance_g, high_value, recalled, blocked, near_expiry_days, gen
            FROM product ORDER BY key;
        DROP TABLE product;
        ALTER TABLE product_by_id RENAME TO product;
        """)

    /// Ids of products whose key is not a GTIN-14 start here (above every 14-digit number).
    static let firstOtherProductID: Int64 = 100_000_000_000_000

    /// The id of a product stored under `key` when the key is a GTIN-14 (14 ASCII digits), nil otherwise.
    static func gtinID(_ key: String) -> Int64? {
        // Over the string's contiguous UTF-8 (a GTIN-14 is a small string: no copy to the heap); iterating the
        // UTF-8 view byte by byte was about 600 instructions a lookup.
        var key = key
        return key.withUTF8 { bytes -> Int64? in
            guard bytes.count == 14 else { return nil }
            var value: Int64 = 0
            for byte in bytes {
                let digit = byte &- 0x30
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int64(digit)
            }
            return value
        }
    }
}
