import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemSimulation

/// The text form of a simulation report: the headline figures, then zcache-style counters.
enum SimulationText {
    static func mib(_ bytes: Int) -> String { NumberFormat.mebibytes(bytes) }

    static func render(_ r: SimulationReport) -> String {
        var out: [String] = []
        out.append("workload \(r.workload.rawValue)  algorithm \(r.algorithm.rawValue)  policy \(r.policy.rawValue)")
        out.append("memory \(mib(r.memory))  memlimit \(r.memlimit.map(mib) ?? "none")"
                   + (r.poolMemlimit.map { "  pool memlimit \(mib($0))" } ?? "") + "  corpus \(r.corpusPages) pages")
        out.append("peak pool \(mib(r.peakPoolTotalSize))  now \(mib(r.counters.poolTotalSize))")
        if let u = r.usemem {
            out.append("usemem: mlocked \(u.mlockedPages) of \(u.targetPages) pages (\(mib(u.mlockedPages * 4096)))"
                       + (u.oom ? "  OOM-KILLED" : "  completed"))
            out.append("  other processes' pages: \(u.backgroundPages); to frontswap \(u.pagesToFrontswap), to disk \(u.pagesToDisk)")
            out.append(r.memlimit == nil && r.poolMemlimit == nil ? "  no memlimit: the store may take every free frame" : "  memlimit held at every step: \(u.memlimitHeld ? "yes" : "NO")")
        }
        if let p = r.pagecache {
            out.append("pagecache: \(p.reads) reads over \(p.fileSetPages) file pages (Zipf \(p.zipfExponent.decimals(2)))")
            out.append("  hit ratio \(p.hitRatio.decimals(3)) (without cleancache \(p.baselineHitRatio.decimals(3))), "
                       + "cleancache hits \(p.cleancacheHitRatio.decimals(3)) of page cache misses")
            out.append("  disk reads \(p.diskReads) (without cleancache \(p.baselineDiskReads)): avoided \(p.diskReadsAvoided)")
            if p.corruptPages > 0 { out.append("  CORRUPT PAGES: \(p.corruptPages)") }
        }
        if let t = r.trace {
            out.append("trace: \(t.events) events; swap-ins from frontswap \(t.swapLoadsFromFrontswap), from disk \(t.swapLoadsFromDisk); "
                       + "cleancache hits \(t.cleancacheHits), misses \(t.cleancacheMisses)")
            if t.corruptPages > 0 { out.append("  CORRUPT PAGES: \(t.corruptPages)") }
        }
        if let f = r.frontswap {
            out.append("frontswap: succ_stores \(f.succStores) failed_stores \(f.failedStores) loads \(f.loads) invalidates \(f.invalidates) pswpout \(f.pswpout) pswpin \(f.pswpin)")
        }
        if let c = r.cleancache {
            out.append("cleancache: puts \(c.puts) succ_gets \(c.succGets) failed_gets \(c.failedGets) invalidates \(c.invalidates)")
        }
        out.append("tmem counters:")
        out += r.counters.textLines.map { "  " + $0 }
        return out.joined(separator: "\n")
    }
}
