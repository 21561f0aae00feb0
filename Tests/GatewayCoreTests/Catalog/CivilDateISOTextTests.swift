import GatewayCodes
import Testing
@testable import GatewayCore

/// `CivilDate.isoText` (the resolution's expiry text) must read exactly as `description` does.
@Suite struct CivilDateISOTextTests {
    @Test(arguments: [
        CivilDate(year: 2028, month: 1, day: 31), CivilDate(year: 2024, month: 2, day: 29),
        CivilDate(year: 1999, month: 12, day: 1), CivilDate(year: 999, month: 7, day: 4),
        CivilDate(year: 0, month: 1, day: 1), CivilDate(year: 2026, month: 6, day: 0),
        CivilDate(year: 10_000, month: 1, day: 1), CivilDate(year: -1, month: 1, day: 1),
    ])
    func isoTextIsTheDescription(_ date: CivilDate) {
        #expect(date.isoText == date.description)
    }

    @Test func everyDayOfALeapYearAndTheNext() {
        for year in 2024...2025 {
            for month in 1...12 {
                for day in 1...31 {
                    let date = CivilDate(year: year, month: month, day: day)
                    #expect(date.isoText == date.description)
                }
            }
        }
    }
}
