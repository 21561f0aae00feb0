import GatewayCore
import GatewayForwarding
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The backend's `config` command: changes the settings that are safe to change from afar while running.
///
/// Only the log level qualifies today: everything else (devices, backend address, identity) could cut the gateway
/// off or change what events mean, so it stays in the local file, changed by a person with `systemctl reload`.
/// A change lasts until the next reload or restart, which go back to the file. See docs/protocol.md.
struct ConfigCommandHandler: BackendCommandHandler {
    let logControl: LogControl
    let logger: Logger

    /// The command's fields after `class`, `type` and `id`; every one optional, at least one required.
    struct Fields: Decodable {
        var logLevel: String?

        enum CodingKeys: String, CodingKey {
            case logLevel = "log_level"
        }
    }

    func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(line))
        } catch {
            return ReplyMessage(
                id: command.id, ok: false, error: "invalid_command", message: "config fields are malformed: \(error)")
        }
        guard let text = fields.logLevel else {
            return ReplyMessage(
                id: command.id, ok: false, error: "nothing_to_apply",
                message: "the backend may set: log_level; everything else is set in gateway.toml on the gateway")
        }
        guard let level = LogSettings.Level(rawValue: text) else {
            let levels = LogSettings.Level.allCases.map(\.rawValue).joined(separator: ", ")
            return ReplyMessage(
                id: command.id, ok: false, error: "invalid_command",
                message: "log_level must be one of \(levels), got \"\(text)\"")
        }
        logControl.setLevel(level)
        logger.notice(
            "log level set by the backend", metadata: ["log.level": "\(level.rawValue)", "command.id": "\(command.id)"])
        return ReplyMessage(
            id: command.id, ok: true, message: "log level \(level.rawValue) until the next reload or restart")
    }
}
