import SystemPackage

/// A failed read or write on the host, carrying what was attempted, the file, the errno and, where the
/// kernel is cryptic, a hint:
/// `zram3: cannot set comp_algorithm to zstd: Invalid argument (not built into this kernel; available: lzo-rle lzo lz4)`
public struct HostError: Error, CustomStringConvertible, Sendable {
    /// Who: `zram3`, `zswap`, `swap`, or a file name.
    public var subject: String
    /// What was attempted: `cannot set comp_algorithm to zstd`.
    public var action: String
    /// The absolute path of the attribute.
    public var path: String
    public var errno: Errno?
    public var hint: String?

    public init(subject: String, action: String, path: String, errno: Errno? = nil, hint: String? = nil) {
        self.subject = subject
        self.action = action
        self.path = path
        self.errno = errno
        self.hint = hint
    }

    public var description: String {
        var s = "\(subject): \(action)"
        if let e = errno { s += ": \(e.description)" }
        if let h = hint { s += " (\(h))" }
        return s
    }
}
