import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// A child process holding a copy of a corpus in its anonymous memory, which it pushes out to swap with
/// MADV_PAGEOUT when told (the live half of `tmemctl verify --path swap`). The child waits for `load()` before
/// it touches memory, so it can be moved into a memory cgroup first; it exits when `stop()` closes its socket,
/// and dies with the parent (PR_SET_PDEATHSIG).
public final class SwapOutProcess {
    private var child = CShimSwapoutChild(pid: 0, socket: -1)
    public let pageCount: Int
    /// The mapping's start address in the child, after `load()`.
    public private(set) var address: UInt64?
    /// Keeps the corpus bytes alive and unmoved while the child may still read them.
    private let corpus: PageCorpus

    public init(corpus: PageCorpus) throws(HostError) {
        self.corpus = corpus
        self.pageCount = corpus.pageCount
        // The child is forked here and reads its own copy of the pages later: a file corpus is read whole for the
        // fork only (the pages must be in the workload's memory anyway; that is what this path measures).
        let r = corpus.withContiguousBytes { buf in
            cshim_swapout_child_start(buf.baseAddress!.assumingMemoryBound(to: UInt8.self), buf.count / pageSize, &child)
        }
        if r != 0 {
            throw HostError(subject: "swap workload", action: "cannot start the child process", path: "",
                            errno: Errno(rawValue: errno))
        }
    }

    deinit { stop() }

    public var pid: Int32 { child.pid }

    /// The child maps the pages (anonymous, MADV_NOHUGEPAGE) and copies the corpus in, page by page.
    public func load() throws(HostError) {
        var a: UInt64 = 0
        let r = cshim_swapout_child_load(&child, &a)
        if r != 0 {
            throw HostError(subject: "swap workload", action: "cannot map and fill \(pageCount) pages in pid \(pid)",
                            path: "", errno: Errno(rawValue: r))
        }
        address = a
    }

    /// madvise(MADV_PAGEOUT) over the whole mapping, in the child.
    public func pageOut() throws(HostError) {
        let r = cshim_swapout_child_pageout(&child)
        if r != 0 {
            throw HostError(subject: "swap workload", action: "madvise(MADV_PAGEOUT) failed in pid \(pid)", path: "",
                            errno: Errno(rawValue: r),
                            hint: r == EINVAL ? "this kernel has no MADV_PAGEOUT (Linux 5.4+)" : nil)
        }
    }

    /// Ends the child and reaps it; its memory and swap entries are freed. Idempotent.
    public func stop() { cshim_swapout_child_stop(&child) }
}
