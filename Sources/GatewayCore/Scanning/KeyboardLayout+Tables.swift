// The four layouts, transcribed from the xkb symbol files (us, gb, de, fr) for the keys a scanner can send:
// the digit row (codes 2-13), the three letter rows (16-27, 30-41, 44-53), the ISO key left of Z (86), the
// key right of the letters (43), space (57) and the keypad. `·` marks "nothing at this level".

extension KeyboardLayout {
    static let keypad: [(start: UInt16, normal: String, shifted: String, altGr: String)] = [
        (55, "*", "*", "·"), (71, "789-456+1230.", "789-456+1230.", "·"), (98, "/", "/", "·"),
    ]

    /// United States (ANSI), no AltGr.
    public static let us = KeyboardLayout(
        name: .us,
        keys: table(
            [
                (2, "1234567890-=", "!@#$%^&*()_+", ""),
                (16, "qwertyuiop[]", "QWERTYUIOP{}", ""),
                (30, "asdfghjkl;'`", "ASDFGHJKL:\"~", ""),
                (43, "\\zxcvbnm,./", "|ZXCVBNM<>?", ""),
                (57, " ", " ", ""),
                (86, "\\", "|", ""),
            ] + keypad),
        hasAltGr: false)

    /// United Kingdom (ISO): `"` and `@` swapped, `£` on Shift+3, `#~` right of the letters.
    public static let uk = KeyboardLayout(
        name: .uk,
        keys: table(
            [
                (2, "1234567890-=", "!\"£$%^&*()_+", "···€········"),
                (16, "qwertyuiop[]", "QWERTYUIOP{}", "··é·········"),
                (30, "asdfghjkl;'`", "ASDFGHJKL:@¬", "···········¦"),
                (43, "#zxcvbnm,./", "~ZXCVBNM<>?", ""),
                (57, " ", " ", " "),
                (86, "\\", "|", "|"),
            ] + keypad),
        hasAltGr: true)

    /// Germany (QWERTZ): `ß´` and `+` on the letter rows, brackets on AltGr 7-0, `@` on AltGr+Q.
    public static let de = KeyboardLayout(
        name: .de,
        keys: table(
            [
                (2, "1234567890ß´", "!\"§$%&/()=?`", "·²³···{[]}\\·"),
                (16, "qwertzuiopü+", "QWERTZUIOPÜ*", "@·€········~"),
                (30, "asdfghjklöä^", "ASDFGHJKLÖÄ°", "············"),
                (43, "#yxcvbnm,.-", "'YXCVBNM;:_", "·······µ···"),
                (57, " ", " ", " "),
                (86, "<", ">", "|"),
            ] + keypad),
        hasAltGr: true)

    /// France (AZERTY): digits on Shift, `#{[|`\^@]}` on AltGr of the digit row.
    public static let fr = KeyboardLayout(
        name: .fr,
        keys: table(
            [
                (2, "&é\"'(-è_çà)=", "1234567890°+", "·~#{[|`\\^@]}"),
                (16, "azertyuiop^$", "AZERTYUIOP¨£", "··€········¤"),
                (30, "qsdfghjklmù²", "QSDFGHJKLM%·", ""),
                (43, "*wxcvbn,;:!", "µWXCVBN?./§", ""),
                (57, " ", " ", " "),
                (86, "<", ">", ""),
            ] + keypad),
        hasAltGr: true)
}
