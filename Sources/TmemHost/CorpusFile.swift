import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Page corpus files on disk: raw 4 KiB pages, concatenated (what `tmemctl compress FILE` reads). These are
/// the user's own files, so paths are taken as given, not under the SystemRoot.
public enum CorpusFile {
    /// `asConfiguration`: refuse a file ConfigurationTrust does not accept (a corpus that decides a limit set at
    /// boot), judged on the descriptor that is read; `checkOwner` as there.
    public static func load(_ path: String, asConfiguration: Bool = false, checkOwner: Bool = true) throws(HostError) -> PageCorpus {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)  // a FIFO must not block the open; refused below
        if fd < 0 { throw HostError(subject: "corpus", action: "cannot open", path: path, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            throw HostError(subject: "corpus", action: "cannot stat", path: path, errno: Errno(rawValue: errno))
        }
        // Only a regular file has a known end: /dev/zero would be read until memory runs out, a FIFO could block
        // for ever, a block device is not a corpus someone saved.
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw HostError(subject: "corpus", action: "not a page corpus:", path: path,
                            hint: "a corpus is a regular file of raw 4 KiB pages (this is a device, FIFO or directory); save one with tmemctl corpus")
        }
        if asConfiguration, let why = ConfigurationTrust.problem(st, checkOwner: checkOwner) {
            throw HostError(subject: "corpus", action: "refusing to use", path: path, errno: .notPermitted,
                            hint: "\(why): it decides a memory limit tmemctl sets as root")
        }
        let limit = PageCorpus.maxPages * pageSize
        guard Int(st.st_size) <= limit else {
            throw HostError(subject: "corpus", action: "page corpus too large:", path: path,
                            hint: "\(st.st_size) bytes; at most \(PageCorpus.maxPages) pages (\(limit) bytes) are accepted")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw HostError(subject: "corpus", action: "cannot read", path: path, errno: Errno(rawValue: errno))
            }
            if n == 0 { break }
            // A file still growing while we read: the same bound.
            guard bytes.count + n <= limit else {
                throw HostError(subject: "corpus", action: "page corpus too large:", path: path,
                                hint: "at most \(PageCorpus.maxPages) pages (\(limit) bytes) are accepted")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        do {
            return try PageCorpus(bytes: bytes)
        } catch {
            throw HostError(subject: "corpus", action: "not a page corpus:", path: path, hint: error.description)
        }
    }

    /// Writes the corpus to path as a private file (mode 0600, created exclusively; an existing file is
    /// replaced only with `replaceExisting`, and a symlink at the name is replaced, never written through).
    public static func save(_ corpus: PageCorpus, to path: String, replaceExisting: Bool = false) throws(HostError) {
        let file = try PrivateFile(creating: path, replaceExisting: replaceExisting)
        try file.write(corpus.bytes)
        try file.commit()
    }

    /// Streams a process's anonymous memory to path (see `save` for how the file is created). The file is
    /// committed even when the process exited part way, so the pages read are kept; the summary says so.
    public static func capture(_ process: ProcessMemory, maxPages: Int?, to path: String,
                               replaceExisting: Bool = false) throws(HostError) -> ProcessMemory.CaptureSummary {
        let file = try PrivateFile(creating: path, replaceExisting: replaceExisting)
        let summary = try process.capture(maxPages: maxPages) { (page: UnsafeRawBufferPointer) throws(HostError) in
            try file.write(page)
        }
        guard summary.pagesWritten > 0 else {
            file.discard()
            throw HostError(subject: "pid \(process.pid)",
                            action: summary.processExited ? "the process exited before any page was read from" : "no readable anonymous memory in",
                            path: process.root.absolute("proc/\(process.pid)/mem"))
        }
        try file.commit()
        return summary
    }
}
