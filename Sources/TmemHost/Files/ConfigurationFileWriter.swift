import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Replaces configuration files under a root so that a crash leaves either the old or the new file, never half
/// of one: the new text goes to a temporary file in the same directory, is fsynced and renamed over the old
/// one, and the directory is fsynced. The previous contents are kept next to it as `FILE.tmemctl-bak`, and the
/// very first version tmemctl replaced as `FILE.tmemctl-orig` (written once, never overwritten).
///
/// Links: the file itself, when it is a symlink, is replaced where it points (so the link stays a link), but
/// resolved beneath the root — an absolute link inside a `--root` tree names a file of that tree, and a link
/// that leads out of the tree is refused. The backup and temporary names are never followed: a link planted at
/// `FILE.tmemctl-bak` is replaced, not written through.
public struct ConfigurationFileWriter: Sendable {
    public let root: SystemRoot
    public static let backupSuffix = ".tmemctl-bak"
    public static let originalSuffix = ".tmemctl-orig"

    public init(root: SystemRoot) { self.root = root }

    public static func backupPath(_ relative: String) -> String { relative + backupSuffix }
    public static func originalPath(_ relative: String) -> String { relative + originalSuffix }

    /// Writes `contents` to `relative` (creating missing parent directories) after saving the old file, if any,
    /// as its backup. The new file keeps the old one's permission bits (0644 for a new file).
    public func replace(_ relative: String, with contents: String) throws(HostError) {
        var mode: mode_t = 0o644
        if root.exists(relative) {
            // Read where the link leads beneath the root, never the live system's file of the same name.
            let target = try resolvedTarget(relative)
            let old: String
            do { old = try SystemRoot("/").read(String(target.drop { $0 == "/" })) } catch {
                throw failure(relative, "cannot read", error)
            }
            var st = stat()
            if stat(target, &st) == 0 { mode = st.st_mode & 0o7777 }
            try writeAtomically(Self.backupPath(relative), old, mode: mode, followLink: false)
            if !root.exists(Self.originalPath(relative)) && !isSymlink(root.absolute(Self.originalPath(relative))) {
                try writeAtomically(Self.originalPath(relative), old, mode: mode, followLink: false, replace: false)
            }
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

    func writeAtomically(_ relative: String, _ contents: String, mode: mode_t, followLink: Bool = true,
                         replace: Bool = true) throws(HostError) {
        let target = followLink ? try resolvedTarget(relative) : root.absolute(relative)
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
        if replace {
            if rename(tmp, target) != 0 { throw failure(relative, "cannot rename the temporary file over", Errno(rawValue: errno)) }
        } else if link(tmp, target) != 0 {
            throw failure(relative, "cannot create", Errno(rawValue: errno))  // exists: link never overwrites
        } else {
            unlink(tmp)
        }
        ok = true
        syncDirectory(of: target)
    }

    /// Where `relative` really is: its symlinks followed as the root sees them (an absolute target is taken
    /// beneath the root), at most 40 hops; a path that leaves the root is refused.
    func resolvedTarget(_ relative: String) throws(HostError) -> String {
        var path = root.absolute(relative)
        for _ in 0..<40 {
            guard isSymlink(path) else { return try beneathRoot(path, relative) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buffer, buffer.count - 1)
            if n < 0 { throw failure(relative, "cannot read the link", Errno(rawValue: errno)) }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                path = root.isLive ? target : root.absolute(String(target.drop { $0 == "/" }))
            } else {
                path = String(path[..<path.lastIndex(of: "/")!]) + "/" + target
            }
        }
        throw failure(relative, "cannot follow the links of", .tooManySymbolicLinkLevels)
    }

    /// The directory that will hold the file must lie inside the root once `..` and links are resolved.
    private func beneathRoot(_ path: String, _ relative: String) throws(HostError) -> String {
        guard !root.isLive else { return path }
        let dir = String(path[..<path.lastIndex(of: "/")!])
        guard let r = realpath(root.path, nil) else { return path }
        defer { free(r) }
        let rootReal = String(cString: r)
        guard let d = realpath(dir, nil) else { return path }  // a missing directory is created by makeParents
        defer { free(d) }
        let dirReal = String(cString: d)
        guard dirReal == rootReal || dirReal.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") else {
            throw HostError(subject: root.absolute(relative), action: "refusing to follow a link out of the root",
                            path: root.absolute(relative), errno: .notPermitted,
                            hint: "it leads to \(dirReal), outside \(rootReal)")
        }
        return dirReal + String(path[path.lastIndex(of: "/")!...])
    }

    func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
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
