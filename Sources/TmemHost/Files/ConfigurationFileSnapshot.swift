import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// One read of a configuration file: its bytes (never decoded, so nothing is lost) and what its replacement
/// must keep. The plan is made from these bytes and the backup is written from them, so the two cannot differ;
/// before anything is replaced the writer checks that the file is still the one read (same inode, size and
/// modification time), so an edit made in between is never silently overwritten.
public struct ConfigurationFileSnapshot: Sendable, Equatable {
    /// Root-relative path as asked (a link stays the name).
    public let relative: String
    public let bytes: [UInt8]
    /// The regular file the name leads to, links followed beneath the root.
    public let target: String
    public let attributes: FileAttributes
    public let linkCount: UInt64
    let identity: Identity

    struct Identity: Sendable, Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modifiedSeconds: Int, modifiedNanoseconds: Int

        init(_ st: stat) {
            device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size)
            modifiedSeconds = st.st_mtim.tv_sec; modifiedNanoseconds = st.st_mtim.tv_nsec
        }
    }

    init(relative: String, bytes: [UInt8], target: String, attributes: FileAttributes, stat st: stat) {
        self.relative = relative
        self.bytes = bytes
        self.target = target
        self.attributes = attributes
        self.linkCount = UInt64(st.st_nlink)
        self.identity = Identity(st)
    }
}

extension ConfigurationFileWriter {
    /// Reads `relative` once for editing; nil when it does not exist. A name that is not a regular file, or a
    /// link leading out of the root, is an error.
    public func snapshot(_ relative: String) throws(HostError) -> ConfigurationFileSnapshot? {
        guard root.exists(relative) || isSymlink(root.absolute(relative)) else { return nil }
        let target = try resolvedTarget(relative)
        let fd = open(target, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            if errno == ENOENT { return nil }  // a dangling link: the file is created where it points
            throw failure(relative, "cannot read", Errno(rawValue: errno))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure(relative, "cannot stat", Errno(rawValue: errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw HostError(subject: HostError.fileName(relative), action: "refusing to edit", path: root.absolute(relative),
                            hint: "it is not a regular file")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(relative, "cannot read", Errno(rawValue: errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        let attributes: FileAttributes
        switch FileAttributes.read(fd) {
        case .success(let a): attributes = a
        case .failure(let e): throw failure(relative, "cannot read the extended attributes of", e)
        }
        return ConfigurationFileSnapshot(relative: relative, bytes: bytes, target: target, attributes: attributes, stat: st)
    }

    /// Why a snapshot's file cannot be replaced by rename, nil when it can. A file with several hard links
    /// would be split from its other names (they would keep the old text), so it is refused.
    public func refusal(_ snapshot: ConfigurationFileSnapshot) -> HostError? {
        guard snapshot.linkCount > 1 else { return nil }
        return HostError(subject: HostError.fileName(snapshot.relative), action: "refusing to replace", path: root.absolute(snapshot.relative),
                         hint: "it has \(snapshot.linkCount) hard links, which replacing it would separate: edit it by hand, or make it a file of its own (cp -p FILE FILE.new && mv FILE.new FILE) and run again")
    }

    /// The file at the snapshot's target is still the one read.
    func unchanged(_ snapshot: ConfigurationFileSnapshot) -> Bool {
        var st = stat()
        return lstat(snapshot.target, &st) == 0 && ConfigurationFileSnapshot.Identity(st) == snapshot.identity
    }
}
