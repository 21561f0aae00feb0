import GatewayCore
import GatewayForwarding
import GatewayStore
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Handles the backend's `catalog` commands (snapshot in chunks, upsert, delete; docs/protocol.md) by applying
/// them to the local cache. Every reply carries the catalogue version the gateway is at afterwards, so the backend
/// knows what to send next.
struct CatalogCommandHandler: BackendCommandHandler {
    let cache: CatalogCache
    let logger: Logger

    func handle(_ command: CommandMessage, line: [UInt8]) async -> ReplyMessage {
        let sync: CatalogSyncCommand
        do {
            sync = try JSONDecoder().decode(CatalogSyncCommand.self, from: Data(line))
        } catch {
            return ReplyMessage(
                id: command.id, ok: false, error: CatalogCacheError.Code.invalidCommand.rawValue,
                message: "not a catalog command: \(error)", catalogVersion: cache.catalogVersion())
        }
        do {
            let report = try await cache.apply(sync)
            var message = "\(sync.operation.rawValue): \(report.added) added, \(report.updated) updated, "
                + "\(report.deleted) deleted, \(report.rejected) rejected"
            if let first = report.rejections.first { message += " (record \(first.line): \(first.reason))" }
            if report.rejected > 0 || sync.operation == .snapshotCommit {
                logger.notice(
                    "catalogue updated by the backend",
                    metadata: ["catalog.version": "\(report.catalogVersion)", "catalog.result": "\(message)"])
            }
            return ReplyMessage(id: command.id, ok: true, message: message, catalogVersion: report.catalogVersion)
        } catch let error as CatalogCacheError {
            logger.warning(
                "catalog command refused",
                metadata: [
                    "command.id": "\(command.id)", "error": "\(error)", "catalog.op": "\(sync.operation.rawValue)",
                ])
            return ReplyMessage(
                id: command.id, ok: false, error: error.code.rawValue, message: error.description,
                catalogVersion: cache.catalogVersion())
        } catch {
            return ReplyMessage(
                id: command.id, ok: false, error: CatalogCacheError.Code.storage.rawValue, message: "\(error)",
                catalogVersion: cache.catalogVersion())
        }
    }
}
