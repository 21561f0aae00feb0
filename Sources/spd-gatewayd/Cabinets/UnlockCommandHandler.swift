import GatewayCore
import GatewayForwarding

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The backend's `unlock` command: opens a cabinet session for a user (and optionally a patient and surgery) and
/// releases the locks. Replies `ok: true` once the lock output was driven; see docs/protocol.md.
struct UnlockCommandHandler: BackendCommandHandler {
    let controllers: [String: CabinetController]

    /// The command's own fields, after `class`, `type` and `id`.
    struct Fields: Decodable {
        var cabinet: String?
        var user: Party?
        var patient: Party?
        var surgery: Party?
    }

    func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(line))
        } catch {
            return ReplyMessage(
                id: command.id, ok: false, error: "invalid_command", message: "unlock fields are malformed: \(error)")
        }
        let name = fields.cabinet ?? (controllers.count == 1 ? controllers.keys.first : nil)
        guard let name, let controller = controllers[name] else {
            return ReplyMessage(
                id: command.id, ok: false, error: "unknown_cabinet",
                message: "no cabinet \"\(fields.cabinet ?? "")\" on this gateway; "
                    + "known: \(controllers.keys.sorted().joined(separator: ", "))")
        }
        guard let user = fields.user, !user.id.isEmpty else {
            return ReplyMessage(id: command.id, ok: false, error: "invalid_command", message: "unlock needs user.id")
        }
        let authorization = CabinetAuthorization(
            user: user, patient: fields.patient, surgery: fields.surgery, via: "backend")
        switch await controller.authorize(authorization) {
        case .success:
            return ReplyMessage(id: command.id, ok: true, message: "cabinet \(name) unlocked")
        case .failure(.busy):
            return ReplyMessage(id: command.id, ok: false, error: "busy", message: "cabinet \(name) has a session open")
        case .failure(.lockFault):
            return ReplyMessage(
                id: command.id, ok: false, error: "lock_fault", message: "the lock of cabinet \(name) does not answer")
        }
    }
}
