import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A file that holds captured memory or saved state, written so that no other user can read it and no planted
/// link can redirect it: the bytes go to a temporary file created exclusively with an unpredictable name and
/// mode 0600 in the target's directory, and only `commit()` puts it in place — with `link(2)`, which fails when
/// the name exists (so an existing file is never truncated), or with `--force` by `rename(2)`, which replaces a
/// planted symlink itself and never writes through it. Until then, and on any failure, the name is untouched.
public final class PrivateFile {
    public let path: String
    public let replaceExisting: Bool
    /// 0600 unless the file is meant to be shared (a generated config).
    public let mode: mode_t
    private let temporary: String
    private var fd: Int32
    public private(set) var bytesWritten = 0

    /// Refuses early (before any long capture) when the name exists and `replaceExisting` is false.
    public init(creating path: String, replaceExisting: Bool, mode: mode_t = 0o600) throws(HostError) {
        self.path = path
        self.replaceExisting = replaceExisting
        self.mode = mode
        var st = stat()
        if lstat(path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR {
                throw HostError(subject: HostError.fileName(path), action: "cannot write", path: path, errno: .isDirectory)
            }
            if !replaceExisting {
                throw HostError(subject: HostError.fileName(path), action: "refusing to replace an existing file", path: path, errno: .fileExists,
                                hint: "give --force to replace it, or choose another name")
            }
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var fd: Int32 = -1
        var name = ""
        // A name nobody can guess; O_EXCL|O_NOFOLLOW so a link planted under it is an error, not a redirect.
        for _ in 0..<16 {
            var rng = SystemRandomNumberGenerator()
            let token = String(rng.next() as UInt64, radix: 36)
            name = directory + "." + base + ".tmemctl-" + token
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 {
            throw HostError(subject: HostError.fileName(path), action: "cannot create the temporary file", path: name,
                            errno: Errno(rawValue: errno))
        }
        // Created 0600 whatever is asked, so the file is private while written; the umask cannot widen it.
        _ = fchmod(fd, 0o600)
        self.fd = fd
        self.temporary = name
    }

    deinit { discard() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(HostError) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw HostError(subject: HostError.fileName(path), action: "cannot write", path: temporary, errno: Errno(rawValue: errno))
            }
            done += n
        }
        bytesWritten += done
    }

    public func write(_ bytes: [UInt8]) throws(HostError) {
        var failure: HostError?
        bytes.withUnsafeBytes { b in
            do throws(HostError) { try write(b) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes the file to disk and gives it its name.
    public func commit() throws(HostError) {
        precondition(fd >= 0, "PrivateFile committed twice")
        if fchmod(fd, mode) != 0 || fsync(fd) != 0 {
            throw HostError(subject: HostError.fileName(path), action: "cannot sync", path: temporary, errno: Errno(rawValue: errno))
        }
        close(fd)
        fd = -1
        if replaceExisting {
            if rename(temporary, path) != 0 {
                let e = Errno(rawValue: errno)
                unlink(temporary)
                throw HostError(subject: HostError.fileName(path), action: "cannot rename the temporary file over", path: path, errno: e)
            }
        } else {
            // link(2) does not follow a symlink at the new name and fails if the name exists (a race since init).
            if link(temporary, path) != 0 {
                let e = Errno(rawValue: errno)
                unlink(temporary)
                throw HostError(subject: HostError.fileName(path), action: "cannot create", path: path, errno: e,
                                hint: e == .fileExists ? "it appeared while writing; give --force to replace it" : nil)
            }
            unlink(temporary)
        }
        syncDirectory()
    }

    /// Removes the temporary file; the name stays as it was.
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
            unlink(temporary)
        }
    }

    private func syncDirectory() {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let d = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d >= 0 { fsync(d); close(d) }
    }
}
