extension DeviceProfile {
    /// The profiles shipped with the gateway, by name (documented in docs/cabinets.md).
    public static let builtIn: [String: DeviceProfile] = Dictionary(
        uniqueKeysWithValues: [singleChannelTransmitter, genericTransmitter, eagleEI4000, weight16, io8]
            .map { ($0.name, $0) })

    /// Single-channel weight transmitter (four per cabinet): holding 80-81 gross int32 high word first, 82-83 net,
    /// 84-85 tare, 86-87 capacity, 88 division code; writing 1 to 94 zeroes. Counts in grams unless `scale` says so.
    public static let singleChannelTransmitter = DeviceProfile(
        name: "transmitter-80",
        summary: "single-channel transmitter, holding 80-81 gross int32 ABCD, zero = write 1 to 94",
        limits: ReadLimits(maxRegisters: 32, maxBytes: 120),
        weight: WeightMap(
            value: RegisterPoint(kind: .holding, address: 80, type: .i32, order: .abcd, scale: 1),
            zero: .writeRegister(address: 94, value: 1, stride: 0)))

    /// Generic transmitter: 40001-40002 int32 low word first, 0.01 g per count (`02 F8 00 00` = 7.60 g);
    /// zero / tare / clear tare = bits 11 / 12 / 13 of register 0x000B, edge-triggered.
    public static let genericTransmitter = DeviceProfile(
        name: "transmitter-cdab",
        summary: "generic transmitter, 40001-40002 int32 CDAB x 0.01 g, "
            + "zero / tare = rising edge of bit 11 / 12 of 0x000B",
        limits: ReadLimits(maxRegisters: 32, maxBytes: 120),
        weight: WeightMap(
            value: RegisterPoint(kind: .holding, address: 0, type: .i32, order: .cdab, scale: 0.01),
            zero: .edgeBit(address: 0x000B, bit: 11), tare: .edgeBit(address: 0x000B, bit: 12)))

    /// Eagle EI-4000 multi-channel float32: gross of channel n at 0x1000 + 2(n-1) (net 0x1008+, tare 0x1010+).
    public static let eagleEI4000 = DeviceProfile(
        name: "eagle-ei4000",
        summary: "Eagle EI-4000, 4 channels float32 ABCD gross at 0x1000 + 2(n-1)",
        limits: ReadLimits(maxRegisters: 32, maxBytes: 120),
        weight: WeightMap(
            value: RegisterPoint(kind: .holding, address: 0x1000, type: .f32, order: .abcd, scale: 1), channels: 4,
            stride: 2))

    /// A 16-channel weight module: gross int32 ABCD x 0.01 g at 2(n-1), status word per channel at 64 + (n-1)
    /// with Mettler-style bits (12 motion, 15 data OK). The benchmark's and the simulator's default scale.
    public static let weight16 = DeviceProfile(
        name: "weight-16",
        summary: "16-channel module, input regs: int32 ABCD x 0.01 g at 2(n-1), status at 64+(n-1), "
            + "bit 12 motion, bit 15 OK",
        limits: ReadLimits(maxRegisters: 32, maxBytes: 120),
        weight: WeightMap(
            value: RegisterPoint(kind: .input, address: 0, type: .i32, order: .abcd, scale: 0.01), channels: 16,
            stride: 2, status: StatusWord(first: RegisterPoint(kind: .input, address: 64), motionBit: 12, okBit: 15)))

    /// Generic 8-channel I/O module: door sensors on discrete inputs 0-7 (FC 02), lock outputs on coils 0-7
    /// (FC 05), pulsed 500 ms.
    public static let io8 = DeviceProfile(
        name: "io-8",
        summary: "8-channel I/O module: doors = discrete inputs 0-7, locks = coils 0-7 pulsed 500 ms",
        limits: ReadLimits(maxRegisters: 32, maxBytes: 120),
        doors: BitMap(kind: .discrete, address: 0, count: 8),
        locks: LockMap(kind: .coil, address: 0, count: 8, pulse: .milliseconds(500)))
}
