import SystemPackage

/// A failed operation on the host, carrying who, what was attempted, the file, the errno and a hint that says
/// what to do:
/// `zram3: cannot write /sys/block/zram3/comp_algorithm: EINVAL (not built into this kernel; available: lzo-rle lzo lz4)`
public struct HostError: Error, CustomStringConvertible, Sendable {
    /// Who: `zram3`, `zswap`, `swap`, `meminfo`.
    public var subject: String
    /// What was attempted, phrased to read before the path: `cannot write`, `malformed line 'x' in`.
    public var action: String
    /// The absolute path the action was on; empty when no one file is involved.
    public var path: String
    public var errno: Errno?
    /// What to do about it; when nil, a generic hint for the errno (EACCES: run as root) is shown.
    public var hint: String?

    public init(subject: String, action: String, path: String, errno: Errno? = nil, hint: String? = nil) {
        self.subject = subject
        self.action = action
        self.path = path
        self.errno = errno
        self.hint = hint
    }

    /// `subject: action path: ERRNO (hint)`, each part present only when known.
    public var description: String {
        var s = "\(subject): \(action)"
        if !path.isEmpty { s += " \(path)" }
        if let e = errno { s += ": \(ErrnoName.of(e))" }
        if let h = hint ?? errno.flatMap(Self.genericHint) { s += " (\(h))" }
        return s
    }

    /// A file whose contents are not in the format this kernel is known to write.
    public static func malformed(_ what: String, in path: String, hint: String? = nil) -> HostError {
        HostError(subject: fileName(path), action: "malformed \(what) in", path: path, hint: hint)
    }

    /// The last component, as the subject of an error about one file: `/proc/swaps` → `swaps`.
    public static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Hints true of the errno whatever the file; callers that know more pass their own.
    static func genericHint(_ e: Errno) -> String? {
        switch e {
        case .permissionDenied, .notPermitted: "run as root"
        case .readOnlyFileSystem: "the file system is mounted read-only"
        case .noSpace: "the file system is full"
        case .tooManySymbolicLinkLevels: "the path is a symbolic link; tmemctl does not follow links"
        default: nil
        }
    }
}
