#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a pool keeps its compressed bytes: slabs of 64 KiB, each cut into equal slots of one size class
/// (multiples of 64 bytes), so a stored page costs no heap allocation of its own. Slabs come from the store's
/// `TmemSlabSource` (2 MiB regions, one page fault each where transparent huge pages are on). A slab whose slots
/// are all free goes back to the source at once, so the arena holds what the pool holds plus at most one partly
/// used slab per class. Not thread-safe: the owning pool's lock guards it.
///
/// The allocator models (zbud, zsmalloc) decide the memlimit accounting; the arena is only the storage.
final class TmemArena {
    static let slabSize = 1 << 16
    static let granule = 64
    static let classes = pageSize / granule
    /// Slab header: the class, the used count, the free-slot chain and the links of the class's partial list.
    private struct Header {
        var sizeClass: Int
        var used: Int
        var capacity: Int
        var bumped: Int           // slots handed out from the never-used tail
        var free: UnsafeMutableRawPointer?
        var prev: UnsafeMutablePointer<Header>?
        var next: UnsafeMutablePointer<Header>?
    }
    private static let headerSize = (MemoryLayout<Header>.stride + granule - 1) / granule * granule

    /// Per class, the slabs that have a free slot (doubly linked through their headers).
    private var partial: [UnsafeMutablePointer<Header>?] = Array(repeating: nil, count: TmemArena.classes + 1)
    /// Every slab, so a pool dropped with pages still in it frees them all.
    private var all: Set<UnsafeMutableRawPointer> = []
    var slabs: Int { all.count }

    private let source: TmemSlabSource

    static func sizeClass(_ length: Int) -> Int { (length + granule - 1) / granule }

    init(source: TmemSlabSource = .shared) { self.source = source }

    deinit {
        for s in all { source.release(s) }
    }

    /// A slot of at least `length` bytes (1...4096).
    func allocate(_ length: Int) -> UnsafeMutableRawPointer {
        precondition(length > 0 && length <= pageSize, "tmem arena: bad length \(length)")
        let c = Self.sizeClass(length)
        let h = partial[c] ?? newSlab(c)
        let slot: UnsafeMutableRawPointer
        if let f = h.pointee.free {
            slot = f
            h.pointee.free = f.load(as: UnsafeMutableRawPointer?.self)
        } else {
            slot = UnsafeMutableRawPointer(h) + Self.headerSize + h.pointee.bumped * c * Self.granule
            h.pointee.bumped += 1
        }
        h.pointee.used += 1
        if h.pointee.used == h.pointee.capacity { unlink(h) }
        return slot
    }

    func free(_ slot: UnsafeMutableRawPointer) {
        let h = UnsafeMutableRawPointer(bitPattern: Int(bitPattern: slot) & ~(Self.slabSize - 1))!
            .assumingMemoryBound(to: Header.self)
        let wasFull = h.pointee.used == h.pointee.capacity
        h.pointee.used -= 1
        if h.pointee.used == 0 {
            if !wasFull { unlink(h) }
            all.remove(UnsafeMutableRawPointer(h))
            source.release(UnsafeMutableRawPointer(h))
            return
        }
        slot.storeBytes(of: h.pointee.free, as: UnsafeMutableRawPointer?.self)
        h.pointee.free = slot
        if wasFull { link(h) }
    }

    private func newSlab(_ c: Int) -> UnsafeMutablePointer<Header> {
        // Aligned to its size, so a slot finds its header by masking its address.
        let raw = source.take()
        let h = raw.bindMemory(to: Header.self, capacity: 1)
        h.initialize(to: Header(sizeClass: c, used: 0, capacity: (Self.slabSize - Self.headerSize) / (c * Self.granule),
                                bumped: 0, free: nil, prev: nil, next: nil))
        all.insert(raw)
        link(h)
        return h
    }

    private func link(_ h: UnsafeMutablePointer<Header>) {
        let c = h.pointee.sizeClass
        h.pointee.prev = nil
        h.pointee.next = partial[c]
        partial[c]?.pointee.prev = h
        partial[c] = h
    }

    private func unlink(_ h: UnsafeMutablePointer<Header>) {
        let c = h.pointee.sizeClass
        if let p = h.pointee.prev { p.pointee.next = h.pointee.next } else { partial[c] = h.pointee.next }
        h.pointee.next?.pointee.prev = h.pointee.prev
        h.pointee.prev = nil
        h.pointee.next = nil
    }
}

