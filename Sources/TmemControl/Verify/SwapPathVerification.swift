import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl verify --path swap`: the corpus in a child process's anonymous memory, inside a memory cgroup of its
/// own, pushed out with MADV_PAGEOUT to a fresh zram device that is the only swap (and, with zswap, through
/// zswap in front of it), against the model of the kernel's swap path (`SwapPathModel`).
///
/// Deterministic: what each swapped page becomes (zeromap, ZRAM_SAME, compressed, huge; in zswap compressed or
/// stored as-is), hence every mm_stat field, the vmstat deltas and zswap's counters, because pages are only
/// written (no frees) and zswap has one zsmalloc pool per compressor on 6.18.
/// Not deterministic, so named, measured and bounded: which pages MADV_PAGEOUT actually reclaims (a page still
/// in another CPU's LRU batch, or briefly pinned, is skipped). The model is fed exactly the pages that pagemap
/// shows as swapped, so the other fields stay exact, and the count of pages left in RAM is bounded.
/// Detected as a disturbance (a failure, not a bound): other processes swapping during the run, which shows
/// as vmstat deltas larger than the pages we swapped.
public enum SwapPathVerification {
    /// At most this share of the corpus (and at least `minimumNotReclaimedBound` pages) may stay in RAM.
    public static let notReclaimedPercent = 1
    public static let minimumNotReclaimedBound = 8
    static let pageOutRounds = 4

    public static func notReclaimedBound(pages: Int) -> Int {
        max(minimumNotReclaimedBound, pages * notReclaimedPercent / 100)
    }

    /// Refuses to start when the machine is not in a state where the counters can be attributed to this run.
    public static func preflight(root: SystemRoot, zswap: Bool) throws(HostError) {
        guard root.isLive else {
            throw HostError(subject: "verify", action: "cannot use --path swap under --root", path: root.path,
                            hint: "the swap path needs the live kernel")
        }
        guard root.isPrivileged else {
            throw HostError(subject: "verify", action: "cannot use --path swap", path: "", errno: .notPermitted,
                            hint: "it creates zram swap, a memory cgroup and changes zswap: run as root")
        }
        let areas = try SwapTable.read(root: root)
        if !areas.isEmpty {
            throw HostError(subject: "verify", action: "other swap is active (\(areas.map(\.filename).joined(separator: ", "))) in",
                            path: SwapTable.path(root: root),
                            hint: "--path swap needs its own zram device to be the only swap so that every counter is its own; swapoff those first, or use --path block")
        }
        guard MemoryCgroupV1.isAvailable(root: root) else {
            throw HostError(subject: "verify", action: "no memory cgroup v1 hierarchy at", path: root.absolute(MemoryCgroupV1.hierarchy),
                            errno: .noSuchFileOrDirectory, hint: "--path swap puts its workload in a cgroup v1 memory group")
        }
        if zswap && !Zswap(root: root).isAvailable {
            throw HostError(subject: "verify", action: "cannot use --zswap: no", path: Zswap(root: root).modulePath,
                            errno: .noSuchFileOrDirectory, hint: "this kernel has no zswap (CONFIG_ZSWAP)")
        }
    }

    /// Counters read before and after the push-out.
    struct Snapshot {
        var vmstat: VMStat
        var meminfo: MemInfo
        var zswap: ZswapDebugStats?

        static func take(root: SystemRoot, zswap: Bool) throws(HostError) -> Snapshot {
            Snapshot(vmstat: try VMStat.read(root: root), meminfo: try MemInfo.read(root: root),
                     zswap: zswap ? try ZswapDebugStats.read(root: root) : nil)
        }
    }

    public static func run(corpus: PageCorpus, algorithm: CompressionAlgorithm, zswap useZswap: Bool,
                           settings: VerifySettings) throws -> AlgorithmVerification {
        let root = settings.root
        let pages = corpus.pageCount
        // Slot 0 is the header; the rest leaves the swap allocator room to spare.
        let disksize = UInt64(pages + 1 + 2048) * UInt64(pageSize)
        let contents = PageAnalysis.analyze(corpus, algorithm: algorithm, for: .zswap, threads: settings.threads)
        try Interruption.check()
        let meminfo = try MemInfo.read(root: root)
        // Room to hold the corpus twice (our copy and the child's) without reclaiming anybody else's memory,
        // which would swap other processes' pages onto our device.
        let need = 2 * UInt64(corpus.byteCount) + (256 << 20)
        if let available = meminfo.fields["MemAvailable"], available < need {
            throw HostError(subject: "verify", action: "not enough free memory for a \(corpus.byteCount)-byte corpus on the swap path according to",
                            path: MemInfo.path(root: root),
                            hint: "MemAvailable is \(available) bytes, \(need) needed; use a smaller corpus")
        }
        if useZswap {
            // zswap's pool limit starts an asynchronous writeback worker whose timing is the scheduler's, so a run
            // that would reach it cannot be exact: refuse it up front.
            let totalRam = Int((meminfo.memTotal ?? 0) / UInt64(pageSize))
            let percent = Int((try? Zswap(root: root).value(.maxPoolPercent)) ?? nil ?? "") ?? 20
            var dryRun = ZswapModel(rules: settings.zswapRules, chainSize: settings.chainSize ?? 4,
                                    totalRamPages: totalRam, maxPoolPercent: percent)
            for (i, c) in contents.enumerated() { dryRun.store(offset: i + 1, c) }
            if dryRun.counters.poolLimitHit > 0 {
                throw HostError(subject: "verify", action: "the corpus would fill zswap's pool, limited to \(percent)% by",
                                path: Zswap(root: root).parameterPath(.maxPoolPercent),
                                hint: "reaching the limit starts asynchronous writeback, which is not deterministic; use a smaller corpus")
            }
        }

        let (result, failures) = try CleanupStack.run { cleanup -> AlgorithmVerification in
            let zswap = Zswap(root: root)
            var savedZswap: [ZswapParameter: String] = [:]
            if zswap.isAvailable { savedZswap = try ZswapParameterGuard.save(zswap, cleanup: cleanup) }
            if useZswap {
                let debugfs = DebugFS(root: root)
                if try !debugfs.isMounted() {
                    try debugfs.mount()
                    cleanup.push("unmount debugfs") { try debugfs.unmount() }
                }
                if zswap.presentParameters.contains(.shrinkerEnabled) { try zswap.set(.shrinkerEnabled, to: "N") }
                do throws(HostError) { try zswap.set(.compressor, to: algorithm.rawValue) } catch {
                    if error.errno == .noSuchFileOrDirectory || error.errno == .invalidArgument {
                        return .skipped(algorithm, reason: "zswap cannot use \(algorithm.rawValue) on this kernel: the crypto API has no \(algorithm.rawValue) (see /proc/crypto)")
                    }
                    throw error
                }
                try zswap.set(.enabled, to: "Y")
            } else if savedZswap[.enabled] == "Y" {
                try zswap.set(.enabled, to: "N")
            }

            let scratch = try ScratchZram.create(root: root, purpose: "verify --path swap", cleanup: cleanup)
            let device = scratch.device
            if let skip = try BlockPathVerification.unsupported(algorithm, on: device) { return .skipped(algorithm, reason: skip) }
            // Swap is set up here, not by the plan: the model needs the header page, random UUID included.
            try scratch.configure(ZramSetupRequest(disksize: disksize, algorithm: algorithm.rawValue))
            let header = try SwapSignature(deviceSize: disksize, label: "tmemctl-verify")
            try header.write(to: device.devicePath)
            let swap = SwapControl(root: root)
            try swap.swapOn(device, priority: 100)
            cleanup.push("swapoff \(device.name)") { try swap.swapOff(device) }
            try Interruption.check()

            let group = try MemoryCgroupV1(name: "tmemctl-verify-\(getpid())", root: root)
            try group.create()
            cleanup.push("remove cgroup \(group.name)") { try group.remove() }
            // Room for every page: the limit never forces reclaim, so only MADV_PAGEOUT decides what leaves RAM.
            try group.setLimit(UInt64(pages) * UInt64(pageSize) + (256 << 20))
            let child = try SwapOutProcess(corpus: corpus)
            let childPID = child.pid
            cleanup.push("stop the workload process") { child.stop() }
            try group.add(pid: child.pid)
            try child.load()
            try Interruption.check()

            let before = try Snapshot.take(root: root, zswap: useZswap)
            var entries: [PagemapEntry] = []
            var resident = Int.max
            for _ in 0..<pageOutRounds {
                try child.pageOut()
                entries = try Pagemap.read(pid: child.pid, address: child.address!, count: pages, root: root)
                let now = entries.filter { !$0.isSwapped }.count
                if now == 0 || now >= resident { resident = now; break }
                resident = now
            }
            let after = try Snapshot.take(root: root, zswap: useZswap)
            let live = try device.mmStat()
            let cgroupStat = try group.stat()
            try Interruption.check()
            cleanup.unwind()

            // The model of exactly what left RAM.
            let compressor = PageCompressor(algorithm)
            let headerContent = header.page.withUnsafeBytes { PageAnalysis.analyze($0, compressor: compressor, for: .zram) }
            let totalRamPages = Int((before.meminfo.memTotal ?? 0) / UInt64(pageSize))
            let zswapModel: ZswapModel? = useZswap
                ? ZswapModel(rules: settings.zswapRules, chainSize: settings.chainSize ?? 4, totalRamPages: totalRamPages,
                             maxPoolPercent: Int(savedZswap[.maxPoolPercent] ?? "") ?? 20,
                             acceptThresholdPercent: Int(savedZswap[.acceptThresholdPercent] ?? "") ?? 90)
                : nil
            var model = SwapPathModel(zram: ZramModel(classTable: settings.classTable, disksize: disksize), zswap: zswapModel)
            model.writeHeader(headerContent)
            var swapped = 0
            for (i, e) in entries.enumerated() where e.isSwapped {
                model.swapOut(offset: e.swapOffset, contents[i])
                swapped += 1
            }

            var fields = model.zram.mmStat.compared(with: live)
            func delta(_ name: String) -> UInt64 { (after.vmstat[name] ?? 0) &- (before.vmstat[name] ?? 0) }
            let bound = notReclaimedBound(pages: pages)
            fields.append(FieldComparison(
                source: "pagemap", field: "swapped_out_pages", predicted: UInt64(pages), live: UInt64(swapped),
                allowed: UInt64(bound),
                note: "not deterministic: MADV_PAGEOUT skips a page it cannot isolate (still in another CPU's LRU batch, or briefly pinned); tmemctl pins the workload to one CPU and retries, then feeds the model exactly the pages pagemap shows as swapped; at most \(bound) may stay in RAM"))
            let foreign = Int64(bitPattern: (delta("pswpout") &+ delta("swpout_zero") &+ delta("zswpout")) &- UInt64(swapped))
            let foreignNote = foreign > 0 ? "\(foreign) more pages were swapped out system-wide than this run pushed out: other processes were swapping" : nil
            fields.append(FieldComparison(source: "vmstat", field: "swpout_zero", predicted: UInt64(model.swpoutZero), live: delta("swpout_zero"), note: foreignNote))
            fields.append(FieldComparison(source: "vmstat", field: "pswpout", predicted: UInt64(model.pswpout), live: delta("pswpout"), note: foreignNote))
            fields.append(FieldComparison(source: "vmstat", field: "zswpout", predicted: UInt64(model.zswpout), live: delta("zswpout"), note: foreignNote))
            if let z = model.zswap {
                fields += zswapComparisons(model: z, before: before, after: after)
            }
            var notes = ["\(swapped) of \(pages) pages swapped out by pid \(childPID) in cgroup \(group.name) to \(device.name) (disksize \(disksize), swap header in slot 0)"]
            if resident > 0 && resident != Int.max { notes.append("\(resident) pages stayed in RAM after \(pageOutRounds) MADV_PAGEOUT rounds") }
            if let s = cgroupStat["swap"] { notes.append("cgroup memory.stat: swap \(s), rss \(cgroupStat["rss"] ?? 0)") }
            if useZswap && after.zswap == nil {
                notes.append("zswap's debugfs counters were not available (no /sys/kernel/debug/zswap); compared meminfo and vmstat only")
            }
            if useZswap {
                notes.append("zswap: compressor \(algorithm.rawValue), one zsmalloc pool per zswap pool (6.18); parameters restored afterwards")
            }
            return AlgorithmVerification(algorithm: algorithm, device: device.name, fields: fields, notes: notes)
        }
        return result.withCleanupFailures(failures)
    }

    static func zswapComparisons(model z: ZswapModel, before: Snapshot, after: Snapshot) -> [FieldComparison] {
        var out: [FieldComparison] = []
        if let a = after.zswap {
            let b = before.zswap
            let c = z.counters
            // Gauges: absolute (zswap held nothing before: no other swap was active).
            out.append(FieldComparison(source: "zswap", field: "stored_pages", predicted: c.storedPages, live: a["stored_pages"] ?? 0))
            out.append(FieldComparison(source: "zswap", field: "pool_total_size", predicted: c.poolTotalSize, live: a["pool_total_size"] ?? 0))
            if let p = c.storedIncompressiblePages, let l = a["stored_incompressible_pages"] {
                out.append(FieldComparison(source: "zswap", field: "stored_incompressible_pages", predicted: p, live: l))
            }
            // Event counters: cumulative since boot, so deltas.
            func d(_ name: String) -> UInt64 { (a[name] ?? 0) &- (b?[name] ?? 0) }
            let events: [(String, UInt64?)] = [
                ("pool_limit_hit", c.poolLimitHit), ("reject_compress_poor", c.rejectCompressPoor),
                ("reject_compress_fail", c.rejectCompressFail), ("reject_alloc_fail", c.rejectAllocFail),
                ("reject_kmemcache_fail", c.rejectKmemcacheFail), ("reject_reclaim_fail", c.rejectReclaimFail),
                ("written_back_pages", c.writtenBackPages),
            ]
            for (name, predicted) in events {
                if let p = predicted, a[name] != nil {
                    out.append(FieldComparison(source: "zswap", field: name, predicted: p, live: d(name)))
                }
            }
        }
        if let zs = after.meminfo.zswap {
            out.append(FieldComparison(source: "meminfo", field: "Zswap", predicted: z.meminfoZswapKB * 1024, live: zs))
        }
        if let zd = after.meminfo.zswapped {
            out.append(FieldComparison(source: "meminfo", field: "Zswapped", predicted: z.meminfoZswappedKB * 1024, live: zd))
        }
        return out
    }
}
