import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Replaces configuration files under a root so that a crash leaves either the old or the new file, never half
/// of one: the new bytes go to a temporary file in the same directory, get the old file's owner, group, mode
/// and extended attributes, are fsynced and renamed over the old one, and the directory is fsynced. The
/// previous contents are kept next to it as `FILE.tmemctl-bak`, and the very first version tmemctl replaced as
/// `FILE.tmemctl-orig` (written once, never overwritten).
///
/// Several files change together or not at all (`commit`): every temporary file is written first, and if a
/// rename still fails, the files already replaced get their old bytes back; the error names every file and
/// what happened to it.
///
/// Links: the file itself, when it is a symlink, is replaced where it points (so the link stays a link), but
/// resolved beneath the root — an absolute link inside a `--root` tree names a file of that tree, and a link
/// that leads out of the tree is refused. The backup and temporary names are never followed: a link planted at
/// `FILE.tmemctl-bak` is replaced, not written through.
public struct ConfigurationFileWriter: Sendable {
    public let root: SystemRoot
    public static let backupSuffix = ".tmemctl-bak"
    public static let originalSuffix = ".tmemctl-orig"
    /// Tests only: an errno to fail the rename of the named (root-relative) file with, as a full disk or an
    /// I/O error would, after the files before it were replaced.
    var renameFault: (@Sendable (String) -> Errno?)?

    public init(root: SystemRoot) { self.root = root }

    public static func backupPath(_ relative: String) -> String { relative + backupSuffix }
    public static func originalPath(_ relative: String) -> String { relative + originalSuffix }

    /// One file's change: `original` is what was read (nil: the file did not exist), `new` what it becomes
    /// (nil: it is removed, moved to its backup).
    public struct Change: Sendable {
        public var relative: String
        public var original: ConfigurationFileSnapshot?
        public var new: [UInt8]?

        public init(relative: String, original: ConfigurationFileSnapshot?, new: [UInt8]?) {
            self.relative = relative
            self.original = original
            self.new = new
        }
    }

    /// Writes `contents` to `relative` (creating missing parent directories) after saving the old file, if any,
    /// as its backup.
    public func replace(_ relative: String, with contents: String) throws(HostError) {
        try commit([Change(relative: relative, original: try snapshot(relative), new: Array(contents.utf8))])
    }

    /// Moves `relative` to its backup (the backup is the removal's undo).
    public func remove(_ relative: String) throws(HostError) {
        guard let s = try snapshot(relative) else { return }
        try commit([Change(relative: relative, original: s, new: nil)])
    }

    /// What one change has done so far, for the undo and the report.
    private struct Progress {
        var change: Change
        var temporary: String?
        var backupTemporary: String?
        var originalTemporary: String?
        var createdDirectories: [String] = []
        var replaced = false
    }

    /// Applies every change or none. Phase one writes everything that can fail slowly (temporary files for the
    /// new contents and the backups) and checks each file is still as read; phase two only renames.
    public func commit(_ changes: [Change]) throws(HostError) {
        var progress = changes.map { Progress(change: $0) }
        func discardTemporaries() {
            for p in progress { for t in [p.temporary, p.backupTemporary, p.originalTemporary] { if let t { unlink(t) } } }
        }
        do {
            for i in progress.indices { try prepare(&progress[i]) }
        } catch {
            discardTemporaries()
            for p in progress.reversed() { for d in p.createdDirectories.reversed() { rmdir(root.absolute(d)) } }
            throw changes.count == 1 ? error : annotated(error, progress, failed: nil, restored: [:])
        }
        for i in progress.indices {
            do {
                try put(&progress[i])
            } catch {
                var restored: [Int: Errno?] = [:]
                for j in (0..<i).reversed() { restored[j] = undo(progress[j]) }
                discardTemporaries()
                throw changes.count == 1 ? error : annotated(error, progress, failed: i, restored: restored)
            }
        }
        discardTemporaries()  // the backup temporaries of changes whose original name was taken
    }

    private func prepare(_ p: inout Progress) throws(HostError) {
        let c = p.change
        if let o = c.original {
            if let refusal = refusal(o) { throw refusal }
            guard unchanged(o) else {
                throw HostError(subject: HostError.fileName(c.relative), action: "refusing to replace", path: root.absolute(c.relative),
                                hint: "it changed since tmemctl read it; run the command again")
            }
            // A removal moves the file itself to its backup; a replacement writes both copies first.
            if c.new != nil {
                p.backupTemporary = try temporaryFile(for: Self.backupPath(c.relative), o.bytes, o.attributes, followLink: false)
            }
            if c.new != nil, !root.exists(Self.originalPath(c.relative)) && !isSymlink(root.absolute(Self.originalPath(c.relative))) {
                p.originalTemporary = try temporaryFile(for: Self.originalPath(c.relative), o.bytes, o.attributes, followLink: false)
            }
        } else if root.exists(c.relative) {
            throw HostError(subject: HostError.fileName(c.relative), action: "refusing to replace", path: root.absolute(c.relative),
                            hint: "it appeared since tmemctl found it missing; run the command again")
        } else if c.new != nil {
            p.createdDirectories = try makeParents(c.relative)
        }
        if let new = c.new {
            p.temporary = try temporaryFile(for: c.relative, new, c.original?.attributes ?? .newFile, followLink: true,
                                            keepDirectoryDefaults: c.original == nil)
        }
    }

