import Foundation

/// Runs the built `tmemctl` binary (it sits next to the test bundle in the build directory) and returns its exit
/// status and output. Running the real binary tests argument parsing, exit codes and stream separation as an admin
/// sees them, without redirecting the test process's own stdout.
public enum TmemctlRunner {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Both streams, for failure messages and for text that may go to either.
        public var output: String { stdout + stderr }
    }

    public static var binary: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // swift-testing on Linux runs `<build>/tmemctlPackageTests.xctest`; on Darwin the bundle sits deeper.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("tmemctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        guard let exe = binary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "tmemctl binary not found next to the test bundle; run `swift build` first"])
        }
        // The test's environment without TMEMCTL_ROOT, so a stray one cannot redirect the run.
        var env = ProcessInfo.processInfo.environment
        env["TMEMCTL_ROOT"] = nil
        for (k, v) in environment { env[k] = v }
        let r = try ToolProcess.run(exe.path, arguments, environment: env, replacingEnvironment: true)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }
}
