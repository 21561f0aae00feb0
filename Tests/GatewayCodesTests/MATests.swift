import GatewayCodes
import Testing

@Suite("China MA (IDcode) and AHM")
struct MATests {
    @Test("DOMAIN example with YYMMDD dates, serial, sterilisation lot and check")
    func domainExample() {
        let code = Fixture.decode("MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3")
        #expect(code.kind == .ma)
        #expect(code.di == "MA.156.M0.100761.21234561")
        #expect(code.serial == "x00008")
        #expect(code.productionDate == Fixture.date("2022-01-17"))
        #expect(code.lot == "20220117")
        #expect(code.sterilizationLot == "20220118")
        #expect(code.expiry == Fixture.date("2022-01-30"))
        #expect(code.validityDate == Fixture.date("2022-01-17"))
        #expect(code.check == "3")
    }

    @Test("MA inside a URL after '='")
    func inURL() {
        let code = Fixture.decode("https://www.idcode.org.cn/q?code=MA.156.M0.100001.1234567.L2401A.P240101&s=1")
        #expect(code.kind == .ma)
        #expect(code.lot == "2401A")
        #expect(code.productionDate == Fixture.date("2024-01-01"))
    }

    @Test("errors and warnings")
    func problems() {
        #expect(Fixture.decode("MA.156.M0.100001").error?.kind == .syntax)
        #expect(Fixture.decode("MA.156.M0.100001.1234567.E20241341").error?.kind == .date)
        #expect(Fixture.decode("MA.156.M0.100001.1234567.Zfoo").warnings.first?.kind == .grammar)
    }

    @Test("a part repeated with another value is an error; repeated with the same value it is accepted")
    func repeatedParts() {
        let twoExpiries = Fixture.decode("MA.156.M0.100001.1234567.E261231.E271231")
        #expect(twoExpiries.error?.kind == .syntax)
        #expect(twoExpiries.error?.message == "MA part E appears twice with different values")
        #expect(twoExpiries.error?.position == 33)
        #expect(Fixture.decode("MA.156.M0.100001.1234567.L1.S9.LX").error?.kind == .syntax)
        // M and P are both the production date.
        #expect(Fixture.decode("MA.156.M0.100001.1234567.M240101.P240102").error?.kind == .syntax)
        // The same value twice, or the same date in both forms, is one value.
        let same = Fixture.decode("MA.156.M0.100001.1234567.E261231.L7.E20261231")
        #expect(same.error == nil)
        #expect(same.expiry == Fixture.date("2026-12-31"))
        #expect(Fixture.decode("MA.156.M0.100001.1234567.L7.L7").lot == "7")
    }

    @Test("AHM is recognised and passed through unparsed")
    func ahm() {
        let code = Fixture.decode("MF12345678901234BA2401SN0001")
        #expect(code.kind == .ahm)
        #expect(code.raw == "MF12345678901234BA2401SN0001")
        #expect(code.warnings.first?.kind == .unparsed)
    }
}