    /// Phase two for one file: backups in place, then the file itself.
    private func put(_ p: inout Progress) throws(HostError) {
        let c = p.change
        if c.original != nil {
            if let t = p.originalTemporary {
                // link(2) never replaces: a pristine original that appeared meanwhile is kept.
                if link(t, root.absolute(Self.originalPath(c.relative))) != 0 && errno != EEXIST {
                    throw failure(c.relative, "cannot create \(root.absolute(Self.originalPath(c.relative))) for", Errno(rawValue: errno))
                }
                unlink(t)
                p.originalTemporary = nil
            }
            if c.new == nil {
                try renameChecked(root.absolute(c.relative), root.absolute(Self.backupPath(c.relative)), c.relative, "cannot move to its backup")
                p.replaced = true
                syncDirectory(of: root.absolute(c.relative))
                return
            }
            try renameChecked(p.backupTemporary!, root.absolute(Self.backupPath(c.relative)), c.relative, "cannot put the backup in place for")
            p.backupTemporary = nil
        }
        let target = try resolvedTarget(c.relative)
        try renameChecked(p.temporary!, target, c.relative, "cannot rename the temporary file over")
        p.temporary = nil
        p.replaced = true
        syncDirectory(of: target)
    }

    private func renameChecked(_ from: String, _ to: String, _ relative: String, _ action: String) throws(HostError) {
        if let fault = renameFault, action == "cannot rename the temporary file over", let e = fault(relative) {
            throw failure(relative, action, e)
        }
        if rename(from, to) != 0 { throw failure(relative, action, Errno(rawValue: errno)) }
    }

    /// Puts back what `p` replaced; nil on success, the errno when the old state could not be restored.
    private func undo(_ p: Progress) -> Errno? {
        guard p.replaced else { return nil }
        let c = p.change
        guard let o = c.original else {
            let target = (try? resolvedTarget(c.relative)) ?? root.absolute(c.relative)
            if unlink(target) != 0 { return Errno(rawValue: errno) }
            for d in p.createdDirectories.reversed() { rmdir(root.absolute(d)) }
            return nil
        }
        if c.new == nil {
            return rename(root.absolute(Self.backupPath(c.relative)), root.absolute(c.relative)) == 0 ? nil : Errno(rawValue: errno)
        }
        do throws(HostError) {
            let t = try temporaryFile(for: c.relative, o.bytes, o.attributes, followLink: true)
            if rename(t, o.target) != 0 { let e = Errno(rawValue: errno); unlink(t); return e }
            syncDirectory(of: o.target)
            return nil
        } catch {
            return error.errno ?? .ioError
        }
    }

    /// The failure of one file, with what happened to every file of the change. `failed` is the index whose
    /// rename failed; nil when phase one failed and nothing was touched.
    private func annotated(_ error: HostError, _ progress: [Progress], failed: Int?, restored: [Int: Errno?]) -> HostError {
        var fates: [String] = []
        var intact = true
        for (i, p) in progress.enumerated() {
            let c = p.change
            let path = root.absolute(c.relative)
            guard let f = failed, i <= f else { fates.append("\(path): not written"); continue }
            if i == f { fates.append("\(path): left as it was"); continue }
            if let r = restored[i], let e = r {
                intact = false
                fates.append("\(path): changed and could not be restored (\(ErrnoName.of(e))); its previous version is \(root.absolute(Self.backupPath(c.relative)))")
            } else {
                fates.append("\(path): " + (c.original == nil ? "created, then removed again" : c.new == nil ? "moved back from its backup" : "restored to its previous contents"))
            }
        }
        var e = error
        let base = e.hint ?? e.errno.flatMap(HostError.genericHint)
        e.hint = (base.map { $0 + "; " } ?? "") + (intact ? "nothing was changed: " : "partly changed: ") + fates.joined(separator: ", ")
        return e
    }

    /// A new temporary file next to the name `relative` (or where it leads), holding `bytes` with `attributes`,
    /// fsynced; its path.
    func temporaryFile(for relative: String, _ bytes: [UInt8], _ attributes: FileAttributes, followLink: Bool,
                       keepDirectoryDefaults: Bool = false) throws(HostError) -> String {
        let target = followLink ? try resolvedTarget(relative) : root.absolute(relative)
        let slash = target.lastIndex(of: "/")!
        var template = Array((String(target[...slash]) + "." + String(target[target.index(after: slash)...]) + ".tmemctl-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw failure(relative, "cannot create a temporary file next to", Errno(rawValue: errno)) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(tmp) } }
        if let e = writeAll(fd, bytes) {
            close(fd)
            throw failure(relative, "cannot write the temporary file for", e)
        }
        // A new file keeps what the directory gives it (default ACL, label); a replacement gets the old file's.
        if keepDirectoryDefaults {
            if fchmod(fd, attributes.mode) != 0 {
                let e = Errno(rawValue: errno)
                close(fd)
                throw failure(relative, "cannot set the mode of the temporary file for", e)
            }
        } else if let (what, e) = attributes.apply(to: fd) {
            close(fd)
            throw HostError(subject: HostError.fileName(relative), action: "cannot give the new file the \(what) of", path: root.absolute(relative), errno: e,
                            hint: "the file was left as it was")
        }
        if fsync(fd) != 0 {
            let e = Errno(rawValue: errno)
            close(fd)
            throw failure(relative, "cannot sync the temporary file for", e)
        }
        close(fd)
        ok = true
        return tmp
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

    /// Creates the missing parent directories of `relative`; the ones it created, outermost first.
    func makeParents(_ relative: String) throws(HostError) -> [String] {
        let parts = relative.split(separator: "/").dropLast()
        var path = ""
        var created: [String] = []
        for p in parts {
            path += (path.isEmpty ? "" : "/") + p
            if root.isDirectory(path) { continue }
            do { try root.makeDirectory(path) } catch {
                for d in created.reversed() { rmdir(root.absolute(d)) }
                throw failure(relative, "cannot create directory \(root.absolute(path)) for", error)
            }
            created.append(path)
        }
        return created
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