/// The 64 KiB slabs of every arena, cut from regions of 2 MiB mapped whole and aligned to their size; one source
/// serves every store of the process (`shared`). A region asks for a transparent huge page (MADV_HUGEPAGE): where
/// the kernel gives one, storing into 2 MiB of fresh memory costs one page fault rather than 512. A region whose
/// last slab is released is kept for reuse, up to `retainedLimit` bytes of such regions, and marked MADV_FREE:
/// the kernel may take its pages back whenever it needs memory, and until it does, reusing them costs neither a
/// fault nor the clearing of fresh pages (what glibc's heap did for one thread, and the kernel's page allocator
/// does for zsmalloc; fresh memory's faults and clearing were a tenth of two threads' put time, under the pool's
/// lock). Regions beyond the limit are unmapped at once. Thread-safe: a leaf lock, taken once per 64 KiB slab.
final class TmemSlabSource: @unchecked Sendable {
    static let regionSize = 1 << 21
    static let slabsPerRegion = regionSize / TmemArena.slabSize
    /// Emptied regions kept mapped (lazily freeable) for reuse: 64 MiB.
    static let retainedLimit = 64 << 20

    static let shared = TmemSlabSource()

    private final class Region {
        let base: UnsafeMutableRawPointer
        var used = 0
        var bumped = 0
        var free: [UnsafeMutableRawPointer] = []
        init(base: UnsafeMutableRawPointer) { self.base = base }
        var full: Bool { free.isEmpty && bumped == TmemSlabSource.slabsPerRegion }
    }

    private let lock = TmemLock()
    // Guarded by `lock`.
    private var regions: [Int: Region] = [:]
    /// Regions with a slab to give.
    private var open: [Int: Region] = [:]
    /// Empty regions kept for reuse, most recently emptied last.
    private var spare: [Region] = []

    /// Regions in use and regions kept empty, for tests and figures.
    var mapped: (used: Int, spare: Int) { lock.withLock { (regions.count, spare.count) } }

    deinit {
        for r in regions.values { Self.unmap(r.base) }
        for r in spare { Self.unmap(r.base) }
    }

    func take() -> UnsafeMutableRawPointer {
        lock.withLock {
            let r: Region
            if let (_, o) = open.first { r = o }
            else {
                r = spare.popLast() ?? Region(base: Self.map())
                regions[Int(bitPattern: r.base)] = r
                open[Int(bitPattern: r.base)] = r
            }
            let slab: UnsafeMutableRawPointer
            if let f = r.free.popLast() { slab = f }
            else { slab = r.base + r.bumped * TmemArena.slabSize; r.bumped += 1 }
            r.used += 1
            if r.full { open[Int(bitPattern: r.base)] = nil }
            return slab
        }
    }

    func release(_ slab: UnsafeMutableRawPointer) {
        lock.withLock {
            let key = Int(bitPattern: slab) & ~(Self.regionSize - 1)
            guard let r = regions[key] else { preconditionFailure("tmem slab source: foreign slab \(slab)") }
            r.free.append(slab)
            r.used -= 1
            open[key] = r
            guard r.used == 0 else { return }
            regions[key] = nil
            open[key] = nil
            r.free.removeAll()
            r.bumped = 0
            if (spare.count + 1) * Self.regionSize > Self.retainedLimit {
                Self.unmap(r.base)
            } else {
                #if canImport(Glibc)
                _ = madvise(r.base, Self.regionSize, MADV_FREE)
                #endif
                spare.append(r)
            }
        }
    }

    /// A fresh region aligned to its size: map twice the size and cut off the slack on both sides.
    private static func map() -> UnsafeMutableRawPointer {
        let length = 2 * regionSize
        guard let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else {
            fatalError("tmem arena: mmap of \(length) bytes failed: \(String(cString: strerror(errno)))")
        }
        let start = Int(bitPattern: raw), aligned = (start + regionSize - 1) & ~(regionSize - 1)
        if aligned > start { munmap(raw, aligned - start) }
        let tail = start + length - (aligned + regionSize)
        if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + regionSize), tail) }
        let base = UnsafeMutableRawPointer(bitPattern: aligned)!
        #if canImport(Glibc)
        _ = madvise(base, regionSize, MADV_HUGEPAGE)     // advice only: without huge pages, 4 KiB faults as before
        #endif
        return base
    }

    private static func unmap(_ base: UnsafeMutableRawPointer) { munmap(base, regionSize) }
}
