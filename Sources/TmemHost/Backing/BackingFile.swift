import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// The file of `writeback-device = file:PATH SIZE`: what is at PATH now, and whether tmemctl may use it.
///
/// The choice (tmemctl.conf(5), WRITEBACK): a missing file is created 0600 with O_CREAT|O_EXCL|O_NOFOLLOW and
/// fallocated to SIZE when the directory's file system has SIZE bytes free; an existing one is reused only when
/// it is a regular file of exactly SIZE bytes with one link, owned by this user and closed to group and others
/// (what tmemctl itself leaves behind). Anything else is refused, never truncated, resized or followed: a file of
/// another size may be someone's data. zram never reads a slot it did not write this boot, so stale contents of
/// a reused file are never used (they stay on disk until overwritten; `writeback-encrypt` keeps them unreadable).
public struct BackingFileFacts: Equatable, Sendable {
    public enum Entry: Equatable, Sendable {
        case absent
        case regular(size: UInt64, allocatedBytes: UInt64, owner: UInt32, mode: UInt32, links: UInt64)
        /// Not a regular file: what it is (`a symbolic link`, `a directory`, ...).
        case other(String)
    }

    public var entry: Entry
    /// statvfs of the directory: f_bavail × f_frsize (what non-root users may still use: tmemctl leaves the
    /// reserved blocks alone). nil when the directory cannot be read; `directoryProblem` says why.
    public var directoryFreeBytes: UInt64?
    public var directoryProblem: String?

    public init(entry: Entry, directoryFreeBytes: UInt64?, directoryProblem: String? = nil) {
        self.entry = entry
        self.directoryFreeBytes = directoryFreeBytes
        self.directoryProblem = directoryProblem
    }

    public enum Use: String, Equatable, Sendable { case create, reuse }

    /// Reads what is at `path` (absolute, as the configuration gives it) under `root`, following no link.
    public static func read(path: String, root: SystemRoot) -> BackingFileFacts {
        let full = root.absolute(String(path.drop { $0 == "/" }))
        let directory = String(full[..<(full.lastIndex(of: "/") ?? full.startIndex)])
        var facts = BackingFileFacts(entry: .absent, directoryFreeBytes: nil)
        var dst = stat()
        // The directory may be reached through links (/var/run → /run), as open(2) reaches it; only the file
        // itself is never followed.
        if stat(directory.isEmpty ? "/" : directory, &dst) != 0 {
            let e = Errno(rawValue: errno)
            facts.directoryProblem = "cannot stat the directory \(directory): \(ErrnoName.of(e))"
                + (e == .noSuchFileOrDirectory ? " (tmemctl makes the file, not its directory: create it, or mount its file system, first)" : "")
        } else if (dst.st_mode & S_IFMT) != S_IFDIR {
            facts.directoryProblem = "\(directory) is not a directory"
        } else {
            var v = statvfs()
            if statvfs(directory.isEmpty ? "/" : directory, &v) == 0 {
                facts.directoryFreeBytes = UInt64(v.f_bavail).multipliedReportingOverflow(by: UInt64(v.f_frsize)).partialValue
            } else {
                facts.directoryProblem = "cannot statvfs \(directory): \(ErrnoName.of(Errno(rawValue: errno)))"
            }
        }
        var st = stat()
        if lstat(full, &st) == 0 {
            facts.entry = (st.st_mode & S_IFMT) == S_IFREG
                ? .regular(size: UInt64(st.st_size), allocatedBytes: UInt64(st.st_blocks) * 512, owner: st.st_uid,
                           mode: st.st_mode & 0o7777, links: UInt64(st.st_nlink))
                : .other(Self.kind(st.st_mode))
        } else if errno != ENOENT {
            facts.entry = .other("unreadable (\(ErrnoName.of(Errno(rawValue: errno))))")
        }
        return facts
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a directory"
        case S_IFBLK: "a block device"
        case S_IFCHR: "a character device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// Whether `path` may back a device of `sizeBytes`, for a process of user `euid`: create or reuse, or why not.
    public func decide(path: String, sizeBytes: UInt64, euid: UInt32) -> Result<Use, BackingFileRefusal> {
        func no(_ s: String) -> Result<Use, BackingFileRefusal> { .failure(BackingFileRefusal(message: s)) }
        let needed: UInt64
        let use: Use
        switch entry {
        case .other(let what):
            return no("\(path) is \(what), not a regular file: tmemctl neither follows nor replaces it; remove it or name another path")
        case .regular(let size, let allocated, let owner, let mode, let links):
            guard owner == euid else {
                return no("\(path) exists and belongs to uid \(owner), not to uid \(euid): tmemctl reuses only a file it could have made; remove it or name another path")
            }
            guard mode & 0o077 == 0 else {
                return no("\(path) exists with mode \(String(mode, radix: 8)): a backing file holds swapped-out memory, so group and others must have no access (chmod 600 it)")
            }
            guard links == 1 else {
                return no("\(path) has \(links) hard links: another name reaches the same data; remove it or name another path")
            }
            guard size == sizeBytes else {
                return no("\(path) exists with \(size) bytes, not the \(sizeBytes) the configuration asks for: tmemctl never resizes a file; remove it (it is made anew) or set the size to \(size)")
            }
            needed = sizeBytes - min(sizeBytes, allocated)
            use = .reuse
        case .absent:
            needed = sizeBytes
            use = .create
        }
        if let problem = directoryProblem { return no("\(path): \(problem)") }
        let free = directoryFreeBytes ?? 0
        if needed > free {
            let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            return no("\(path): \(needed) bytes are needed and \(dir.isEmpty ? "/" : dir) has only \(free) bytes free (statvfs, blocks available to non-root): free space or set a smaller size")
        }
        return .success(use)
    }
}

public struct BackingFileRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// An open backing file, ready for a loop device: O_DIRECT set, SIZE bytes allocated.
public final class OpenBackingFile {
    public let path: String
    public let fd: Int32
    /// Made by this run (removed again when setting it up fails).
    public let created: Bool

