#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CabinetState {
    /// JSON for the state file.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }

    /// Reads a state file's JSON.
    public static func decode(_ bytes: [UInt8]) throws -> CabinetState {
        try JSONDecoder().decode(CabinetState.self, from: Data(bytes))
    }
}
