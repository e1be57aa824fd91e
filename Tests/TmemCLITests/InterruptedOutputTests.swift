import Foundation
import Testing
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 item 12 on a fake root: a Ctrl-C while `zram add` waits for stdout (a full pipe) undoes the device
/// before the process exits 130 with a message, and a run started with SIGINT ignored is not stopped by it.
@Suite struct InterruptedOutputTests {
    @Test func sigintWhileTheNameIsBlockedRemovesTheDevice() throws {
        let f = try FakeHost.make(devices: [0], hotAdd: 1)
        try FakeHost.device(f, 1)
        let run = try BlockedStdoutRun(["zram", "add", "--size", "64M", "--root", f.directory.path])
        #expect(run.waitUntilBlockedOnStdout(seconds: 30), "tmemctl never blocked writing its result; stderr: \(run.stderr)")
        // The device is set up (disksize written) when the name is printed.
        #expect(try f.contents("sys/block/zram1/disksize") == "67108864")
        kill(run.process.processIdentifier, SIGINT)
        let out = run.drainAndWait(seconds: 30)
        #expect(run.process.terminationReason == .exit, "killed by the signal instead of cleaning up")
        #expect(run.process.terminationStatus == 128 + SIGINT)
        #expect(run.stderr == "tmemctl: interrupted by signal 2; everything created was removed\n", "\(run.stderr)")
        // Reset, then hot_remove of zram1, as after a failed step.
        #expect(try f.contents("sys/block/zram1/reset") == "1")
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "1")
        // Nothing more than the name, and only when the write went through before the signal was handled.
        let extra = String(decoding: out.dropFirst(run.prefill), as: UTF8.self)
        #expect(out.count >= run.prefill && (extra.isEmpty || extra == "zram1\n"), "\(extra)")
    }

    /// `trap '' INT` is how a shell passes SIG_IGN on to a command (nohup does the same for SIGHUP): watch runs
    /// all its samples although SIGINT arrives in the middle; a SIGTERM-free control shows SIGINT stops it otherwise.
    @Test func anInheritedIgnoreOfSigintIsKept() throws {
        let exe = try #require(TmemctlRunner.binary)
        let f = try FakeHost.make(devices: [1])
        func watch(ignoring: Bool) throws -> (status: Int32, samples: Int) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            let trap = ignoring ? "trap '' INT; " : ""
            p.arguments = ["-c", trap + "exec \"$0\" watch --root \"$1\" --json --interval 0.1 --count 15", exe.path, f.directory.path]
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("watch-ign-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: out) }
            p.standardOutput = try FileHandle(forWritingTo: out)
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Let it take a few samples, then interrupt it (the shell has exec'd tmemctl by then).
            for _ in 0..<300 where p.isRunning {
                if ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").count >= 3 { break }
                usleep(10_000)
            }
            kill(p.processIdentifier, SIGINT)
            p.waitUntilExit()
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            return (p.terminationStatus, text.split(separator: "\n").filter { $0.contains("\"sample\"") }.count)
        }
        let ignored = try watch(ignoring: true)
        #expect(ignored.status == 0 && ignored.samples == 15, "\(ignored)")
        let caught = try watch(ignoring: false)
        #expect(caught.samples < 15, "SIGINT did not stop the control run: \(caught)")
    }
}