    init(path: String, fd: Int32, created: Bool) {
        self.path = path
        self.fd = fd
        self.created = created
    }

    deinit { close(fd) }

    /// Opens or creates the file (live root only), checking again on the descriptor what `BackingFileFacts.decide`
    /// checked on the path, so nothing swapped in between is used.
    public static func open(path: String, sizeBytes: UInt64, root: SystemRoot) throws(HostError) -> OpenBackingFile {
        let full = root.absolute(String(path.drop { $0 == "/" }))
        guard root.isLive else {
            throw HostError(subject: path, action: "cannot set up a backing file under --root:", path: full, errno: .notPermitted,
                            hint: "loop devices are made only on the live root (/); under a fake root the step is planned and shown")
        }
        var created = true
        var fd = Glibc.open(full, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0o600)
        if fd < 0 && errno == EEXIST {
            created = false
            // O_NONBLOCK: a FIFO planted there does not hang the open.
            fd = Glibc.open(full, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        }
        guard fd >= 0 else {
            throw HostError(subject: path, action: "cannot open the backing file", path: full, errno: Errno(rawValue: errno))
        }
        func fail(_ action: String, _ e: Errno?, hint: String? = nil) -> HostError {
            if created { _ = unlink(full) }
            close(fd)
            return HostError(subject: path, action: action, path: full, errno: e, hint: hint)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot stat", Errno(rawValue: errno)) }
        var v = statvfs()
        guard fstatvfs(fd, &v) == 0 else { throw fail("cannot statvfs", Errno(rawValue: errno)) }
        let entry: BackingFileFacts.Entry = (st.st_mode & S_IFMT) == S_IFREG
            ? .regular(size: created ? 0 : UInt64(st.st_size), allocatedBytes: UInt64(st.st_blocks) * 512, owner: st.st_uid,
                       mode: st.st_mode & 0o7777, links: UInt64(st.st_nlink))
            : .other(BackingFileFacts.kind(st.st_mode))
        let facts = BackingFileFacts(entry: created ? .absent : entry,
                                     directoryFreeBytes: UInt64(v.f_bavail).multipliedReportingOverflow(by: UInt64(v.f_frsize)).partialValue)
        if case .failure(let why) = facts.decide(path: path, sizeBytes: sizeBytes, euid: geteuid()) {
            throw fail("refused:", nil, hint: why.message)
        }
        // O_NONBLOCK is meaningless for a regular file; cleared so the descriptor is an ordinary one.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if cshim_fallocate(fd, 0, Int64(sizeBytes)) != 0 {
            let e = Errno(rawValue: errno)
            throw fail("cannot allocate \(sizeBytes) bytes for", e,
                       hint: e == .notSupported ? "the file system cannot preallocate; put the file on ext4, xfs or btrfs" : nil)
        }
        if cshim_fd_set_direct(fd) != 0 {
            let e = Errno(rawValue: errno)
            throw fail("cannot turn on direct I/O for", e,
                       hint: e == .invalidArgument ? "its file system has no O_DIRECT; put the file on ext4, xfs or btrfs" : nil)
        }
        return OpenBackingFile(path: path, fd: fd, created: created)
    }

    /// Removes a file this run created (setting the device up failed after it).
    public func removeIfCreated(root: SystemRoot) {
        if created { _ = unlink(root.absolute(String(path.drop { $0 == "/" }))) }
    }
}
