import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// modprobe.d may hold `install` and `remove` commands, which libkmod runs through the shell as root. Before
/// a load that would run one, every modprobe.d directory and file must be owned by root and writable by root
/// alone; otherwise whoever can write them could run code as root through tmemctl.
public enum ModprobeConfigTrust {
    public static let directories = ["etc/modprobe.d", "run/modprobe.d", "usr/local/lib/modprobe.d",
                                     "usr/lib/modprobe.d", "lib/modprobe.d"]

    /// The first file or directory that fails the check, with the reason.
    public static func untrusted(root: SystemRoot) -> (path: String, reason: String)? {
        for dir in directories {
            let d = root.absolute(dir)
            if let why = problem(d) { return (d, why) }
            for entry in root.entries(dir) where entry.bytes.count > 5 && entry.bytes.suffix(5) == Array(".conf".utf8) {
                // libkmod reads every *.conf whatever its name's bytes; one tmemctl cannot name is not trusted.
                guard let name = entry.text else {
                    return (d + "/" + entry.display, "its name is not UTF-8, so tmemctl cannot check it; rename it")
                }
                let f = d + "/" + name
                if let why = problem(f) { return (f, why) }
            }
        }
        return nil
    }

    public static func requireTrusted(root: SystemRoot) throws(HostError) {
        if let (path, reason) = untrusted(root: root) {
            throw HostError(subject: "modprobe.d", action: "refusing to run install commands", path: path, errno: .notPermitted,
                            hint: "\(reason); libkmod would run its install commands as root. Make it root-owned and not group/world-writable (chown root:root, chmod go-w)")
        }
    }

    /// nil when path is absent or root-owned and not group/world-writable (a symlink is judged by what it names,
    /// as libkmod reads it, and by the link's own owner).
    static func problem(_ path: String) -> String? {
        var st = stat()
        if lstat(path, &st) != 0 { return nil }
        if st.st_uid != 0 { return "owned by uid \(st.st_uid), not root" }
        if st.st_mode & S_IFMT == S_IFLNK {
            if stat(path, &st) != 0 { return nil }
            if st.st_uid != 0 { return "links to a file owned by uid \(st.st_uid), not root" }
        }
        if st.st_mode & 0o022 != 0 { return "writable by group or others (mode \(String(st.st_mode & 0o7777, radix: 8)))" }
        return nil
    }
}
