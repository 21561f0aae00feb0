import Testing

@testable import GatewayCore

@Suite("Modbus register decoding")
struct RegisterCodecTests {
    /// 0x11223344 as it appears on the wire in each order.
    static let wire: [(WordOrder, [UInt16])] = [
        (.abcd, [0x1122, 0x3344]), (.cdab, [0x3344, 0x1122]), (.badc, [0x2211, 0x4433]), (.dcba, [0x4433, 0x2211]),
    ]

    @Test(arguments: wire)
    func everyWordOrderDecodesTheSameUnsignedValue(order: WordOrder, words: [UInt16]) {
        #expect(RegisterCodec.decode(words, as: .u32, order: order) == Double(0x1122_3344))
        #expect(RegisterCodec.encode(Double(0x1122_3344), as: .u32, order: order) == words)
    }

    @Test func genericTransmitterLowWordFirstExampleIsSevenPointSixGrams() {
        // DOMAIN.md: `02 F8 00 00` = 760 = 7.60 g at 0.01 g.
        var image = RegisterImage()
        image.store(words: [0x02F8, 0x0000], kind: .holding, from: 0)
        let profile = DeviceProfile.genericTransmitter
        let readings = profile.readings(from: image)
        #expect(readings.channels.count == 1)
        let grams = readings.channels[0]?.grams ?? .nan
        #expect(abs(grams - 7.60) < 1e-9)
    }

    @Test(arguments: RegisterDataType.allCases, WordOrder.allCases)
    func valuesRoundTripThroughEveryTypeAndOrder(type: RegisterDataType, order: WordOrder) {
        let samples: [Double]
        switch type {
        case .u16: samples = [0, 1, 255, 256, 65535]
        case .i16: samples = [-32768, -1, 0, 1, 32767]
        case .u32: samples = [0, 65536, 4_294_967_295, 123_456_789]
        case .i32: samples = [-2_147_483_648, -760, 0, 760, 2_147_483_647]
        case .f32: samples = [0, -1.5, 12.25, 1234.5, 3.0e9]
        }
        for value in samples {
            let words = RegisterCodec.encode(value, as: type, order: order)
            #expect(words.count == type.wordCount)
            #expect(RegisterCodec.decode(words, as: type, order: order) == value, "\(value)")
        }
    }

    @Test func signedAndFloatBitPatternsAreReadAsTheirType() {
        #expect(RegisterCodec.decode([0xFFFF], as: .i16, order: .abcd) == -1)
        #expect(RegisterCodec.decode([0xFFFF], as: .u16, order: .abcd) == 65535)
        #expect(RegisterCodec.decode([0x3412], as: .u16, order: .badc) == 0x1234)
        #expect(RegisterCodec.decode([0xFFFF, 0xFFFE], as: .i32, order: .abcd) == -2)
        #expect(RegisterCodec.decode([0x3FC0, 0x0000], as: .f32, order: .abcd) == 1.5)
        #expect(RegisterCodec.decode([0x0000, 0x3FC0], as: .f32, order: .cdab) == 1.5)
        #expect(RegisterCodec.decode([0xC03F, 0x0000], as: .f32, order: .badc) == 1.5)
        #expect(RegisterCodec.decode([0x0000, 0xC03F], as: .f32, order: .dcba) == 1.5)
    }

    @Test func outOfRangeAndNonFiniteValuesClampInsteadOfTrapping() {
        #expect(RegisterCodec.encode(70000, as: .u16, order: .abcd) == [65535])
        #expect(RegisterCodec.encode(-5, as: .u16, order: .abcd) == [0])
        #expect(RegisterCodec.encode(.nan, as: .i32, order: .abcd) == [0, 0])
        #expect(RegisterCodec.encode(.infinity, as: .i16, order: .abcd) == [0x7FFF])
    }

    @Test func addressBaseConvertsDocumentedNumbers() {
        #expect(AddressBase.protocolAddress(documented: 40001, base: 40001) == 0)
        #expect(AddressBase.protocolAddress(documented: 80, base: 0) == 80)
        #expect(AddressBase.protocolAddress(documented: 1, base: 1) == 0)
        #expect(AddressBase.protocolAddress(documented: 0, base: 1) == nil)
    }

    @Test func scaleAppliesAfterDecoding() {
        var image = RegisterImage()
        image.store(words: RegisterCodec.encode(-1234, as: .i32, order: .abcd), kind: .holding, from: 80)
        let point = RegisterPoint(kind: .holding, address: 80, type: .i32, scale: 0.1)
        #expect(abs((RegisterCodec.value(of: point, in: image) ?? 0) + 123.4) < 1e-9)
        #expect(RegisterCodec.value(of: point.shifted(by: 2), in: image) == nil)
    }
}
