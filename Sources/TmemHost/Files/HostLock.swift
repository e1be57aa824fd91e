import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A machine-wide advisory lock under the root's `/run/tmemctl/` (directory 0700, lock file 0600, neither
/// followed through a symlink), held while a command reads state and changes it, so that two runs of
/// `zswap set` cannot both record the same "previous" values. Released when the value is dropped (or the
/// process dies: flock locks die with their descriptor).
public final class HostLock {
    public let path: String
    private let fd: Int32

    public static let directory = "run/tmemctl"

    /// Blocks (up to `timeout` seconds) until the named lock is free.
    public init(_ name: String, root: SystemRoot, timeout: Double = 30) throws(HostError) {
        let dir = root.absolute(Self.directory)
        path = dir + "/" + name + ".lock"
        if mkdir(root.absolute("run"), 0o755) != 0 && errno != EEXIST {
            throw HostError(subject: "lock", action: "cannot create directory", path: root.absolute("run"), errno: Errno(rawValue: errno))
        }
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw HostError(subject: "lock", action: "cannot create directory", path: dir, errno: Errno(rawValue: errno))
        }
        var st = stat()
        guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw HostError(subject: "lock", action: "refusing a lock directory that is not a directory", path: dir,
                            errno: .notDirectory, hint: "remove what is at \(dir)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 {
            throw HostError(subject: "lock", action: "cannot open", path: path, errno: Errno(rawValue: errno),
                            hint: errno == EACCES ? "run as root" : nil)
        }
        let deadline = Double(monotonicNanoseconds()) / 1e9 + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let e = Errno(rawValue: errno)
                close(fd)
                throw HostError(subject: "lock", action: "cannot lock", path: path, errno: e)
            }
            if Double(monotonicNanoseconds()) / 1e9 > deadline {
                close(fd)
                throw HostError(subject: "lock", action: "another tmemctl holds the lock", path: path, errno: .wouldBlock,
                                hint: "waited \(Int(timeout)) s; is another tmemctl run stuck?")
            }
            usleep(20_000)
        }
        self.fd = fd
    }

    deinit { close(fd) }
}

private func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
