import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and returns, with its exit status and output, its peak resident set size as the
/// kernel accounted it (wait4's ru_maxrss: what `/usr/bin/time -v` prints as "Maximum resident set size"). Output
/// goes to files, so a large document cannot block the child on a pipe.
public enum PeakMemoryRun {
    public struct Result: Sendable {
        public let status: Int32
        /// The child's high-water mark of resident memory, in bytes.
        public let maxResidentBytes: Int
        public let stdout: Data
        public let stderr: String
    }

    public static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory
        let out = tmp.appendingPathComponent("peak-out-\(UUID().uuidString)").path
        let err = tmp.appendingPathComponent("peak-err-\(UUID().uuidString)").path
        defer { unlink(out); unlink(err) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        // The test's environment without TMEMCTL_ROOT, as TmemctlRunner does.
        let env = ProcessInfo.processInfo.environment.filter { $0.key != "TMEMCTL_ROOT" }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let r = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard r == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): errno \(r)"])
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "wait4 \(pid): errno \(errno)"])
            }
        }
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      maxResidentBytes: Int(usage.ru_maxrss) * 1024,
                      stdout: FileManager.default.contents(atPath: out) ?? Data(),
                      stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self))
    }
}
