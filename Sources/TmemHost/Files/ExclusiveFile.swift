#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Writes a new file that must not exist yet (O_CREAT|O_EXCL|O_NOFOLLOW, so neither an existing file nor a
/// planted link is touched), or with `replacing` a new file beside it renamed over the old one (the old one
/// is never opened or followed).
public enum ExclusiveFile {
    public static func write(_ path: String, _ contents: String, mode: mode_t, replacing: Bool) throws(HostError) {
        let target = replacing ? path + ".tmemctl-new-\(getpid())" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let e = Errno(rawValue: errno)
            throw HostError(subject: path, action: "cannot create", path: target, errno: e,
                            hint: e == .fileExists ? "it exists; pass --force to replace it" : nil)
        }
        var ok = true
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; ok = false; break }
            bytes = bytes.dropFirst(n)
        }
        let writeErrno = Errno(rawValue: errno)
        if fchmod(fd, mode) != 0 { ok = false }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok else {
            unlink(target)
            throw HostError(subject: path, action: "cannot write", path: target, errno: writeErrno)
        }
        if replacing, rename(target, path) != 0 {
            let e = Errno(rawValue: errno)
            unlink(target)
            throw HostError(subject: path, action: "cannot replace", path: path, errno: e)
        }
    }
}
