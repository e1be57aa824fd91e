import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// One of the system's own programs (`mkswap`, `mkfs.ext4`, `mount`), run directly with an argument vector:
/// no shell, no PATH from the caller, a fixed environment. Only on the live root: a fake root never executes code.
public struct SystemProgram: Sendable {
    /// Where a root tool looks for system programs, in this order.
    public static let searchDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    public let name: String
    public let path: String

    /// Finds `name` (letters, digits, `.`, `-`, `_` only) in `searchDirectories`; nil when none has it.
    public init?(_ name: String) { self.init(name, root: SystemRoot("/")) }

    /// Finds `name` in `searchDirectories` under `root` (a fake root's own programs are found, so a plan can be
    /// shown there, but never run).
    public init?(_ name: String, root: SystemRoot) {
        guard !name.isEmpty, name.utf8.count < 64,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") })
        else { return nil }
        for dir in Self.searchDirectories where access(root.absolute(String(dir.dropFirst())) + "/" + name, X_OK) == 0 {
            self.name = name
            self.path = root.absolute(String(dir.dropFirst())) + "/" + name
            return
        }
        return nil
    }

    /// Runs the program and waits. A non-zero exit is an error carrying the last line the program wrote to stderr.
    /// `input` is fed to its stdin through a pipe (a key never goes on the command line); without it stdin is /dev/null.
    public func run(_ arguments: [String], root: SystemRoot, subject: String, input: [UInt8]? = nil) throws(HostError) {
        let shown = ([name] + arguments).joined(separator: " ")
        guard root.isLive else {
            throw HostError(subject: subject, action: "cannot run '\(shown)':", path: path, errno: .notPermitted,
                            hint: "programs run only on the live root (/), never under --root")
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            throw HostError(subject: subject, action: "cannot run '\(shown)':", path: path, errno: Errno(rawValue: errno))
        }
        _ = fcntl(pipeFDs[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeFDs[1], F_SETFD, FD_CLOEXEC)
        var inputFDs: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&inputFDs) == 0 else {
                let e = Errno(rawValue: errno)
                close(pipeFDs[0]); close(pipeFDs[1])
                throw HostError(subject: subject, action: "cannot run '\(shown)':", path: path, errno: e)
            }
            _ = fcntl(inputFDs[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(inputFDs[1], F_SETFD, FD_CLOEXEC)
            // Written whole before the child starts (a key is far below a pipe's 64 KiB), while the read end is
            // still open here: no SIGPIPE, no deadlock with a child that does not read.
            var done = 0
            while let input, done < input.count {
                let n = input.withUnsafeBytes { Glibc.write(inputFDs[1], $0.baseAddress! + done, $0.count - done) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            close(inputFDs[1])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inputFDs[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { $0.withCString { strdup($0) } } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"].map { $0.withCString { strdup($0) } } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
        close(pipeFDs[1])
        defer { close(pipeFDs[0]) }
        if input != nil { close(inputFDs[0]) }
        guard rc == 0 else {
            throw HostError(subject: subject, action: "cannot run '\(shown)':", path: path, errno: Errno(rawValue: rc))
        }
        var output: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if output.count < 65536 { output.append(contentsOf: buf[0..<n]) }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw HostError(subject: subject, action: "cannot wait for '\(shown)':", path: path, errno: Errno(rawValue: errno))
            }
        }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let last = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            let how = exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"
            throw HostError(subject: subject, action: "'\(shown)' \(how):", path: path, hint: last.isEmpty ? nil : last)
        }
    }
}
