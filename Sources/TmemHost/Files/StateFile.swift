import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// A small state file tmemctl keeps under `/run/tmemctl/` (what apply owns, what it saved before changing).
/// Directories are created 0700 and must be real directories owned by this user and writable by nobody else;
/// files are created 0600 with O_CREAT|O_EXCL|O_NOFOLLOW and replaced by rename, never rewritten in place.
public struct StateFile: Sendable {
    public let root: SystemRoot
    /// Root-relative, such as `run/tmemctl/apply/zram3.json`.
    public let relativePath: String

    public init(root: SystemRoot, _ relativePath: String) {
        self.root = root
        self.relativePath = relativePath
    }

    public var path: String { root.absolute(relativePath) }

    /// The contents, or nil when the file does not exist. A link is refused (ELOOP), not followed.
    public func read() throws(HostError) -> String? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw HostError(subject: "state", action: "cannot read", path: path, errno: Errno(rawValue: errno))
        }
        close(fd)
        do { return try root.read(relativePath) } catch {
            throw HostError(subject: "state", action: "cannot read", path: path, errno: error)
        }
    }

    /// Creates the file; EEXIST when it is already there (so "saved before the first apply" is kept).
    public func create(_ contents: String) throws(HostError) {
        try makeParents()
        try write(contents, to: relativePath)
    }

    /// A temporary name nobody can guess ahead (a pid is guessable): whatever is planted at a predictable name is
    /// neither reused nor removed.
    static func temporaryName(for relative: String) -> String {
        var g = SystemRandomNumberGenerator()
        return relative + ".tmp-" + (0..<2).map { _ in String(g.next() as UInt64, radix: 16) }.joined()
    }

    /// Replaces the file atomically (a new 0600 file, then rename over the old one).
    public func replace(_ contents: String) throws(HostError) {
        try makeParents()
        let temporary = Self.temporaryName(for: relativePath)
        try write(contents, to: temporary)
        if rename(root.absolute(temporary), path) != 0 {
            let e = Errno(rawValue: errno)
            _ = unlink(root.absolute(temporary))
            throw HostError(subject: "state", action: "cannot replace", path: path, errno: e)
        }
    }

    /// Removes the file; a missing one is fine.
    public func remove() throws(HostError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw HostError(subject: "state", action: "cannot remove", path: path, errno: Errno(rawValue: errno))
        }
    }

    private func write(_ contents: String, to relative: String) throws(HostError) {
        let full = root.absolute(relative)
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd < 0 {
            throw HostError(subject: "state", action: "cannot create", path: full, errno: Errno(rawValue: errno),
                            hint: errno == EEXIST ? "it is already there" : nil)
        }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let e = n < 0 ? Errno(rawValue: errno) : .ioError
                _ = unlink(full)
                throw HostError(subject: "state", action: "cannot write", path: full, errno: e)
            }
            done += n
        }
    }

    /// Every directory between the root and the file, created 0700 when missing and checked when present.
    public func makeParents() throws(HostError) {
        var components = relativePath.split(separator: "/").map(String.init)
        components.removeLast()
        var relative = ""
        for c in components {
            relative += relative.isEmpty ? c : "/" + c
            let full = root.absolute(relative)
            if mkdir(full, 0o700) != 0 && errno != EEXIST {
                throw HostError(subject: "state", action: "cannot create", path: full, errno: Errno(rawValue: errno))
            }
            guard relative.hasPrefix("run/tmemctl") else { continue }
            var st = stat()
            guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                throw HostError(subject: "state", action: "not a directory:", path: full, errno: .notDirectory,
                                hint: "remove it; tmemctl keeps its state in real directories only")
            }
            guard st.st_uid == geteuid(), st.st_mode & 0o022 == 0 else {
                throw HostError(subject: "state", action: "not safe to keep state in:", path: full,
                                errno: .permissionDenied, hint: "it must be owned by this user and writable by nobody else")
            }
        }
    }
}
