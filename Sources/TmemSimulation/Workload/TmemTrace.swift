import TmemCore

/// A text trace of page events, one per line; `#` starts a comment; fields are separated by blanks.
/// PAGE is an index into the corpus (taken modulo its size); it names the page's contents, so a later read
/// can be checked against what was stored. Swap types are 0-31; FS is any name without blanks.
public enum TmemTraceEvent: Equatable, Sendable {
    case swapon(type: UInt32, slots: Int)                 // swapon TYPE SLOTS
    case swapout(type: UInt32, slot: Int, page: Int)      // swapout TYPE SLOT PAGE
    case swapin(type: UInt32, slot: Int)                  // swapin TYPE SLOT   (load, then the slot is freed)
    case swapfree(type: UInt32, slot: Int)                // swapfree TYPE SLOT (invalidate_page)
    case swapoff(type: UInt32)                            // swapoff TYPE       (invalidate_area)
    case mount(fs: String)                                // mount FS           (init_fs)
    case evict(fs: String, inode: UInt64, index: UInt64, page: Int)  // evict FS INODE INDEX PAGE (put)
    case read(fs: String, inode: UInt64, index: UInt64)   // read FS INODE INDEX (get on refault)
    case invalidate(fs: String, inode: UInt64, index: UInt64)        // invalidate FS INODE INDEX
    case truncate(fs: String, inode: UInt64)              // truncate FS INODE  (invalidate_inode)
    case umount(fs: String)                               // umount FS          (invalidate_fs)

    /// The format, for `--help`.
    public static let formatHelp = """
    swapon TYPE SLOTS          swap type 0-31 with SLOTS slots goes on (init)
    swapout TYPE SLOT PAGE     corpus PAGE to free SLOT (store; disk if refused)
    swapin TYPE SLOT           read back (load, else disk), slot freed
    swapfree TYPE SLOT         slot freed unread (invalidate_page)
    swapoff TYPE               device off (invalidate_area)
    mount FS                   filesystem FS mounted (init_fs)
    evict FS INODE INDEX PAGE  clean page with corpus PAGE leaves cache (put)
    read FS INODE INDEX        refault: get (a miss reads the disk)
    invalidate FS INODE INDEX  page rewritten or punched (invalidate_page)
    truncate FS INODE          file truncated or deleted (invalidate_inode)
    umount FS                  filesystem unmounted (invalidate_fs)
    """
}

public struct TraceError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "trace line \(line): \(message)" }
}

public enum TmemTraceParser {
    public static func parse(_ text: String) throws(TraceError) -> [(line: Int, event: TmemTraceEvent)] {
        var events: [(Int, TmemTraceEvent)] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = n + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let f = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let verb = f.first else { continue }
            func arity(_ k: Int) throws(TraceError) {
                guard f.count == k + 1 else {
                    throw TraceError(line: line, message: "'\(verb)' takes \(k) field(s), got \(f.count - 1)")
                }
            }
            func int(_ i: Int, _ what: String) throws(TraceError) -> Int {
                guard let v = Int(f[i]), v >= 0 else { throw TraceError(line: line, message: "\(what) '\(f[i])' is not a non-negative integer") }
                return v
            }
            func u64(_ i: Int, _ what: String) throws(TraceError) -> UInt64 {
                guard let v = UInt64(f[i]) else { throw TraceError(line: line, message: "\(what) '\(f[i])' is not a non-negative integer") }
                return v
            }
            func type(_ i: Int) throws(TraceError) -> UInt32 {
                let t = try int(i, "swap type")
                guard t < 32 else { throw TraceError(line: line, message: "swap type \(t) is not in 0-31") }
                return UInt32(t)
            }
            let event: TmemTraceEvent
            switch verb {
            case "swapon": try arity(2); event = .swapon(type: try type(1), slots: try int(2, "slot count"))
            case "swapout": try arity(3); event = .swapout(type: try type(1), slot: try int(2, "slot"), page: try int(3, "page"))
            case "swapin": try arity(2); event = .swapin(type: try type(1), slot: try int(2, "slot"))
            case "swapfree": try arity(2); event = .swapfree(type: try type(1), slot: try int(2, "slot"))
            case "swapoff": try arity(1); event = .swapoff(type: try type(1))
            case "mount": try arity(1); event = .mount(fs: f[1])
            case "evict": try arity(4)
                event = .evict(fs: f[1], inode: try u64(2, "inode"), index: try u64(3, "index"), page: try int(4, "page"))
            case "read": try arity(3); event = .read(fs: f[1], inode: try u64(2, "inode"), index: try u64(3, "index"))
            case "invalidate": try arity(3)
                event = .invalidate(fs: f[1], inode: try u64(2, "inode"), index: try u64(3, "index"))
            case "truncate": try arity(2); event = .truncate(fs: f[1], inode: try u64(2, "inode"))
            case "umount": try arity(1); event = .umount(fs: f[1])
            default:
                throw TraceError(line: line, message: "unknown event '\(verb)' (swapon swapout swapin swapfree swapoff mount evict read invalidate truncate umount)")
            }
            events.append((line, event))
        }
        return events
    }
}

