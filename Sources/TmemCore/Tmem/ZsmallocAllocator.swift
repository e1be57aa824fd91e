/// The project's zsmalloc model (Zsmalloc/ZsmallocPool) seen as a tmem page allocator, for persistent pools.
///
/// `pagesNeeded` must know, before allocating, whether the request's size class has a zspage with a free slot.
/// The pool does not expose its per-class slot counts, so the adapter keeps them itself: a malloc that grows
/// `totalPages` created one zspage of that class (adding its slots); a free that shrinks it destroyed one. The
/// model is never compacted here, so these are the only ways slots appear and disappear.
public final class ZsmallocAllocator: PageAllocator {
    public private(set) var pool: ZsmallocPool
    private var slots: [Int]
    private var used: [Int]
    private var classOf: [Int32: Int] = [:]

    public init(chainSize: Int = 8) {
        pool = ZsmallocPool(chainSize: chainSize)
        slots = Array(repeating: 0, count: pool.table.classes.count)
        used = slots
    }

    public var maxObjectSize: Int { ZsmallocClassTable.maxAllocSize }
    public var totalPages: Int { pool.totalPages }

    public func pagesNeeded(forAllocating size: Int) -> Int {
        guard size > 0, size <= maxObjectSize else { return 0 }
        let position = pool.table.position(forRequest: size)
        return slots[position] > used[position] ? 0 : pool.table.classes[position].pagesPerZspage
    }

    public func allocate(_ size: Int) -> UInt64? {
        let before = pool.totalPages
        guard let handle = try? pool.malloc(size) else { return nil }
        let position = pool.table.position(forRequest: size)
        if pool.totalPages > before { slots[position] += pool.table.classes[position].objectsPerZspage }
        used[position] += 1
        classOf[handle.rawValue] = position
        return UInt64(handle.rawValue)
    }

    public func free(_ handle: UInt64) {
        let raw = Int32(handle)
        guard let position = classOf.removeValue(forKey: raw) else { preconditionFailure("zsmalloc: unknown handle") }
        let before = pool.totalPages
        pool.free(ZsmallocHandle(rawValue: raw))
        used[position] -= 1
        if pool.totalPages < before { slots[position] -= pool.table.classes[position].objectsPerZspage }
    }
}
