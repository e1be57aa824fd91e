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

    /// Up to maxPages pages of anonymous memory, sampled evenly over all regions so that untouched (zero)
    /// pages keep their natural share. Pages the kernel refuses to read (EIO, e.g. guard areas) are skipped.
    public func capture(maxPages: Int? = nil) throws(HostError) -> PageCorpus {
        let regions = try anonymousRegions()
        let total = regions.reduce(0) { $0 + $1.pageCount }
        let wanted = min(maxPages ?? total, total)
        let memPath = root.absolute("proc/\(pid)/mem")
        let fd = open(memPath, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw HostError(subject: "pid \(pid)", action: "cannot open", path: memPath,
                            errno: Errno(rawValue: errno), hint: "reading another process's memory needs root or ptrace rights")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(wanted * pageSize)
        var page = [UInt8](repeating: 0, count: pageSize)
        // Page j of the sample is page floor(j * total / wanted) of the concatenated regions.
        var regionIndex = 0, regionFirst = 0
        for j in 0..<wanted {
            let global = wanted == total ? j : Int((UInt64(j) * UInt64(total)) / UInt64(wanted))
            while global >= regionFirst + regions[regionIndex].pageCount {
                regionFirst += regions[regionIndex].pageCount
                regionIndex += 1
            }
            let address = regions[regionIndex].start + UInt64(global - regionFirst) * UInt64(pageSize)
            let n = page.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pageSize, off_t(Int64(bitPattern: address))) }
            if n == pageSize { bytes.append(contentsOf: page) }
        }
        do {
            return try PageCorpus(bytes: bytes)
        } catch {
            throw HostError(subject: "pid \(pid)", action: "no readable anonymous memory in", path: memPath)
        }
    }
}
