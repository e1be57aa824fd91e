import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A sequence of 4 KiB pages; a corpus file is exactly these bytes (raw pages, concatenated, no header).
///
/// The pages are either in memory (one page-aligned buffer: generated mixes, tests) or in a file that is read on
/// demand through a descriptor (`init(file:)`), a chunk at a time, so that a command's memory does not grow with
/// the corpus. Readers take pages in chunks (`forEachChunk`, `withPages`) or one at a time (`withPage`); only
/// `withContiguousBytes` and `bytes` hold every page at once.
public struct PageCorpus: Sendable, Equatable {
    enum Storage: Sendable {
        case memory(PageBuffer)
        case file(PageFileReader)
    }

    let storage: Storage
    public let pageCount: Int

    /// The largest corpus tmemctl builds or loads: 2^22 pages (16 GiB). One bound for every command, so that a
    /// typo in --pages or a device given as --corpus is refused with a message instead of exhausting memory
    /// (or overflowing `pages * pageSize`).
    public static let maxPages = 1 << 22
    public static let pageCountRange = 1...maxPages

    /// Pages per chunk of the chunked readers: 1 MiB, the read(2) size at which a file corpus is read at the
    /// disk's (or the page cache's) speed; each reader holds at most one chunk per thread.
    public static let chunkPages = 256

    public var byteCount: Int { pageCount * pageSize }

    /// Read from a file on demand (memory does not hold the pages).
    public var isFileBacked: Bool {
        if case .file = storage { return true }
        return false
    }

    public init(bytes: [UInt8]) throws(PageCorpusError) {
        if bytes.isEmpty { throw .empty }
        if bytes.count % pageSize != 0 { throw .partialLastPage(byteCount: bytes.count) }
        let buffer = PageBuffer(pages: bytes.count / pageSize)
        bytes.withUnsafeBytes { buffer.base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        storage = .memory(buffer)
        pageCount = buffer.pages
    }

    /// `pages` pages in one page-aligned buffer (usable with O_DIRECT as it is), written once by `fill`.
    public init(pages: Int, filling fill: (UnsafeMutableRawBufferPointer) -> Void) {
        precondition(Self.pageCountRange.contains(pages), "a corpus holds 1...\(Self.maxPages) pages")
        let buffer = PageBuffer(pages: pages)
        fill(UnsafeMutableRawBufferPointer(start: buffer.base, count: pages * pageSize))
        storage = .memory(buffer)
        pageCount = pages
    }

    /// The first `pageCount` pages of the open file `descriptor`, read on demand with pread(2); the corpus owns
    /// the descriptor from here on and closes it when the last copy goes. `path` names the file in errors. The
    /// caller has checked what the file is (see `CorpusFile.load`); a read that fails later (EIO, the file cut
    /// short meanwhile) reads as zeros and is kept in `readFailure`, which every command checks before it reports.
    public init(file descriptor: CInt, path: String, pageCount: Int) {
        precondition(Self.pageCountRange.contains(pageCount), "a corpus holds 1...\(Self.maxPages) pages")
        storage = .file(PageFileReader(descriptor: descriptor, path: path, pageCount: pageCount))
        self.pageCount = pageCount
    }

    /// Where the pages are when they are in memory: one page-aligned buffer (usable with O_DIRECT), valid while any
    /// copy of this corpus is; nil for a file corpus.
    public var memoryBase: UnsafeRawPointer? {
        if case .memory(let m) = storage { return UnsafeRawPointer(m.base) }
        return nil
    }

    /// The first read of a file corpus that failed, nil when every read so far succeeded (always nil in memory).
    public var readFailure: PageCorpusReadFailure? {
        if case .file(let f) = storage { return f.failure.withLock { $0 } }
        return nil
    }

    /// Calls body with page `index` (0-based) as a 4096-byte buffer.
    public func withPage<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        precondition(index >= 0 && index < pageCount, "page \(index) out of range 0..<\(pageCount)")
        switch storage {
        case .memory(let m):
            return try body(UnsafeRawBufferPointer(start: m.base + index * pageSize, count: pageSize))
        case .file(let f):
            return try withUnsafeTemporaryAllocation(byteCount: pageSize, alignment: 16) { page in
                f.read(index..<(index + 1), into: page.baseAddress!)
                return try body(UnsafeRawBufferPointer(page))
            }
        }
    }

    /// Calls body with pages `range` as one buffer: in memory the pages themselves, from a file read into
    /// `scratch`, which must hold `range.count` pages. For threads that share a corpus, one scratch each.
    public func withPages<T>(_ range: Range<Int>, scratch: UnsafeMutableRawBufferPointer,
                             _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        precondition(range.lowerBound >= 0 && range.upperBound <= pageCount, "pages \(range) out of range 0..<\(pageCount)")
        let bytes = range.count * pageSize
        switch storage {
        case .memory(let m):
            return try body(UnsafeRawBufferPointer(start: m.base + range.lowerBound * pageSize, count: bytes))
        case .file(let f):
            precondition(scratch.count >= bytes, "scratch of \(scratch.count) bytes for \(range.count) pages")
            f.read(range, into: scratch.baseAddress!)
            return try body(UnsafeRawBufferPointer(start: scratch.baseAddress!, count: bytes))
        }
    }