extension TmemSimulator {
    /// Replays a trace through the same kernel-side simulations the workloads use.
    func runTrace(_ store: TmemStore, into report: inout SimulationReport) throws(TraceError) {
        let events = try TmemTraceParser.parse(traceText)
        var swaps: [UInt32: SimulatedSwap] = [:]
        var tags: [UInt32: [Int: Int]] = [:]
        var filePages: [SimulatedPageCache.PageID: Int] = [:]
        var result = TraceResult(events: events.count, swapLoadsFromFrontswap: 0, swapLoadsFromDisk: 0,
                                 cleancacheHits: 0, cleancacheMisses: 0, corruptPages: 0)
        let corpus = self.corpus
        let cache = SimulatedPageCache(capacity: { 0 }, content: { id, page in
            // Unknown pages (never evicted) read as zeros; the check below only counts pages that were put.
            if let p = filePages[id] { corpus.withPage(p % corpus.pageCount) { page.copyMemory(from: $0) } }
            else { page.initializeMemory(as: UInt8.self, repeating: 0) }
        })
        var mounts: [String: Int] = [:]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        let expected = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        defer { buffer.deallocate(); expected.deallocate() }
        let every = max(1, events.count / max(1, samples))

        func device(_ t: UInt32, _ line: Int) throws(TraceError) -> SimulatedSwap {
            guard let s = swaps[t] else { throw TraceError(line: line, message: "swap type \(t) is not on") }
            return s
        }
        func fsNumber(_ name: String, _ line: Int) throws(TraceError) -> Int {
            guard let n = mounts[name] else { throw TraceError(line: line, message: "filesystem '\(name)' is not mounted") }
            return n
        }

        for (i, (line, event)) in events.enumerated() {
            switch event {
            case .swapon(let t, let slots):
                guard swaps[t] == nil else { throw TraceError(line: line, message: "swap type \(t) is already on") }
                guard slots > 0 else { throw TraceError(line: line, message: "a swap device needs at least one slot") }
                swaps[t] = SimulatedSwap(type: t, slots: slots)
            case .swapout(let t, let slot, let page):
                copyPage(page, into: buffer)
                guard try device(t, line).swapOut(buffer, tag: page, slot: slot) else {
                    throw TraceError(line: line, message: "slot \(slot) of swap type \(t) is in use or out of range")
                }
                tags[t, default: [:]][slot] = page
            case .swapin(let t, let slot):
                let d = try device(t, line)
                guard d.isInUse(slot), let page = tags[t]?[slot] else {
                    throw TraceError(line: line, message: "slot \(slot) of swap type \(t) holds no page")
                }
                let fromFrontswap = d.swapIn(slot, into: buffer) { tag, p in copyPage(tag, into: p) }
                if fromFrontswap { result.swapLoadsFromFrontswap += 1 } else { result.swapLoadsFromDisk += 1 }
                copyPage(page, into: expected)
                if !PageBytes.equal(buffer, expected) { result.corruptPages += 1 }
                tags[t]?[slot] = nil
            case .swapfree(let t, let slot):
                try device(t, line).free(slot)
                tags[t]?[slot] = nil
            case .swapoff(let t):
                let d = try device(t, line)
                d.swapoff()
                report.frontswap = d.stats
                swaps[t] = nil
                tags[t] = nil
            case .mount(let name):
                guard mounts[name] == nil else { throw TraceError(line: line, message: "filesystem '\(name)' is already mounted") }
                mounts[name] = cache.mount()
            case .evict(let name, let inode, let index, let page):
                let id = SimulatedPageCache.PageID(fs: try fsNumber(name, line), inode: inode, index: index)
                filePages[id] = page
                cache.evict(id)
            case .read(let name, let inode, let index):
                let id = SimulatedPageCache.PageID(fs: try fsNumber(name, line), inode: inode, index: index)
                let before = cache.stats.corruptPages
                if cache.refault(id) == .cleancache { result.cleancacheHits += 1 } else { result.cleancacheMisses += 1 }
                result.corruptPages += cache.stats.corruptPages - before
            case .invalidate(let name, let inode, let index):
                let id = SimulatedPageCache.PageID(fs: try fsNumber(name, line), inode: inode, index: index)
                cache.invalidate(id)
                filePages[id] = nil
            case .truncate(let name, let inode):
                let fs = try fsNumber(name, line)
                cache.truncate(fs: fs, inode: inode)
                filePages = filePages.filter { !($0.key.fs == fs && $0.key.inode == inode) }
            case .umount(let name):
                let fs = try fsNumber(name, line)
                cache.umount(fs)
                mounts[name] = nil
                filePages = filePages.filter { $0.key.fs != fs }
            }
            if i % every == 0 {
                let u = store.counterSnapshot
                report.timeSeries.append(SimulationSample(step: i, poolTotalSize: u.poolTotalSize, storedPages: u.storedPages,
                                                          residentPages: 0,
                                                          pswpout: swaps.values.reduce(0) { $0 + $1.stats.pswpout },
                                                          diskReads: result.cleancacheMisses + result.swapLoadsFromDisk))
            }
        }
        for (_, d) in swaps { report.frontswap = d.stats }
        report.cleancache = cache.stats
        report.trace = result
        snapshot(store, into: &report)
    }
}
