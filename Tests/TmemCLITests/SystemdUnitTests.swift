import Foundation
import Testing
import TmemTestSupport

/// systemd/tmemctl-metrics.{service,timer}: installed with @BINDIR@ replaced (here by the built binary's
/// directory, in a DESTDIR-style tree), `systemd-analyze verify` accepts them without a single complaint
/// (it exits 0 even for a value it ignores, so its output must be empty too).
@Suite struct SystemdUnitTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func unit(_ name: String) throws -> String {
        try String(contentsOf: Self.repo.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
    }

    @Test func timerRunsTheTextfileExportEvery15Seconds() throws {
        let timer = try unit("tmemctl-metrics.timer")
        #expect(timer.contains("\nOnUnitActiveSec=15s\n"))
        #expect(timer.contains("\nAccuracySec=1s\n"))
        #expect(timer.contains("\nWantedBy=timers.target\n"))
        let service = try unit("tmemctl-metrics.service")
        #expect(service.contains("\nExecStart=@BINDIR@/tmemctl metrics --textfile /var/lib/prometheus/node-exporter\n"))
        #expect(service.contains("\nType=oneshot\n"))
    }

    @Test func policyTimerRunsOneRoundHourlyWithItsStateDirectory() throws {
        let timer = try unit("tmemctl-policy.timer")
        #expect(timer.contains("\nOnUnitActiveSec=1h\n"))
        #expect(timer.contains("\nWantedBy=timers.target\n"))
        let service = try unit("tmemctl-policy.service")
        #expect(service.contains("\nExecStart=@BINDIR@/tmemctl policy run\n"))
        #expect(service.contains("\nType=oneshot\n"))
        // The ledger lives under /var/lib/tmemctl, which ProtectSystem=strict would make read-only otherwise.
        #expect(service.contains("\nStateDirectory=tmemctl\n"))
        #expect(service.contains("\nStateDirectoryMode=0700\n"))
    }

    @Test func systemdAnalyzeVerifyAcceptsTheInstalledUnits() throws {
        let analyze = try #require(Self.analyze, "systemd-analyze not installed (Debian package systemd)")
        let bin = try #require(TmemctlRunner.binary, "tmemctl not built").deletingLastPathComponent().path
        let dest = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-units-\(UUID().uuidString)")
        let unitDir = dest.appendingPathComponent("etc/systemd/system")
        try FileManager.default.createDirectory(at: unitDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dest) }
        var paths: [String] = []
        for name in ["tmemctl-metrics.service", "tmemctl-metrics.timer", "tmemctl-policy.service", "tmemctl-policy.timer"] {
            let installed = try unit(name).replacingOccurrences(of: "@BINDIR@", with: bin)
            #expect(!installed.contains("@"))
            let url = unitDir.appendingPathComponent(name)
            try Data(installed.utf8).write(to: url)
            paths.append(url.path)
        }
        let (status, text) = try Self.verify(analyze, paths)
        #expect(status == 0, "\(text)")
        #expect(text.isEmpty, "\(text)")
    }

    /// `systemd-analyze verify ARGS`: its exit status and everything it printed.
    static func verify(_ analyze: String, _ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: analyze)
        p.arguments = ["verify"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }
}
