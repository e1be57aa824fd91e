import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// What a replaced file must keep besides its bytes: owner, group, permission bits (set-id and sticky bits
/// included) and every extended attribute — the POSIX ACL (`system.posix_acl_access`), the SELinux label
/// (`security.selinux`), IMA/EVM and `user.*` attributes. A rename puts a new inode in place, which would
/// otherwise get the writer's owner, the umask's mode and the directory's default ACL and label.
public struct FileAttributes: Sendable, Equatable {
    public var owner: uid_t
    public var group: gid_t
    public var mode: mode_t
    /// Name → value, as flistxattr/fgetxattr give them.
    public var extendedAttributes: [String: [UInt8]]

    public init(owner: uid_t, group: gid_t, mode: mode_t, extendedAttributes: [String: [UInt8]] = [:]) {
        self.owner = owner
        self.group = group
        self.mode = mode
        self.extendedAttributes = extendedAttributes
    }

    /// A new file's: the writer's owner and group, 0644, no attributes beyond what the directory gives it.
    public static var newFile: FileAttributes { FileAttributes(owner: geteuid(), group: getegid(), mode: 0o644) }

    /// The attributes of an open file. A file system without extended attributes has none.
    public static func read(_ fd: Int32) -> Result<FileAttributes, Errno> {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Errno(rawValue: errno)) }
        switch names(fd) {
        case .failure(let e): return .failure(e)
        case .success(let names):
            var values: [String: [UInt8]] = [:]
            for name in names {
                switch value(fd, name) {
                case .success(let v): values[name] = v
                case .failure(.noData): continue  // removed since it was listed
                case .failure(let e): return .failure(e)
                }
            }
            return .success(FileAttributes(owner: st.st_uid, group: st.st_gid, mode: st.st_mode & 0o7777,
                                           extendedAttributes: values))
        }
    }

    /// Gives the open file `fd` exactly these attributes: an attribute it has that these lack (an ACL or label
    /// inherited from the directory) is removed. The owner first, because chown clears set-id bits; the mode
    /// last, so it ends up exactly as recorded. On failure the name of what could not be set.
    public func apply(to fd: Int32) -> (what: String, errno: Errno)? {
        if fchown(fd, owner, group) != 0 { return ("owner \(owner):\(group)", Errno(rawValue: errno)) }
        if case .success(let present) = Self.names(fd) {
            for name in present where extendedAttributes[name] == nil {
                if cshim_fremovexattr(fd, name) != 0 && errno != ENODATA { return ("extended attribute \(name)", Errno(rawValue: errno)) }
            }
        }
        for (name, value) in extendedAttributes.sorted(by: { $0.key < $1.key }) {
            let r = value.withUnsafeBytes { cshim_fsetxattr(fd, name, $0.baseAddress, $0.count) }
            if r != 0 { return ("extended attribute \(name)", Errno(rawValue: errno)) }
        }
        if fchmod(fd, mode) != 0 { return ("mode \(String(mode, radix: 8))", Errno(rawValue: errno)) }
        return nil
    }

    static func names(_ fd: Int32) -> Result<[String], Errno> {
        while true {
            let size = cshim_flistxattr(fd, nil, 0)
            if size < 0 { return errno == ENOTSUP ? .success([]) : .failure(Errno(rawValue: errno)) }
            if size == 0 { return .success([]) }
            var buffer = [CChar](repeating: 0, count: size)
            let n = cshim_flistxattr(fd, &buffer, size)
            if n < 0 {
                if errno == ERANGE { continue }  // grew since the size was asked
                return .failure(Errno(rawValue: errno))
            }
            return .success(buffer[0..<n].split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) })
        }
    }

    static func value(_ fd: Int32, _ name: String) -> Result<[UInt8], Errno> {
        while true {
            let size = cshim_fgetxattr(fd, name, nil, 0)
            if size < 0 { return .failure(Errno(rawValue: errno)) }
            var buffer = [UInt8](repeating: 0, count: size)
            let n = buffer.withUnsafeMutableBytes { cshim_fgetxattr(fd, name, $0.baseAddress, size) }
            if n < 0 {
                if errno == ERANGE { continue }
                return .failure(Errno(rawValue: errno))
            }
            return .success(Array(buffer[0..<n]))
        }
    }
}
