import Foundation
import GatewayCore
import GatewayDevices
import Testing

@Suite("Scanner node set-up")
struct ScannerNodeTests {
    /// The process's open descriptors, from /proc/self/fd.
    static func openDescriptors() -> Set<Int32> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(names.compactMap { Int32($0) })
    }

    /// A serial scanner on a node that is not a tty: the set-up's termios call fails after the open. The
    /// descriptor is closed exactly once, by `deinit`: the failure path used to close it too, and a second close
    /// of the same number hits whatever another thread opened under it in between.
    @Test func aNodeWhoseSetUpFailsIsClosedOnceAndNotLeaked() throws {
        let settings = ScannerSettings(id: "not-a-tty", kind: .serial, path: "/dev/null", station: "d")
        // Other tests open and close descriptors in parallel: compare what is open around many attempts.
        let before = Self.openDescriptors()
        for _ in 0..<200 {
            #expect(throws: SystemCallError.self) { _ = try ScannerNode(path: "/dev/null", settings: settings) }
        }
        let leaked = Self.openDescriptors().subtracting(before)
        // A leak would leave up to 200 more; parallel tests may have a handful open at this instant.
        #expect(leaked.count < 20, "\(leaked.count) descriptors more than before")
    }
}
