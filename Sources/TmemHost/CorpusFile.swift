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
        if st.st_size == 0 {
            throw HostError(subject: "corpus", action: "not a page corpus:", path: path, hint: PageCorpusError.empty.description)
        }
        if st.st_size % off_t(pageSize) != 0 {
            throw HostError(subject: "corpus", action: "not a page corpus:", path: path,
                            hint: PageCorpusError.partialLastPage(byteCount: Int(st.st_size)).description)
        }
        // Read on demand from here (memory does not grow with the file): the corpus keeps a descriptor of its own,
        // blocking again, and reads the pages the file had when it was checked.
        let own = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        if own < 0 { throw HostError(subject: "corpus", action: "cannot duplicate the descriptor of", path: path, errno: Errno(rawValue: errno)) }
        _ = fcntl(own, F_SETFL, fcntl(own, F_GETFL) & ~O_NONBLOCK)
        return PageCorpus(file: own, path: path, pageCount: Int(st.st_size) / pageSize)
    }

    /// Throws when a read of a file corpus failed after it was opened (an I/O error, or the file was cut short
    /// while it was read): those pages read as zeros, so no result computed from them may be reported.
    public static func checkRead(_ corpus: PageCorpus) throws(HostError) {
        guard let f = corpus.readFailure else { return }
        if let e = f.errno {
            throw HostError(subject: "corpus", action: "cannot read page \(f.page) of", path: f.path, errno: Errno(rawValue: e))
        }
        throw HostError(subject: "corpus", action: "the file became shorter while it was read, at page \(f.page):", path: f.path,
                        hint: "a corpus must not change while tmemctl reads it; no result was reported")
    }

    /// Pages 0..<pages of the built-in mix with `seed`, generated a chunk at a time straight into path (see `save`
    /// for how the file is created): a mix of any size in one chunk of memory.
    public static func saveBuiltin(pages: Int, seed: UInt64, to path: String, replaceExisting: Bool = false) throws(HostError) {
        let file = try PrivateFile(creating: path, replaceExisting: replaceExisting)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: PageCorpus.chunkPages * pageSize, alignment: pageSize)
        defer { chunk.deallocate() }
        var first = 0
        while first < pages {
            let range = first..<min(pages, first + PageCorpus.chunkPages)
            BuiltinCorpus.fill(chunk, pages: range, seed: seed)
            do throws(HostError) {
                try file.write(UnsafeRawBufferPointer(rebasing: chunk[0..<(range.count * pageSize)]))
            } catch { file.discard(); throw error }
            first = range.upperBound
        }
        try file.commit()
    }

    /// Writes the corpus to path as a private file (mode 0600, created exclusively; an existing file is
    /// replaced only with `replaceExisting`, and a symlink at the name is replaced, never written through).
    public static func save(_ corpus: PageCorpus, to path: String, replaceExisting: Bool = false) throws(HostError) {
        let file = try PrivateFile(creating: path, replaceExisting: replaceExisting)
        var failed: HostError?
        corpus.forEachChunk { _, chunk in
            guard failed == nil else { return }
            do throws(HostError) { try file.write(chunk) } catch { failed = error }
        }
        if let failed { file.discard(); throw failed }
        do { try checkRead(corpus) } catch { file.discard(); throw error }
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
