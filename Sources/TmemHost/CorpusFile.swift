import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Page corpus files on disk: raw 4 KiB pages, concatenated (what `tmemctl compress FILE` reads). These are
/// the user's own files, so paths are taken as given, not under the SystemRoot.
public enum CorpusFile {
    public static func load(_ path: String) throws(HostError) -> PageCorpus {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw HostError(subject: path, action: "cannot open page corpus", path: path, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            throw HostError(subject: path, action: "cannot stat page corpus", path: path, errno: Errno(rawValue: errno))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw HostError(subject: path, action: "cannot read page corpus", path: path, errno: Errno(rawValue: errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        do {
            return try PageCorpus(bytes: bytes)
        } catch {
            throw HostError(subject: path, action: "not a page corpus", path: path, hint: error.description)
        }
    }

    /// Writes the corpus to path (created with mode 0644, or truncated).
    public static func save(_ corpus: PageCorpus, to path: String) throws(HostError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw HostError(subject: path, action: "cannot create page corpus", path: path, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        var written = 0
        let total = corpus.bytes.count
        while written < total {
            let n = corpus.bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, total - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw HostError(subject: path, action: "cannot write page corpus", path: path, errno: Errno(rawValue: errno))
            }
            written += n
        }
    }
}