    /// Every page in order, `pages` at a time (the last chunk may be shorter): body gets the index of the chunk's
    /// first page and its bytes. A file corpus is read into one buffer of `pages` pages, reused.
    public func forEachChunk(pages: Int = chunkPages, _ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        precondition(pages > 0)
        let perChunk = min(pages, pageCount)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: isFileBacked ? perChunk * pageSize : 0,
                                                             alignment: pageSize)
        defer { scratch.deallocate() }
        var first = 0
        while first < pageCount {
            let range = first..<min(pageCount, first + perChunk)
            try withPages(range, scratch: scratch) { try body(first, $0) }
            first = range.upperBound
        }
    }

    /// Calls body with every page in one buffer. A file corpus is read whole for the call: only for consumers that
    /// need every page at once (a process holding them in its memory, a benchmark timing a single write).
    public func withContiguousBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        switch storage {
        case .memory(let m):
            return try body(UnsafeRawBufferPointer(start: m.base, count: byteCount))
        case .file(let f):
            let all = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: pageSize)
            defer { all.deallocate() }
            f.read(0..<pageCount, into: all.baseAddress!)
            return try body(UnsafeRawBufferPointer(all))
        }
    }

    /// Every page, copied into one array (a file corpus is read whole): for tests and small corpora.
    public var bytes: [UInt8] { withContiguousBytes { Array($0) } }

    /// A copy of page `index`.
    public func page(_ index: Int) -> [UInt8] {
        withPage(index) { Array($0) }
    }

    /// The same pages (wherever they are kept).
    public static func == (a: PageCorpus, b: PageCorpus) -> Bool {
        guard a.pageCount == b.pageCount else { return false }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkPages * pageSize, alignment: pageSize)
        defer { scratch.deallocate() }
        var same = true
        a.forEachChunk { first, x in
            guard same else { return }
            b.withPages(first..<(first + x.count / pageSize), scratch: scratch) { y in
                same = memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
        return same
    }
}

/// Pages in memory: one page-aligned allocation, written only while the corpus is made, then read-only (so it is
/// shared by copies of the corpus and read from any thread).
final class PageBuffer: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let pages: Int

    init(pages: Int) {
        self.pages = pages
        base = .allocate(byteCount: pages * pageSize, alignment: pageSize)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: pages * pageSize)
    }

    deinit { base.deallocate() }
}

/// Pages read from a file with pread(2), which any thread may call on the shared descriptor.
final class PageFileReader: Sendable {
    let descriptor: CInt
    let path: String
    let pageCount: Int
    let failure = Mutex<PageCorpusReadFailure?>(nil)

    init(descriptor: CInt, path: String, pageCount: Int) {
        self.descriptor = descriptor
        self.path = path
        self.pageCount = pageCount
        // The commands read a corpus front to back: a larger read-ahead window.
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit { close(descriptor) }

    /// Pages `range` into `buffer`; what could not be read is zeros, and the first failure is kept.
    func read(_ range: Range<Int>, into buffer: UnsafeMutableRawPointer) {
        let total = range.count * pageSize
        let offset = range.lowerBound * pageSize
        var done = 0
        var error: CInt? = nil
        while done < total {
            let n = pread(descriptor, buffer + done, total - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                error = errno
                break
            }
            if n == 0 { break }
            done += n
        }
        guard done < total else { return }
        (buffer + done).initializeMemory(as: UInt8.self, repeating: 0, count: total - done)
        let what = PageCorpusReadFailure(path: path, page: (offset + done) / pageSize, errno: error)
        // Chunks are read by several threads: keep the lowest page, not whichever thread reported first.
        failure.withLock { if $0 == nil || what.page < $0!.page { $0 = what } }
    }
}

/// A read of a file corpus that failed after the file was opened and checked: an I/O error (`errno`), or the file
/// is shorter than when it was opened (`errno` nil).
public struct PageCorpusReadFailure: Sendable, Equatable {
    public let path: String
    /// The first page that could not be read.
    public let page: Int
    public let errno: CInt?
}

public enum PageCorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case partialLastPage(byteCount: Int)

    public var description: String {
        switch self {
        case .empty:
            return "the corpus is empty; it must hold at least one \(pageSize)-byte page"
        case .partialLastPage(let n):
            return "the corpus is \(n) bytes, not a multiple of \(pageSize): its last page is only "
                + "\(n % pageSize) bytes; a corpus is whole \(pageSize)-byte pages, concatenated"
        }
    }
}
