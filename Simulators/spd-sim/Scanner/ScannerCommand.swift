import ArgumentParser
import Foundation
import GatewayCore

/// `spd-sim scanner`: a barcode scanner as the gateway sees it, behind a device node at a path.
struct ScannerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner",
        abstract: "Simulate a keyboard-wedge (evdev), HID-POS (hidraw) or serial scanner at a device path.",
        discussion: """
            Creates a pty in raw mode linked at --path (configure the gateway's [[scanner]] with that path), waits
            until the gateway opens it, then plays the scenario: evdev scans as 24-byte input_event records typed
            on the scenario's keymap, HID-POS scans as 64-byte reports, serial scans as bytes and a terminator.
            Steps can unplug and replug the device, send garbage or partial scans. Prints "scenario done" at the
            end and keeps the device until stopped (SIGTERM/SIGINT), so the gateway does not see an unplug.
            """
    )

    @Option(help: ArgumentHelp("Where the device node appears (a symlink to the pty).", valueName: "path"))
    var path: String

    @Option(
        help: ArgumentHelp(
            "Scenario file (JSON); see Simulators/spd-sim/Scanner/ScannerScenario.swift.", valueName: "file"))
    var scenario: String

    @Flag(help: "Exit after the scenario instead of keeping the device plugged in.")
    var exitWhenDone = false

    @Flag(help: """
        Write each scan's terminator (Enter key, CR, last HID report) separately and print \
        "terminator <monotonic ns> <code>" just before it (for scanner-bench's latency figures).
        """)
    var markTerminators = false

    @Option(help: ArgumentHelp(
        "Also write what was sent as a capture file (Tests/Fixtures/scanners format) for replay tests.",
        valueName: "file"))
    var capture: String?

    func validate() throws {
        guard path.hasPrefix("/") else { throw ValidationError("--path must be absolute, got '\(path)'") }
    }

    func run() throws {
        let scenario = try ScannerScenario.load(path: self.scenario)
        guard ["evdev", "hidpos", "serial"].contains(scenario.type) else {
            throw ValidationError("scenario type must be evdev, hidpos or serial, got '\(scenario.type)'")
        }
        let encoder = try ScenarioEncoder(scenario)
        let device = StandInDevice(path: path)
        if capture != nil {
            device.recorder = CaptureRecorder(configuration: scenario.configurationLines, scenario: self.scenario)
        }
        try device.plug()
        say("device ready at \(path)")
        try device.waitForReader()
        say("reader attached")
        var timeline: UInt64 = 0
        for (index, step) in scenario.steps.enumerated() {
            try play(step, number: index + 1, on: device, encoder: encoder, timeline: &timeline)
        }
        device.waitUntilRead()
        if let capture, let recorder = device.recorder {
            try recorder.text.write(toFile: capture, atomically: true, encoding: .utf8)
        }
        say("scenario done")
        guard !exitWhenDone else { return }
        // Keep the device plugged in until the test or the person stops the simulator.
        while true { Glibc.sleep(3600) }
    }

    func play(
        _ step: ScannerScenario.Step, number: Int, on device: StandInDevice, encoder: ScenarioEncoder,
        timeline: inout UInt64
    ) throws {
        if markTerminators, let text = step.scan {
            let start = max(Self.monotonicNow(), timeline)
            let whole = try encoder.writes(for: text, complete: true, at: start).flatMap(\.bytes)
            let split = encoder.scenario.type == "hidpos"
                ? whole.count - 64 : try encoder.writes(for: text, complete: false, at: start).flatMap(\.bytes).count
            try device.write(Array(whole[..<split]))
            timeline = try encoder.endTime(for: text, complete: true, at: start)
            Self.sleep(until: timeline)
            let now = Self.monotonicNow()
            say("terminator \(now) \(text)")
            try device.write(Array(whole[split...]))
        } else if let text = step.scan ?? step.partial {
            let start = max(Self.monotonicNow(), timeline)
            for write in try encoder.writes(for: text, complete: step.scan != nil, at: start) {
                if write.delay > 0 { usleep(useconds_t(write.delay / 1000)) }
                try device.write(write.bytes)
            }
            // A keyboard wedge takes its time to type (8 ms a key): the next step starts after the last key's
            // timestamp, as it would on a real scanner, so scans never overlap in time.
            timeline = try encoder.endTime(for: text, complete: step.scan != nil, at: start)
            Self.sleep(until: timeline)
            say("step \(number): \(step.scan != nil ? "scan" : "partial") \(text.debugDescription)")
        }
        if let hex = step.garbageHex {
            try device.write(try ScenarioEncoder.bytes(hex: hex))
            say("step \(number): garbage \(hex)")
        }
        if step.synDropped == true {
            let now = Self.monotonicNow()
            try device.write(InputEvent.dropped(at: now).record + InputEvent.report(at: now).record)
            say("step \(number): SYN_DROPPED")
        }
        if let pause = step.pauseMs { usleep(useconds_t(pause * 1000)) }
        if step.unplug == true {
            // Let the reader take what was written before the cable is pulled: a real unplug loses nothing
            // already delivered to the host either.
            device.waitUntilRead()
            device.unplug()
            say("step \(number): unplugged")
        }
        if step.replug == true {
            try device.plug()
            try device.waitForReader()
            say("step \(number): replugged, reader attached")
        }
    }

    static func sleep(until time: UInt64) {
        let now = monotonicNow()
        if time > now { usleep(useconds_t((time - now) / 1000)) }
    }

    static func monotonicNow() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
