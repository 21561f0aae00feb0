import Foundation
import Testing

/// The backend's `config` command against the real daemon: the log level changes at run time; anything it may not
/// set is refused with a reason.
@Suite("Config command", .serialized)
struct ConfigCommandTests {
    @Test func theBackendRaisesTheLogLevelAndIsToldWhatItMayNotSet() async throws {
        let directory = try TemporaryDirectory("config-command")
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("state"), withIntermediateDirectories: true)
        let backend = try await BackendSimProcess(in: directory)
        let config = try directory.write(
            "gateway.toml",
            """
            [gateway]
            id = "cfg-gw"
            state_directory = "\(directory.file("state"))"

            [log]
            level = "warning"

            [backend]
            address = "\(backend.address)"
            reconnect_min = "20ms"
            """)
        let daemon = try ChildProcess("spd-gatewayd", ["--config", config], in: directory)
        defer { daemon.signal(SIGKILL) }
        var hellos = 0
        for _ in 0..<500 where hellos == 0 {
            hellos = try backend.stats()["hellos"] ?? 0
            if hellos == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(hellos == 1)

        _ = try backend.control(#"send {"class":"command","type":"config","id":"c-1","log_level":"debug"}"#)
        let applied = try #require(await BackendRecord.waitForReply(backend, id: "c-1"))
        #expect(applied["ok"] as? Bool == true, "\(applied)")
        // Logged at notice after the change: with the file's "warning" it would not appear.
        #expect(await daemon.waitForLog("log level set by the backend"))

        _ = try backend.control(#"send {"class":"command","type":"config","id":"c-2","log_level":"loud"}"#)
        let invalid = try #require(await BackendRecord.waitForReply(backend, id: "c-2"))
        #expect(invalid["ok"] as? Bool == false)
        #expect(invalid["error"] as? String == "invalid_command")

        _ = try backend.control(#"send {"class":"command","type":"config","id":"c-3","high_water_mark":5}"#)
        let nothing = try #require(await BackendRecord.waitForReply(backend, id: "c-3"))
        #expect(nothing["error"] as? String == "nothing_to_apply")
        #expect((nothing["message"] as? String ?? "").contains("log_level"))

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
