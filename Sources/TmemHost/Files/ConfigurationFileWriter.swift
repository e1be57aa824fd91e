import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Replaces configuration files under a root so that a crash leaves either the old or the new file, never half
/// of one: the new text goes to a temporary file in the same directory, is fsynced and renamed over the old
/// one, and the directory is fsynced. The previous contents are kept next to it as `FILE.tmemctl-bak`.
public struct ConfigurationFileWriter: Sendable {
    public let root: SystemRoot
    public static let backupSuffix = ".tmemctl-bak"

    public init(root: SystemRoot) { self.root = root }

    public static func backupPath(_ relative: String) -> String { relative + backupSuffix }

    /// Writes `contents` to `relative` (creating missing parent directories) after saving the old file, if any,
    /// as its backup. The new file keeps the old one's permission bits (0644 for a new file).
    public func replace(_ relative: String, with contents: String) throws(HostError) {
        var mode: mode_t = 0o644
        if root.exists(relative) {
            let old: String
            do { old = try root.read(relative) } catch { throw failure(relative, "cannot read", error) }
            var st = stat()
            if stat(root.absolute(relative), &st) == 0 { mode = st.st_mode & 0o7777 }
            try writeAtomically(Self.backupPath(relative), old, mode: mode)
        } else {
            try makeParents(relative)
        }
        try writeAtomically(relative, contents, mode: mode)
    }

    /// Moves `relative` to its backup (the backup is the removal's undo).
    public func remove(_ relative: String) throws(HostError) {
        guard root.exists(relative) else { return }
        if rename(root.absolute(relative), root.absolute(Self.backupPath(relative))) != 0 {
            throw failure(relative, "cannot move to its backup", Errno(rawValue: errno))
        }
        syncDirectory(of: root.absolute(relative))
    }

    func writeAtomically(_ relative: String, _ contents: String, mode: mode_t) throws(HostError) {
        let target = Self.resolvingSymlink(root.absolute(relative))
        let slash = target.lastIndex(of: "/")!
        var template = Array((String(target[...slash]) + "." + String(target[target.index(after: slash)...]) + ".tmemctl-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw failure(relative, "cannot create a temporary file next to", Errno(rawValue: errno)) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(tmp) } }
        if let e = writeAll(fd, Array(contents.utf8)) {
            close(fd)
            throw failure(relative, "cannot write the temporary file for", e)
        }
        if fchmod(fd, mode) != 0 || fsync(fd) != 0 {
            let e = Errno(rawValue: errno)
            close(fd)
            throw failure(relative, "cannot sync the temporary file for", e)
        }
        close(fd)
        if rename(tmp, target) != 0 { throw failure(relative, "cannot rename the temporary file over", Errno(rawValue: errno)) }
        ok = true
        syncDirectory(of: target)
    }

    /// A symlinked file is replaced where it points, so the link stays a link.
    static func resolvingSymlink(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }

    func makeParents(_ relative: String) throws(HostError) {
        let parts = relative.split(separator: "/").dropLast()
        var path = ""
        for p in parts {
            path += (path.isEmpty ? "" : "/") + p
            if root.isDirectory(path) { continue }
            do { try root.makeDirectory(path) } catch { throw failure(relative, "cannot create directory \(root.absolute(path)) for", error) }
        }
    }

    /// The rename is durable only once the directory entry is on disk.
    func syncDirectory(of target: String) {
        let dir = String(target[..<target.lastIndex(of: "/")!])
        let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    func failure(_ relative: String, _ action: String, _ e: Errno) -> HostError {
        HostError(subject: HostError.fileName(relative), action: action, path: root.absolute(relative), errno: e)
    }
}
