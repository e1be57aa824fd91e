import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// A claim this process holds: pending until `bind(to:)` names the device hot_add returned, gone after
/// `release()`. A claim that is never released (its device could not be removed) stays on disk, naming the
/// leftover; once this process exits, `ZramClaims.state(of:)` reports it `.stale`.
public final class HeldZramClaim {
    public private(set) var claim: ZramClaim
    private let root: SystemRoot
    private let directory: Int32
    private var name: String
    private var fd: Int32
    private var released = false

    /// How long `bind` waits for a claimer that removed the same device number and has not released it yet.
    static let bindWaitMicroseconds: UInt32 = 2_000_000

    init(root: SystemRoot, directory: Int32, claim: ZramClaim) throws(HostError) {
        self.root = root
        self.directory = directory
        var sequence = 0
        while true {
            let candidate = ZramClaim.pendingName(pid: claim.pid, sequence: sequence)
            let fd = openat(directory, candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                self.name = candidate
                self.fd = fd
                break
            }
            // A pending claim of an earlier process with the same pid: take the next number.
            guard errno == EEXIST, sequence < 1000 else {
                throw Self.failure(root, "cannot create a claim in", Errno(rawValue: errno))
            }
            sequence += 1
        }
        self.claim = claim
        self.claim.path = root.absolute(ZramClaims.directory + "/" + name)
        do throws(HostError) { try Self.write(self.claim.fileText, to: fd, path: self.claim.path) } catch {
            unlinkat(directory, name, 0)
            close(fd)
            throw error
        }
    }

    /// Turns the pending claim into `zramN` once hot_add has answered. A claim file of that name left by a claimer
    /// that is gone is replaced; one whose claimer still runs (it hot_removed the device a moment ago and is
    /// about to release) is waited for, briefly.
    public func bind(to device: ZramDevice) throws(HostError) {
        var bound = claim
        bound.device = device.name
        bound.path = root.absolute(ZramClaims.directory + "/" + device.name)
        var waited: UInt32 = 0
        var newFD: Int32 = -1
        while newFD < 0 {
            newFD = openat(directory, device.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if newFD >= 0 { break }
            guard errno == EEXIST else { throw Self.failure(root, "cannot create \(bound.path) in", Errno(rawValue: errno)) }
            let claims = ZramClaims(root: root)
            let other = claims.claims().first { $0.device == device.name }
            if let other, claims.isLive(other), other.pid != claim.pid {
                guard waited < Self.bindWaitMicroseconds else {
                    throw HostError(subject: device.name, action: "cannot claim", path: bound.path,
                                    errno: .fileExists, hint: "pid \(other.pid) (\(other.purpose)) still claims it")
                }
                usleep(20_000)
                waited += 20_000
            } else {
                unlinkat(directory, device.name, 0)
            }
        }
        do throws(HostError) { try Self.write(bound.fileText, to: newFD, path: bound.path) } catch {
            unlinkat(directory, device.name, 0)
            close(newFD)
            throw error
        }
        unlinkat(directory, name, 0)
        close(fd)
        fd = newFD
        name = device.name
        claim = bound
    }

    /// Removes the claim file (only if it is still this claim's file) and the directories when they are empty.
    public func release() throws(HostError) {
        guard !released else { return }
        released = true
        defer { close(fd); close(directory) }
        var mine = stat(), named = stat()
        if fstat(fd, &mine) == 0, fstatat(directory, name, &named, AT_SYMLINK_NOFOLLOW) == 0,
           mine.st_ino == named.st_ino, mine.st_dev == named.st_dev {
            if unlinkat(directory, name, 0) != 0 {
                throw Self.failure(root, "cannot remove \(claim.path) from", Errno(rawValue: errno))
            }
        }
        // Others may hold claims: ENOTEMPTY leaves the directories in place.
        _ = rmdir(root.absolute(ZramClaims.directory))
        _ = rmdir(root.absolute("run/tmemctl"))
    }

    deinit {
        if !released {
            close(fd)
            close(directory)
        }
    }

    private static func write(_ text: String, to fd: Int32, path: String) throws(HostError) {
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n != bytes.count {
            throw HostError(subject: "claims", action: "cannot write", path: path,
                            errno: n < 0 ? Errno(rawValue: errno) : .ioError)
        }
    }

    private static func failure(_ root: SystemRoot, _ action: String, _ errno: Errno) -> HostError {
        let dir = root.absolute(ZramClaims.directory)
        return HostError(subject: "claims", action: action, path: dir, errno: errno)
    }
}
