#if canImport(Glibc)
import Glibc
#endif

/// What a directory entry is without following it (lstat), and where a symbolic link points.
public enum DirectoryEntryKind: Equatable, Sendable {
    case missing
    case regularFile
    case directory
    case symbolicLink(target: String)
    case other
}

extension SystemRoot {
    /// The entry at a root-relative path as lstat(2) sees it; a link's target is read, not followed.
    public func entryKind(_ relative: String) -> DirectoryEntryKind {
        let path = absolute(relative)
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK:
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buf, buf.count - 1)
            guard n >= 0 else { return .symbolicLink(target: "") }
            return .symbolicLink(target: String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default: return .other
        }
    }
}
