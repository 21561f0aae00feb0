/// One Linux input event (`struct input_event`), as an evdev node delivers it: a key press, a release, or a
/// synchronisation marker. Pure data; the 24-byte wire layout is in ``InputEventRecordDecoder``.
public struct InputEvent: Sendable, Equatable {
    /// `EV_SYN`, `EV_KEY`, `EV_MSC`...
    public var type: UInt16
    /// For `EV_KEY` the key code (`KEY_A` = 30), for `EV_SYN` `SYN_REPORT` or `SYN_DROPPED`.
    public var code: UInt16
    /// For keys: 1 press, 0 release, 2 autorepeat.
    public var value: Int32
    /// The kernel's timestamp of the event, in nanoseconds (the `timeval` of the record).
    public var timeNanoseconds: UInt64

    public init(type: UInt16, code: UInt16, value: Int32, timeNanoseconds: UInt64) {
        self.type = type
        self.code = code
        self.value = value
        self.timeNanoseconds = timeNanoseconds
    }

    /// A key press (`value` 1) or release (`value` 0).
    public static func key(_ code: UInt16, pressed: Bool, at time: UInt64) -> InputEvent {
        InputEvent(type: InputEventType.key, code: code, value: pressed ? 1 : 0, timeNanoseconds: time)
    }

    /// `SYN_REPORT`: the end of one batch of events.
    public static func report(at time: UInt64) -> InputEvent {
        InputEvent(type: InputEventType.sync, code: InputEventType.synReport, value: 0, timeNanoseconds: time)
    }

    /// `SYN_DROPPED`: the kernel's buffer overflowed and events were lost.
    public static func dropped(at time: UInt64) -> InputEvent {
        InputEvent(type: InputEventType.sync, code: InputEventType.synDropped, value: 0, timeNanoseconds: time)
    }
}

/// The event types and sync codes of `<linux/input-event-codes.h>` the gateway uses (copied as numbers because
/// the pure core does not import the kernel headers; they are part of the kernel ABI and never change).
public enum InputEventType {
    public static let sync: UInt16 = 0x00
    public static let key: UInt16 = 0x01
    public static let misc: UInt16 = 0x04
    public static let synReport: UInt16 = 0
    public static let synDropped: UInt16 = 3
}

/// Key codes of `<linux/input-event-codes.h>` that have a meaning beyond "a character on the layout".
public enum KeyCode {
    public static let escape: UInt16 = 1
    public static let backspace: UInt16 = 14
    public static let tab: UInt16 = 15
    public static let rightBrace: UInt16 = 27
    public static let enter: UInt16 = 28
    public static let leftControl: UInt16 = 29
    public static let leftShift: UInt16 = 42
    public static let rightShift: UInt16 = 54
    public static let leftAlt: UInt16 = 56
    public static let space: UInt16 = 57
    public static let capsLock: UInt16 = 58
    public static let numLock: UInt16 = 69
    public static let keypadEnter: UInt16 = 96
    public static let rightControl: UInt16 = 97
    public static let rightAlt: UInt16 = 100

    /// Keypad digit keys 0-9 (`KEY_KP0`...`KEY_KP9`), indexed by digit.
    public static let keypadDigits: [UInt16] = [82, 79, 80, 81, 75, 76, 77, 71, 72, 73]

    /// The digit a keypad key stands for, or nil.
    public static func keypadDigit(_ code: UInt16) -> UInt32? {
        keypadDigits.firstIndex(of: code).map { UInt32($0) }
    }
}
