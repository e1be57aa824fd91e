import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A machine-wide advisory lock on a directory the locked state lives in (flock(2) on the directory itself, so
/// nothing is created and nothing is left behind), held while a command reads state and changes it: two runs
/// of `zswap set` lock `/sys/module/zswap/parameters` and cannot both record the same "previous" values.
/// Released when the value is dropped, or when the process dies (flock locks die with their descriptor).
public final class HostLock {
    public let path: String
    private let fd: Int32

    /// zswap's parameters: `zswap set` and `zswap restore` take turns on it.
    public static let zswapParameters = "sys/module/zswap/parameters"

    /// Blocks (up to `timeout` seconds) until the directory's lock is free.
    public init(directory relative: String, root: SystemRoot, timeout: Double = 30) throws(HostError) {
        path = root.absolute(relative)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            throw HostError(subject: "lock", action: "cannot open", path: path, errno: Errno(rawValue: errno))
        }
        try Self.wait(fd, path: path, timeout: timeout)
        self.fd = fd
    }

    /// Blocks (up to `timeout` seconds) until the lock file's lock is free: for state kept in files replaced by
    /// rename (a directory's lock would be as good, but a lock file can be one per device). The file is made 0600
    /// with O_NOFOLLOW and must be a regular file of this user; it stays (an empty file, reused by the next run).
    public init(file relative: String, root: SystemRoot, timeout: Double = 30) throws(HostError) {
        try StateFile(root: root, relative).makeParents()
        path = root.absolute(relative)
        // O_NONBLOCK: a FIFO planted there does not hang the open.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0o600)
        if fd < 0 {
            throw HostError(subject: "lock", action: "cannot open", path: path, errno: Errno(rawValue: errno))
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == geteuid(), st.st_mode & 0o022 == 0 else {
            close(fd)
            throw HostError(subject: "lock", action: "not a lock file tmemctl made:", path: path, errno: .permissionDenied,
                            hint: "it must be a regular file of this user, writable by nobody else; remove it")
        }
        try Self.wait(fd, path: path, timeout: timeout)
        self.fd = fd
    }

    private static func wait(_ fd: Int32, path: String, timeout: Double) throws(HostError) {
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let e = Errno(rawValue: errno)
                close(fd)
                throw HostError(subject: "lock", action: "cannot lock", path: path, errno: e)
            }
            if waited > timeout {
                close(fd)
                throw HostError(subject: "lock", action: "another tmemctl holds the lock on", path: path, errno: .wouldBlock,
                                hint: "waited \(Int(timeout)) s; is another tmemctl run stuck?")
            }
            usleep(20_000)
            waited += 0.02
        }
    }

    deinit { close(fd) }
}
