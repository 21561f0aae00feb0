/// `[[scanner]]`: one barcode scanner the gateway reads directly (keyboard wedge, HID-POS or serial).
///
/// A scanner is found by `path` (a device node or stable link such as `/dev/spd/scanner-wedge-17081B1234`),
/// or by `match_*` keys against udev properties (USB vendor:product, serial number, port), so that it keeps its
/// station across replugs. See docs/configuration.md.
public struct ScannerSettings: Sendable, Equatable {
    /// How the scanner talks to the gateway.
    public enum Kind: String, Sendable, CaseIterable {
        /// Keyboard wedge: an evdev node (`/dev/input/event*`).
        case evdev
        /// HID point-of-sale: a hidraw node, usage page 0x8C.
        case hidpos
        /// Serial or USB-CDC (`/dev/ttyACM*`, `/dev/ttyUSB*`).
        case serial

        /// The udev rules' `SPD_SCANNER_KIND` and the `device` events' `kind`.
        public var deviceKind: String {
            switch self {
            case .evdev: "wedge"
            case .hidpos: "hidpos"
            case .serial: "serial"
            }
        }
    }

    /// How a scanner is recognised among the devices udev lists.
    public struct Match: Sendable, Equatable {
        /// USB vendor and product id, lower-case hex (`ID_VENDOR_ID`, `ID_MODEL_ID`).
        public var vendorID: String?
        public var productID: String?
        /// USB serial number (`ID_SERIAL_SHORT`).
        public var serial: String?
        /// The port path (`ID_PATH_TAG`, or `ID_PATH`), for scanners without a serial number.
        public var port: String?

        public init(vendorID: String? = nil, productID: String? = nil, serial: String? = nil, port: String? = nil) {
            self.vendorID = vendorID
            self.productID = productID
            self.serial = serial
            self.port = port
        }

        public var isEmpty: Bool { vendorID == nil && serial == nil && port == nil }
    }

    public var id: String
    public var kind: Kind
    /// The device node, or nil when ``match`` finds it.
    public var path: String?
    public var match: Match
    /// The station (dock) the scanner's events belong to.
    public var station: String
    /// Wedge: the keyboard layout the scanner is programmed for.
    public var keymap: KeyboardLayout.Name
    /// Wedge: end-of-scan keys (empty: none, the idle timeout ends a scan).
    public var wedgeTerminators: Set<WedgeTerminator>
    /// Serial: the suffix.
    public var serialTerminator: SerialScanFramer.Terminator
    /// Strings the scanner sends in place of GS.
    public var gsSubstitutes: [String]
    /// A scan ends after this long without a byte (required when there is no terminator).
    public var idleTimeout: Duration?
    /// Serial: baud rate (8N1).
    public var baud: Int
    /// The same code again from this scanner within this window is a double read and dropped.
    public var doubleReadWindow: Duration
    /// Wedge: take the device exclusively (EVIOCGRAB), so keystrokes never reach a console.
    public var grab: Bool
    /// Wedge: for a shared keyboard node, keys further apart than this are a person typing (nil: trust all).
    public var humanGap: Duration?
    /// Shorter scans are discarded (only with `human_gap`).
    public var minimumLength: Int
    /// HID-POS: send Honeywell's mode-enable feature report (ID 254, value 1) when opening.
    public var hidposFeatureReport: Bool
    /// Whether the station's dock workflow applies (when `[dock]` is configured).
    public var dock: Bool

    public init(id: String, kind: Kind, path: String?, station: String) {
        self.id = id
        self.kind = kind
        self.path = path
        self.match = Match()
        self.station = station
        keymap = .us
        wedgeTerminators = [.enter]
        serialTerminator = .cr
        gsSubstitutes = []
        idleTimeout = nil
        baud = 9600
        doubleReadWindow = .milliseconds(500)
        grab = true
        humanGap = nil
        minimumLength = 1
        hidposFeatureReport = false
        dock = true
    }

    /// The keyboard-wedge decoder options these settings describe.
    public var wedgeOptions: KeyboardWedgeOptions {
        KeyboardWedgeOptions(
            layout: .named(keymap), terminators: wedgeTerminators, idleTimeout: idleTimeout, humanGap: humanGap,
            minimumLength: minimumLength)
    }
}
