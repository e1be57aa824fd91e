import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program from spawn to exit, timed as a script or udev would feel it: wall-clock time from
/// posix_spawn until waitpid returns, and the child's CPU time. stdin, stdout and stderr are /dev/null and the
/// environment is fixed, so two programs compared this way run under the same conditions. Live root only (a
/// fake root never executes code); the caller passes an absolute path it found itself.
public enum TimedRun {
    public struct Times: Sendable, Equatable {
        /// Seconds from spawn to reaped exit.
        public var wall: Double
        /// The child's user + system CPU seconds.
        public var cpu: Double
        public var exitStatus: Int32
    }

    static let environment = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"]

    /// The running binary (`/proc/self/exe` resolved), so a bench can time the very build it is part of.
    public static func currentExecutable() throws(HostError) -> String {
        let link = SystemRoot.kernelName("proc/self/exe")
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(link, &buf, buf.count - 1)
        guard n > 0 else {
            throw HostError(subject: "tmemctl", action: "cannot find its own binary:", path: link, errno: Errno(rawValue: errno))
        }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `path` with `arguments` and waits for it.
    public static func run(_ path: String, _ arguments: [String]) throws(HostError) -> Times {
        let devNull = SystemRoot.kernelName("dev/null")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, devNull, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, devNull, O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, devNull, O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        var t0 = timespec(), t1 = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t0)
        let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw HostError(subject: path, action: "cannot run", path: path, errno: Errno(rawValue: rc))
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw HostError(subject: path, action: "cannot wait for", path: path, errno: Errno(rawValue: errno))
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1)
        let wall = Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exited = (status & 0x7f) == 0
        return Times(wall: wall, cpu: cpu, exitStatus: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
}
