import GatewayCore

/// Backend commands: carried out by the session's command worker, beside the conversation and not in it.
///
/// A command can take long: a catalogue chunk of hundreds of records is written to the cache, an `unlock` waits for
/// the lock board and an outbox commit. Carried out inline, the conversation applied no ack, sent no event and
/// handled no tick meanwhile, and the reader went on buffering every line the backend sent. So the reader hands
/// commands to a ``CommandQueue`` and one worker carries them out in arrival order (catalogue chunks must be
/// applied in order, and replies follow commands in order); the conversation writes the replies, so it stays the
/// connection's only writer and a reply of a session that ended is dropped, never written to a closed connection.
extension ForwardingSession {
    /// A command as the reader received it.
    struct ReceivedCommand: Sendable {
        var command: CommandMessage
        var line: [UInt8]
    }

    /// Carries out the queued commands one at a time and hands each reply to the conversation (`replies`), until the
    /// queue ends or the task is cancelled (the session ended: the command in progress is finished, the ones not
    /// yet begun are dropped, and none gets a reply on this connection).
    static func carryOutCommands(
        from queue: CommandQueue<ReceivedCommand>, forwarder: Forwarder, replies: AsyncStream<Input>.Continuation
    ) async {
        while let received = await queue.next() {
            // In a task of its own, so that the session's end does not cancel it: a handler is written to run to
            // completion (an unlock between its lock writes, a catalogue chunk in its transaction), as it did when
            // commands ran inline. The worker, and so the session's end, waits for it; its reply is then dropped.
            let handling = Task { await Self.reply(to: received.command, line: received.line, forwarder: forwarder) }
            let answer = await handling.value
            forwarder.update { $0.commandsHandled += 1 }
            // Dropped when the session has ended meanwhile (the stream is finished then).
            replies.yield(.reply(answer))
        }
    }

    /// Carries out `command` with its handler; a type without one is answered `unsupported_command`.
    static func reply(to command: CommandMessage, line: [UInt8], forwarder: Forwarder) async -> ReplyMessage {
        guard let handler = forwarder.commandHandlers[command.type] else {
            return ReplyMessage(
                id: command.id, ok: false, error: "unsupported_command",
                message: "this gateway does not handle '\(command.type)' commands")
        }
        return await handler.handle(command, line: line)
    }
}
