import Foundation

/// Runs the built `tmemctl` binary (it sits next to the test bundle in the build directory) and returns its exit
/// status and output. Running the real binary tests argument parsing, exit codes and stream separation as an admin
/// sees them, without redirecting the test process's own stdout.
public enum TmemctlRunner {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
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
        let tmp = FileManager.default.temporaryDirectory
        let out = tmp.appendingPathComponent("tmemctl-out-\(UUID().uuidString)")
        let err = tmp.appendingPathComponent("tmemctl-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TMEMCTL_ROOT"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
