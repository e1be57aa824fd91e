import ArgumentParser
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Options every command that touches the host shares.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).", valueName: "DIR"))
    var root: String?

    /// An unset or empty TMEMCTL_ROOT means `/`, as an empty environment variable usually does; `--root ''` is a
    /// mistake (a variable that expanded to nothing) and must not quietly mean the live system.
    func validate() throws {
        if let root { try Self.check(root, origin: "--root") } else if let e = Self.environmentRoot, !e.isEmpty {
            try Self.check(e, origin: "TMEMCTL_ROOT")
        }
    }

    static var environmentRoot: String? { getenv("TMEMCTL_ROOT").map { String(cString: $0) } }

    /// The root must be a directory that can be reached (following links, as every path under it is resolved).
    static func check(_ path: String, origin: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("\(origin) is empty; give a directory tree such as /tmp/fakeroot, or leave it out to use /")
        }
        var st = stat()
        if stat(path, &st) != 0 {
            let e = errno
            let hint = e == ELOOP ? "a symbolic link loop" : e == ENOENT ? "no such directory" : "cannot be used as the root"
            throw ValidationError("\(origin) \(path): \(ErrnoName.of(raw: e)) (\(hint); the root must be an existing directory)")
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw ValidationError("\(origin) \(path): \(ErrnoName.of(raw: ENOTDIR)) (the root must be a directory, not a file)")
        }
    }

    var systemRoot: SystemRoot {
        var env: [String: String] = [:]
        if let v = Self.environmentRoot { env["TMEMCTL_ROOT"] = v }
        return SystemRoot.resolve(option: root, environment: env)
    }
}
