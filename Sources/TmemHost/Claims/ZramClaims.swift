import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// The claims directory under a root: who holds which zram device, read without changing anything, and how a
/// scratch user takes a claim. Works the same under a fake root (claims and `proc/PID` are files of the tree).
public struct ZramClaims: Sendable {
    public static let directory = "run/tmemctl/claims"
    public let root: SystemRoot

    public init(root: SystemRoot) { self.root = root }

    public var directoryPath: String { root.absolute(Self.directory) }

    /// Every claim file that can be read, by name.
    public func claims() -> [ZramClaim] {
        root.list(Self.directory).compactMap { name in
            let relative = Self.directory + "/" + name
            guard let text = try? root.read(relative) else { return nil }
            return ZramClaim(name: name, text: text, path: root.absolute(relative))
        }
    }

    /// Is the claimer still running? `proc/PID` must exist and, when the claim recorded it, run the process that
    /// started at the same tick (a pid is reused once its process is gone).
    public func isLive(_ claim: ZramClaim) -> Bool {
        guard root.isDirectory("proc/\(claim.pid)") else { return false }
        guard let recorded = claim.processStart, let now = processStart("proc/\(claim.pid)/stat") else { return true }
        return recorded == now
    }

    /// Whether `device` may be touched by someone who did not create it.
    public func state(of device: ZramDevice) -> ZramClaimState {
        let all = claims()
        if let own = all.first(where: { $0.device == device.name }) {
            return isLive(own) ? .claimed(own) : .stale(own)
        }
        let pending = all.filter { $0.device == nil && isLive($0) }
        return pending.isEmpty ? .unclaimed : .pending(pending)
    }

    /// Takes a pending claim for a device about to be created (before hot_add). The directories are created
    /// 0700 if missing and must be real directories owned by this user, writable by nobody else.
    public func take(purpose: String) throws(HostError) -> HeldZramClaim {
        let pid = getpid()
        let claim = ZramClaim(pid: pid, processStart: processStart("proc/self/stat"), purpose: purpose, device: nil, path: "")
        // A claimer releasing the last claim removes the empty directory; start over when it vanished under us.
        var attempt = 0
        while true {
            attempt += 1
            var dir: Int32 = -1
            do throws(HostError) {
                dir = try openDirectory()
                return try HeldZramClaim(root: root, directory: dir, claim: claim)
            } catch {
                if dir >= 0 { close(dir) }
                guard error.errno == .noSuchFileOrDirectory, attempt < 3 else { throw error }
            }
        }
    }

    /// Field 22 (starttime) of a /proc/PID/stat; the command name before it may hold spaces and parentheses.
    func processStart(_ relative: String) -> UInt64? {
        guard let text = try? root.read(relative), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// Opens run/tmemctl/claims, creating what is missing, refusing links and directories others could write.
    func openDirectory() throws(HostError) -> Int32 {
        if !root.isDirectory("run") { _ = mkdir(root.absolute("run"), 0o755) }
        let run = open(root.absolute("run"), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if run < 0 { throw failure("cannot open", "run", Errno(rawValue: errno)) }
        defer { close(run) }
        let tmemctl = try openPrivate(in: run, "tmemctl", relative: "run/tmemctl")
        defer { close(tmemctl) }
        return try openPrivate(in: tmemctl, "claims", relative: Self.directory)
    }

    private func openPrivate(in parent: Int32, _ name: String, relative: String) throws(HostError) -> Int32 {
        if mkdirat(parent, name, 0o700) != 0 && errno != EEXIST {
            throw failure("cannot create", relative, Errno(rawValue: errno))
        }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            let e = Errno(rawValue: errno)
            throw failure("cannot open", relative, e, hint: e == .tooManySymbolicLinkLevels || e == .notDirectory
                          ? "it must be a directory, not a link: remove it" : nil)
        }
        var st = stat()
        if fstat(fd, &st) != 0 || st.st_uid != geteuid() || st.st_mode & 0o022 != 0 {
            close(fd)
            throw failure("refusing to use", relative, nil,
                          hint: "it must be owned by uid \(geteuid()) and writable by nobody else: remove it")
        }
        return fd
    }

    func failure(_ action: String, _ relative: String, _ errno: Errno?, hint: String? = nil) -> HostError {
        HostError(subject: "claims", action: action, path: root.absolute(relative),
                  errno: errno, hint: hint)
    }
}
