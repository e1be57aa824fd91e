import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Publishes a file for node_exporter's textfile collector: the text goes to a temporary file created in DIR
/// with an unpredictable name (O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted there is reused or followed),
/// is fsynced and renamed over `DIR/NAME`, and DIR is fsynced, so a scrape sees the old file or the new one,
/// never half of one. The file is 0644: it holds counters meant to be read by the exporter, no memory.
/// DIR is a real path, not under `--root`: it is where this host's exporter looks.
public struct TextfileWriter: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The temporary name does not end in `.prom`, so the collector never reads it.
    static func temporaryName(for name: String) -> String {
        var g = SystemRandomNumberGenerator()
        let suffix = (0..<2).map { _ in String(g.next() as UInt64, radix: 16) }.joined()
        return ".\(name).\(suffix).tmp"
    }

    public func publish(_ name: String, contents: String) throws(HostError) {
        precondition(!name.contains("/") && name.hasSuffix(".prom"))
        let target = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if dirfd < 0 {
            let e = Errno(rawValue: errno)
            var st = stat()
            let isLink = lstat(directory, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
            throw HostError(subject: "textfile", action: "cannot open the directory", path: directory, errno: e,
                            hint: isLink ? "it is a symbolic link, which is not followed; give the real directory"
                                : e == .noSuchFileOrDirectory ? "create it first (node_exporter's --collector.textfile.directory)" : nil)
        }
        defer { close(dirfd) }
        var tmp = Self.temporaryName(for: name)
        var fd: Int32 = -1
        for _ in 0..<8 {
            fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
            tmp = Self.temporaryName(for: name)
        }
        if fd < 0 {
            throw HostError(subject: "textfile", action: "cannot create",
                            path: directory + "/" + tmp, errno: Errno(rawValue: errno))
        }
        var renamed = false
        defer { if !renamed { unlinkat(dirfd, tmp, 0) } }
        if let e = writeAll(fd, Array(contents.utf8)) {
            close(fd)
            throw HostError(subject: "textfile", action: "cannot write", path: directory + "/" + tmp, errno: e,
                            hint: e == .noSpace ? "the file system is full" : nil)
        }
        // fchmod: the umask must not make the file unreadable for the exporter.
        if fchmod(fd, 0o644) != 0 || fsync(fd) != 0 {
            let e = Errno(rawValue: errno)
            close(fd)
            throw HostError(subject: "textfile", action: "cannot sync", path: directory + "/" + tmp, errno: e)
        }
        close(fd)
        if renameat(dirfd, tmp, dirfd, name) != 0 {
            throw HostError(subject: "textfile", action: "cannot rename \(tmp) to", path: target,
                            errno: Errno(rawValue: errno), hint: "is \(target) a directory?")
        }
        renamed = true
        _ = fsync(dirfd)
    }
}
