import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The one place that knows absolute paths. Every sysfs/procfs read and write goes through a root:
/// `/` on a live host, a directory tree built by a test otherwise (`--root DIR`, `TMEMCTL_ROOT`).
public struct SystemRoot: Sendable, Hashable {
    public let path: String

    public init(_ path: String = "/") {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        // `/.`, `/tmp/..` or a symlink to `/` name the live system: they must get the live-only guards too.
        if p != "/", !p.isEmpty, let resolved = realpath(p, nil) {
            if strcmp(resolved, "/") == 0 { p = "/" }
            free(resolved)
        }
        self.path = p.isEmpty ? "/" : p
    }

    /// `--root` wins over `TMEMCTL_ROOT`, which wins over `/`.
    public static func resolve(option: String?, environment: [String: String]) -> SystemRoot {
        if let o = option, !o.isEmpty { return SystemRoot(o) }
        if let e = environment["TMEMCTL_ROOT"], !e.isEmpty { return SystemRoot(e) }
        return SystemRoot("/")
    }

    public var isLive: Bool { path == "/" }

    /// A root-relative path as the kernel and the administrator name it (`proc/cmdline` → `/proc/cmdline`),
    /// whatever the root: for messages, labels and matching the kernel's own tables, never for opening a file.
    public static func kernelName(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : "/" + relative
    }

    /// Absolute path of a root-relative path such as `sys/block/zram1/mm_stat`.
    public func absolute(_ relative: String) -> String {
        let rel = relative.hasPrefix("/") ? String(relative.dropFirst()) : relative
        return path == "/" ? "/" + rel : path + "/" + rel
    }

    /// Opens a root-relative path. On a fake root the path resolves as if the tree were chrooted (openat2 with
    /// RESOLVE_IN_ROOT): an absolute link or `..` inside the tree stays inside it, so a fixture or a planted link
    /// never reads or writes the live system's files. The live root opens the path as given.
    public func openBeneath(_ relative: String, _ flags: Int32, mode: mode_t = 0) throws(Errno) -> Int32 {
        if isLive {
            let fd = Glibc.open(absolute(relative), flags | O_CLOEXEC, mode)
            if fd < 0 { throw Errno(rawValue: errno) }
            return fd
        }
        let base = Glibc.open(path, CSHIM_O_PATH | O_DIRECTORY | O_CLOEXEC)
        if base < 0 { throw Errno(rawValue: errno) }
        defer { close(base) }
        let rel = relative.drop { $0 == "/" }
        let fd = cshim_open_in_root(base, rel.isEmpty ? "." : String(rel), flags | O_CLOEXEC, UInt32(mode))
        if fd < 0 { throw Errno(rawValue: errno) }
        return fd
    }

    /// fstat of what a root-relative path names (links followed, beneath a fake root); nil when it is missing.
    public func status(_ relative: String) -> stat? {
        guard let fd = try? openBeneath(relative, CSHIM_O_PATH) else { return nil }
        defer { close(fd) }
        var st = stat()
        return fstat(fd, &st) == 0 ? st : nil
    }

    public func exists(_ relative: String) -> Bool {
        status(relative) != nil
    }

    public func isDirectory(_ relative: String) -> Bool {
        status(relative).map { ($0.st_mode & S_IFMT) == S_IFDIR } ?? false
    }

    /// One directory entry: its name's bytes, and the name as text when the bytes are UTF-8.
    public struct DirectoryName: Sendable, Hashable {
        public let bytes: [UInt8]
        public init(bytes: [UInt8]) { self.bytes = bytes }
        public var text: String? { String(validating: bytes, as: UTF8.self) }
        /// The name for a message: invalid bytes escaped as `\xFF`.
        public var display: String {
            if let t = text { return t }
            return bytes.map { $0 >= 0x20 && $0 < 0x7f ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
        }
    }

    /// Every entry of a directory, sorted by bytes (as modprobe, systemd and grub-mkconfig order them in the C
    /// locale); empty when it does not exist.
    public func entries(_ relative: String) -> [DirectoryName] {
        guard let fd = try? openBeneath(relative, O_RDONLY | O_DIRECTORY) else { return [] }
        guard let dir = fdopendir(fd) else { close(fd); return [] }
        defer { closedir(dir) }
        var names: [DirectoryName] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes != [0x2e] && bytes != [0x2e, 0x2e] { names.append(DirectoryName(bytes: bytes)) }
        }
        return names.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// Entries of a directory whose names are UTF-8, sorted; empty when it does not exist. A name that is not
    /// UTF-8 cannot be opened through a String path: callers that must not miss a file (modprobe.d, drop-in
    /// directories) use `entries` and report such names.
    public func list(_ relative: String) -> [String] {
        entries(relative).compactMap(\.text).sorted()
    }

    /// Reads a whole (small) file with one open and read loop, keeping the kernel's errno, and the file's status
    /// from the same descriptor. O_NONBLOCK so a FIFO planted at the name cannot hang the read; anything but a
    /// regular file (or /dev/null) is refused (EINVAL): sysfs, procfs and cgroup attributes and configuration files all are.
    public func readFile(_ relative: String) throws(Errno) -> (bytes: [UInt8], status: stat) {
        let fd = try openBeneath(relative, O_RDONLY | O_NONBLOCK)
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw Errno(rawValue: errno) }
        // /dev/null reads as empty without blocking (a systemd-style mask, or a test's stand-in for a kernel
        // attribute that swallows writes); every other device could block or never end.
        let isNull = st.st_mode & S_IFMT == S_IFCHR && st.st_rdev == 0x103  // makedev(1, 3) in glibc's encoding
        guard st.st_mode & S_IFMT == S_IFREG || isNull else {
            throw (st.st_mode & S_IFMT) == S_IFDIR ? Errno.isDirectory : Errno.invalidArgument
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Errno(rawValue: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return (out, st)
    }

    /// A whole (small) file as text (invalid UTF-8 replaced: for kernel attributes, which are ASCII).
    public func read(_ relative: String) throws(Errno) -> String {
        String(decoding: try readFile(relative).bytes, as: UTF8.self)
    }

    /// Writes a value as one write(2), as sysfs expects, keeping the kernel's errno. O_TRUNC as a shell
    /// redirection does: sysfs ignores it, and on a fake root it keeps the file equal to the last value written.
    public func write(_ relative: String, _ value: String) throws(Errno) {
        let fd = try openBeneath(relative, O_WRONLY | O_TRUNC)
        defer { close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw Errno(rawValue: errno) }
        if n != bytes.count { throw Errno.ioError }
    }

    /// mkdir(2) of one directory (cgroups are created this way), keeping the kernel's errno.
    public func makeDirectory(_ relative: String, mode: mode_t = 0o755) throws(Errno) {
        let (parent, name) = try parentDirectory(relative)
        defer { close(parent) }
        if mkdirat(parent, name, mode) != 0 { throw Errno(rawValue: errno) }
    }

    /// rmdir(2) of one empty directory (or a cgroup without tasks).
    public func removeDirectory(_ relative: String) throws(Errno) {
        let (parent, name) = try parentDirectory(relative)
        defer { close(parent) }
        if unlinkat(parent, name, AT_REMOVEDIR) != 0 { throw Errno(rawValue: errno) }
    }

    /// The directory holding the last component (opened beneath the root) and that component's name.
    private func parentDirectory(_ relative: String) throws(Errno) -> (Int32, String) {
        var parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let name = parts.popLast() else { throw Errno.invalidArgument }
        let fd = try openBeneath(parts.joined(separator: "/"), CSHIM_O_PATH | O_DIRECTORY)
        return (fd, name)
    }
}
