import Foundation

/// The built `tmemctl` running in the background (`tmemctl watch`), for tests that act while it runs and
/// then signal it or wait for it. Its output goes to files read once it has exited.
public final class TmemctlProcess {
    public let process = Process()
    let out: URL
    let err: URL

    public init(_ arguments: [String]) throws {
        guard let exe = TmemctlRunner.binary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "tmemctl binary not found next to the test bundle"])
        }
        let tmp = FileManager.default.temporaryDirectory
        out = tmp.appendingPathComponent("tmemctl-bg-out-\(UUID().uuidString)")
        err = tmp.appendingPathComponent("tmemctl-bg-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = exe
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TMEMCTL_ROOT"] = nil
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }

    /// What it has printed so far.
    public var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

    /// Polls `condition` on stdout every 50 ms for up to `seconds`; true once it holds.
    public func waitForOutput(seconds: Double, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(stdout) { return true }
            usleep(50_000)
        }
        return condition(stdout)
    }

    /// Waits for exit, killing it after `seconds`; the exit status (nil when it had to be killed).
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }
}
