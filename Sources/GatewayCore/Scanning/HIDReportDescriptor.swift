/// The few facts the gateway needs from a HID report descriptor: which usage pages it declares. A HID-POS
/// scanner declares usage page 0x8C (bar code scanner); the same scanner in keyboard mode declares only 0x01 /
/// 0x07 and its hidraw node carries key reports, not scans.
public enum HIDReportDescriptor {
    /// The bar code scanner usage page of the HID Point of Sale usage tables.
    public static let barCodeScannerPage: UInt32 = 0x8C

    /// Every Usage Page (global item, tag 0) value in `descriptor`, in order. Malformed trailing bytes end the
    /// walk; long items (prefix 0xFE) are skipped.
    public static func usagePages(in descriptor: [UInt8]) -> [UInt32] {
        var pages: [UInt32] = []
        var index = 0
        while index < descriptor.count {
            let prefix = descriptor[index]
            if prefix == 0xFE {
                // Long item: size byte, tag byte, data.
                guard index + 1 < descriptor.count else { break }
                index += 3 + Int(descriptor[index + 1])
                continue
            }
            let size = [0, 1, 2, 4][Int(prefix & 0x03)]
            guard index + size < descriptor.count else { break }
            if prefix & 0xFC == 0x04 {
                var value: UInt32 = 0
                for offset in 0..<size { value |= UInt32(descriptor[index + 1 + offset]) << (8 * UInt32(offset)) }
                pages.append(value)
            }
            index += 1 + size
        }
        return pages
    }

    /// Whether the descriptor declares the bar code scanner page (a HID-POS interface).
    public static func isHIDPOS(_ descriptor: [UInt8]) -> Bool {
        usagePages(in: descriptor).contains(barCodeScannerPage)
    }
}
