import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// The anonymous memory of a running process, as 4 KiB pages: the private writable mappings with no file
/// behind them (heap, malloc arenas, anonymous mmaps) found in /proc/PID/maps, read through /proc/PID/mem.
/// These are the pages that end up in zram or zswap when the process is swapped out.
public struct ProcessMemory: Sendable {
    public struct Region: Equatable, Sendable {
        public let start: UInt64
        public let end: UInt64
        /// Empty for a nameless mapping, else `[heap]` or `[stack]`.
        public let name: String
        public var pageCount: Int { Int((end - start) / UInt64(pageSize)) }
    }

    public let pid: Int32
    public let root: SystemRoot

    /// `proc/PID/mem`, the file the pages are read through (root-relative).
    public static func memRelativePath(pid: Int32) -> String { "proc/\(pid)/mem" }
    /// `/proc/PID/mem` as the administrator names it, for messages.
    public static func memKernelPath(pid: Int32) -> String { SystemRoot.kernelName(memRelativePath(pid: pid)) }

    public init(pid: Int32, root: SystemRoot = SystemRoot("/")) {
        self.pid = pid
        self.root = root
    }

    /// The anonymous `rw-p` regions of a maps file: no path, or the `[heap]`/`[stack]` pseudo-paths.
    public static func anonymousRegions(inMaps text: String) -> [Region] {
        var regions: [Region] = []
        for line in text.split(separator: "\n") {
            // start-end perms offset dev inode [path]
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1] == "rw-p" else { continue }
            let name = fields.count == 6 ? fields[5].trimmingWhitespace() : ""
            guard name.isEmpty || name == "[heap]" || name == "[stack]" else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let s = UInt64(range[0], radix: 16), let e = UInt64(range[1], radix: 16), e > s
            else { continue }
            regions.append(Region(start: s, end: e, name: name))
        }
        return regions
    }

    public func anonymousRegions() throws(HostError) -> [Region] {
        let maps = "proc/\(pid)/maps"
        do {
            return Self.anonymousRegions(inMaps: try root.read(maps))
        } catch {
            throw HostError(subject: "pid \(pid)", action: "cannot read", path: root.absolute(maps),
                            errno: error, hint: error == .noSuchFileOrDirectory ? "no such process" : nil)
        }
    }

    /// What a capture read: pages handed to the sink, pages the kernel refused (EIO: guard areas, PROT_NONE
    /// holes inside a mapping) and whether the process exited before the sample was complete.
    public struct CaptureSummary: Equatable, Sendable {
        public var pagesWritten = 0
        public var pagesUnreadable = 0
        /// Pages of the sample that were wanted.
        public var pagesWanted = 0
        /// Anonymous pages the process maps in all (the sample is taken evenly over them).
        public var pagesMapped = 0
        public var processExited = false
    }

    /// The sample size when none is given: 256 MiB, enough for a compression ratio and cheap on a process that
    /// reserves terabytes.
    public static let defaultCapturePages = 65_536

    /// Streams up to maxPages pages (default `defaultCapturePages`, never more than `PageCorpus.maxPages`) to `sink`, one
    /// page at a time, sampled evenly over all regions so that untouched (zero) pages keep their natural share.
    /// Memory use does not depend on the size of the process: a 100 GiB MAP_NORESERVE reservation costs one
    /// page buffer. Pages the kernel refuses to read (EIO) are skipped and counted; a read that finds the
    /// process gone (EOF or ESRCH from /proc/PID/mem) ends the capture with `processExited`.
    public func capture(maxPages: Int? = nil,
                        into sink: (UnsafeRawBufferPointer) throws(HostError) -> Void) throws(HostError) -> CaptureSummary {
        let regions = try anonymousRegions()
        let total = regions.reduce(0) { $0 + $1.pageCount }
        var summary = CaptureSummary()
        summary.pagesMapped = total
        let wanted = min(maxPages ?? Self.defaultCapturePages, total, PageCorpus.maxPages)
        summary.pagesWanted = wanted
        let memPath = root.absolute(Self.memRelativePath(pid: pid))
        let fd = open(memPath, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw HostError(subject: "pid \(pid)", action: "cannot open", path: memPath,
                            errno: Errno(rawValue: errno), hint: "reading another process's memory needs root or ptrace rights")
        }
        defer { close(fd) }
        let page = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: pageSize)
        defer { page.deallocate() }
        // Page j of the sample is page floor(j * total / wanted) of the concatenated regions.
        var regionIndex = 0, regionFirst = 0
        sampling: for j in 0..<wanted {
            let global = wanted == total ? j : Int((UInt64(j) * UInt64(total)) / UInt64(wanted))
            while global >= regionFirst + regions[regionIndex].pageCount {
                regionFirst += regions[regionIndex].pageCount
                regionIndex += 1
            }
            let address = regions[regionIndex].start + UInt64(global - regionFirst) * UInt64(pageSize)
            while true {
                let n = pread(fd, page.baseAddress, pageSize, off_t(Int64(bitPattern: address)))
                if n == pageSize { break }
                if n < 0 && errno == EINTR { continue }
                if n == 0 || (n < 0 && errno == ESRCH) {
                    // The mm is gone: /proc/PID/mem reads nothing once the process has exited.
                    summary.processExited = true
                    break sampling
                }
                if n < 0 && errno != EIO {
                    throw HostError(subject: "pid \(pid)", action: "cannot read", path: memPath,
                                    errno: Errno(rawValue: errno))
                }
                summary.pagesUnreadable += 1  // EIO (or a short read): a guard page or hole; skipped and counted
                continue sampling
            }
            try sink(UnsafeRawBufferPointer(page))
            summary.pagesWritten += 1
        }
        return summary
    }

    /// The sample in memory (bounded as above), for callers that model it at once.
    public func capture(maxPages: Int? = nil) throws(HostError) -> PageCorpus {
        var bytes: [UInt8] = []
        let summary = try capture(maxPages: maxPages) { (p: UnsafeRawBufferPointer) throws(HostError) in
            bytes.append(contentsOf: p)
        }
        if summary.processExited {
            throw HostError(subject: "pid \(pid)", action: "the process exited during the capture of",
                            path: root.absolute(Self.memRelativePath(pid: pid)),
                            hint: "\(summary.pagesWritten) of \(summary.pagesWanted) pages were read")
        }
        do {
            return try PageCorpus(bytes: bytes)
        } catch {
            throw HostError(subject: "pid \(pid)", action: "no readable anonymous memory in", path: root.absolute(Self.memRelativePath(pid: pid)))
        }
    }
}
