#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a pool keeps its compressed bytes: slabs of 64 KiB, each cut into equal slots of one size class
/// (multiples of 64 bytes), so a stored page costs no heap allocation of its own and no page fault once the slab
/// is warm. A slab whose slots are all free goes back to the heap at once, so the arena holds what the pool
/// holds plus at most one partly used slab per class. Not thread-safe: the owning pool's lock guards it.
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

    static func sizeClass(_ length: Int) -> Int { (length + granule - 1) / granule }

    deinit {
        for s in all { heapFree(s) }
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
            heapFree(UnsafeMutableRawPointer(h))
            return
        }
        slot.storeBytes(of: h.pointee.free, as: UnsafeMutableRawPointer?.self)
        h.pointee.free = slot
        if wasFull { link(h) }
    }

    private func newSlab(_ c: Int) -> UnsafeMutablePointer<Header> {
        var raw: UnsafeMutableRawPointer? = nil
        // Aligned to its size, so a slot finds its header by masking its address.
        guard posix_memalign(&raw, Self.slabSize, Self.slabSize) == 0, let raw else {
            fatalError("tmem arena: out of memory")
        }
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

/// The C library's free, named apart from the arena's own `free`.
private func heapFree(_ p: UnsafeMutableRawPointer) { free(p) }
