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

    public func exists(_ relative: String) -> Bool {
        access(absolute(relative), F_OK) == 0
    }

    public func isDirectory(_ relative: String) -> Bool {
        var st = stat()
        return stat(absolute(relative), &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Entries of a directory, sorted; empty when it does not exist.
    public func list(_ relative: String) -> [String] {
        guard let dir = opendir(absolute(relative)) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads a whole (small) file with one open and read loop, keeping the kernel's errno.
    public func read(_ relative: String) throws(Errno) -> String {
        let fd = open(absolute(relative), O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Errno(rawValue: errno) }
        defer { close(fd) }
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
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes a value as one write(2), as sysfs expects, keeping the kernel's errno. O_TRUNC as a shell
    /// redirection does: sysfs ignores it, and on a fake root it keeps the file equal to the last value written.
    public func write(_ relative: String, _ value: String) throws(Errno) {
        let fd = open(absolute(relative), O_WRONLY | O_TRUNC | O_CLOEXEC)
        if fd < 0 { throw Errno(rawValue: errno) }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw Errno(rawValue: errno) }
        if n != bytes.count { throw Errno.ioError }
    }

    /// mkdir(2) of one directory (cgroups are created this way), keeping the kernel's errno.
    public func makeDirectory(_ relative: String, mode: mode_t = 0o755) throws(Errno) {
        if mkdir(absolute(relative), mode) != 0 { throw Errno(rawValue: errno) }
    }

    /// rmdir(2) of one empty directory (or a cgroup without tasks).
    public func removeDirectory(_ relative: String) throws(Errno) {
        if rmdir(absolute(relative)) != 0 { throw Errno(rawValue: errno) }
    }
}
