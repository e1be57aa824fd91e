import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A systemd generator's output directory (/run/systemd/generator, or a test's): unit files created exclusively
/// (mode 0644, never replacing or writing through an existing name), links created as given, parent
/// directories as needed. systemd empties the directory before each run, so an existing name is an error.
public struct GeneratorDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path }

    public func writeFile(_ relative: String, _ contents: String) throws(HostError) {
        try makeParents(relative)
        try ExclusiveFile.write(path + "/" + relative, contents, mode: 0o644, replacing: false)
    }

    public func link(_ relative: String, to target: String) throws(HostError) {
        try makeParents(relative)
        let full = path + "/" + relative
        if symlink(target, full) != 0 {
            throw HostError(subject: "generator", action: "cannot create the link", path: full, errno: Errno(rawValue: errno))
        }
    }

    private func makeParents(_ relative: String) throws(HostError) {
        // The directory itself too (systemd makes it; a test or a hand run may not have).
        var dir = ""
        for part in path.split(separator: "/") + relative.split(separator: "/").dropLast() {
            dir += "/" + part
            if mkdir(dir, 0o755) != 0 && errno != EEXIST {
                throw HostError(subject: "generator", action: "cannot create the directory", path: dir, errno: Errno(rawValue: errno))
            }
            var st = stat()
            guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
                throw HostError(subject: "generator", action: "not a directory:", path: dir, errno: .notDirectory)
            }
        }
    }
}
