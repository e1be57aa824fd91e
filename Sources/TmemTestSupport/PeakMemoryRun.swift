import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and returns, with its exit status and output, its peak resident set size as the
/// kernel accounted it: GNU time's %M (ru_maxrss of its child, what `/usr/bin/time -v` prints as "Maximum resident
/// set size"). Through /usr/bin/time (bootstrap installs it) rather than a wait4 of our own: Linux charges a child
/// the high-water mark of the memory it was forked or spawned from, which in a test process of 100 MB hides the
/// program's own; time is small, so its child's figure is the program's. Output goes to files, so a large
/// document cannot block the child on a pipe.
public enum PeakMemoryRun {
    public struct Result: Sendable {
        public let status: Int32
        /// The child's high-water mark of resident memory, in bytes.
        public let maxResidentBytes: Int
        public let stdout: Data
        public let stderr: String
    }

    public static let time = "/usr/bin/time"

    public static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory
        let out = tmp.appendingPathComponent("peak-out-\(UUID().uuidString)").path
        let err = tmp.appendingPathComponent("peak-err-\(UUID().uuidString)").path
        let peak = tmp.appendingPathComponent("peak-rss-\(UUID().uuidString)").path
        defer { unlink(out); unlink(err); unlink(peak) }
        guard access(time, X_OK) == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(time) is missing: install Debian's time package (scripts/bootstrap)"])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        // The test's environment without TMEMCTL_ROOT, as TmemctlRunner does.
        let env = ProcessInfo.processInfo.environment.filter { $0.key != "TMEMCTL_ROOT" }.map { "\($0.key)=\($0.value)" }
        let argv = ([time, "-f", "%M", "-o", peak, executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let r = posix_spawn(&pid, time, &actions, nil, argv, envp)
        guard r == 0 else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(time): errno \(r)"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "wait4 \(pid): errno \(errno)"])
            }
        }
        // time exits with its child's status; a child killed by a signal is 128 + the signal.
        let exited = (status & 0x7f) == 0
        let kib = String(decoding: FileManager.default.contents(atPath: peak) ?? Data(), as: UTF8.self)
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let kib else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(time) wrote no peak RSS for \(executable)"])
        }
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      maxResidentBytes: kib * 1024,
                      stdout: FileManager.default.contents(atPath: out) ?? Data(),
                      stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self))
    }
}
