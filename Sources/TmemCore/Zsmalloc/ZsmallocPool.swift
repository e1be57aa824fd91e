/// Why `zs_malloc` refused a request.
public enum ZsmallocError: Error, Equatable, Sendable {
    /// size 0: EINVAL.
    case zeroSize
    /// size > 4096: ENOSPC.
    case tooLarge(Int)
}

/// An allocated object, as zs_malloc's handle. Handles are reused after `free`, like the kernel's slab handles.
public struct ZsmallocHandle: Hashable, Sendable {
    public let rawValue: Int32
}

/// zsmalloc's page accounting, object by object (Linux 6.18 `mm/zsmalloc.c`, docs/kernel-notes.md#zsmalloc-object-placement, #zsmalloc-pool-pages).
///
/// What it reproduces, because pool pages after frees depend on it: zspages per class sorted into fullness groups
/// (0, 10%, …, 99%, 100%) with new and regrouped zspages added at the head of their group; a new object goes to
/// the first zspage of the fullest non-full group, a zspage is allocated only when there is none, and freed the
/// moment it becomes empty; each zspage hands out slots from a LIFO free list that starts 0, 1, 2, …; compaction
/// walks classes from the largest, moving objects in slot order from the emptiest zspage into the fullest.
/// Not modelled: deferred frees when a page lock is contended (page migration), and lock contention in
/// compaction; neither happens with a single writer.
public struct ZsmallocPool: Sendable {
    public let table: ZsmallocClassTable

    /// `pool->pages_allocated`: pages of all live zspages (mem_used_total / 4096).
    public private(set) var totalPages = 0
    /// `pool->stats.pages_compacted`: pages freed by compaction since creation.
    public private(set) var pagesCompacted = 0
    public private(set) var objectCount = 0

    static let groupCount = 12          // ZS_INUSE_RATIO_0, _10 ... _99, _100
    static let fullGroup = 11
    static let none: Int32 = -1

    private struct Zspage {
        var classPosition: Int32
        var inuse: Int32
        var group: Int8
        var prev: Int32
        var next: Int32
        var freeHead: Int32
        var objects: Int32              // slots: the class's objects per zspage
        var slotBase: Int32             // its slots in slotNext/slotOwner: slotBase ..< slotBase + objects
    }

    private struct ClassState {
        var heads = [Int32](repeating: ZsmallocPool.none, count: ZsmallocPool.groupCount)
        var allocatedObjects = 0        // ZS_OBJS_ALLOCATED
        var usedObjects = 0             // ZS_OBJS_INUSE
    }

    private var zspages: [Zspage] = []
    private var freeZspageIDs: [Int32] = []
    // Every zspage's slots in two pool-wide tables rather than two arrays per zspage: a huge-class zspage holds
    // one object, and two heap arrays for it cost ~170 bytes per stored page (the model's memory on a 4 GiB
    // corpus). A destroyed zspage's range is reused by the next zspage of the same class (same slot count).
    private var slotNext: [Int32] = []          // free-list link per slot
    private var slotOwner: [Int32] = []         // handle in each slot, or none
    private var freeSlotRanges: [[Int32]]       // per class position: bases of unused ranges
    private var classStates: [ClassState]
    private var handleZspage: [Int32] = []
    private var handleSlot: [Int32] = []
    private var freeHandles: [Int32] = []

    public init(table: ZsmallocClassTable) {
        self.table = table
        self.classStates = Array(repeating: ClassState(), count: table.classes.count)
        self.freeSlotRanges = Array(repeating: [], count: table.classes.count)
    }

    public init(chainSize: Int = 8) {
        self.init(table: ZsmallocClassTable(chainSize: chainSize))
    }

    /// Room for `n` handles, and their slots and zspages, without regrowing the tables: a doubling table holds its
    /// old copy and the new one at once. Capacity never touched costs no resident memory.
    public mutating func reserveHandles(_ n: Int) {
        handleZspage.reserveCapacity(n)
        handleSlot.reserveCapacity(n)
        // Slots: one per object, plus the free slots of the partly filled zspage of each class when pages are only
        // written (frees can leave more; the tables then grow as before).
        let slack = table.classes.reduce(0) { $0 + $1.objectsPerZspage }
        slotNext.reserveCapacity(n + slack)
        slotOwner.reserveCapacity(n + slack)
        zspages.reserveCapacity(n)
    }

    public var totalBytes: UInt64 { UInt64(totalPages) * UInt64(pageSize) }

    // MARK: allocation

    /// `zs_malloc(size)`.
    public mutating func malloc(_ size: Int) throws(ZsmallocError) -> ZsmallocHandle {
        guard size > 0 else { throw .zeroSize }
        guard size <= ZsmallocClassTable.maxAllocSize else { throw .tooLarge(size) }
        let position = table.position(forRequest: size)
        let handle = newHandle()
        var zspage = firstNonFullZspage(position)
        if zspage == Self.none {
            zspage = allocateZspage(position)
            placeObject(handle, in: zspage)
            insert(zspage, group: group(of: zspage), position: position)
        } else {
            placeObject(handle, in: zspage)
            regroup(zspage, position: position)
        }
        classStates[position].usedObjects += 1
        objectCount += 1
        return handle
    }

    /// `zs_free(handle)`.
    public mutating func free(_ handle: ZsmallocHandle) {
        let h = Int(handle.rawValue)
        let zspage = handleZspage[h]
        precondition(zspage != Self.none, "double free of zsmalloc handle \(h)")
        let position = Int(zspages[Int(zspage)].classPosition)
        releaseSlot(of: h)
        classStates[position].usedObjects -= 1
        objectCount -= 1
        handleZspage[h] = Self.none
        freeHandles.append(handle.rawValue)
        if regroup(zspage, position: position) == 0 {
            remove(zspage, position: position)
            destroyZspage(zspage, position: position)
        }
    }

    /// The class an object lives in.
    public func sizeClass(of handle: ZsmallocHandle) -> ZsmallocSizeClass {
        let zspage = handleZspage[Int(handle.rawValue)]
        return table.classes[Int(zspages[Int(zspage)].classPosition)]
    }

    // MARK: compaction

    /// `zs_can_compact` summed over classes: pages compaction could free (what the shrinker counts).
    public var compactablePages: Int {
        classStates.indices.reduce(0) { $0 + canCompact($1) }
    }

    /// `zs_compact`: compacts every class, largest first; returns the pages freed and adds them to pagesCompacted.
    @discardableResult
    public mutating func compact() -> Int {
        var freed = 0
        for position in stride(from: classStates.count - 1, through: 0, by: -1) {
            freed += compactClass(position)
        }
        pagesCompacted += freed
        return freed
    }

    private func canCompact(_ position: Int) -> Int {
        let state = classStates[position]
        guard state.allocatedObjects > state.usedObjects else { return 0 }
        let cls = table.classes[position]
        return (state.allocatedObjects - state.usedObjects) / cls.objectsPerZspage * cls.pagesPerZspage
    }

    private mutating func compactClass(_ position: Int) -> Int {
        let pages = table.classes[position].pagesPerZspage
        var freed = 0
        var destination = Self.none
        while canCompact(position) > 0 {
            if destination == Self.none {
                destination = isolate(position, groups: stride(from: 10, through: 1, by: -1))
                if destination == Self.none { break }
            }
            let source = isolate(position, groups: stride(from: 1, through: 10, by: 1))
            if source == Self.none { break }
            migrate(from: source, to: destination)
            let sourceGroup = group(of: source)
            insert(source, group: sourceGroup, position: position)
            if sourceGroup == 0 {
                remove(source, position: position)
                destroyZspage(source, position: position)
                freed += pages
            }
            if group(of: destination) == Self.fullGroup {
                insert(destination, group: Self.fullGroup, position: position)
                destination = Self.none
            }
        }
        if destination != Self.none {
            insert(destination, group: group(of: destination), position: position)
        }
        return freed
    }

    /// Takes the first zspage of the first non-empty group in `groups` off its list.
    private mutating func isolate(_ position: Int, groups: StrideThrough<Int>) -> Int32 {
        for g in groups {
            let head = classStates[position].heads[g]
            if head != Self.none {
                remove(head, position: position)
                return head
            }
        }
        return Self.none
    }

    /// `migrate_zspage`: moves objects in slot order until the destination is full or the source empty.
    private mutating func migrate(from source: Int32, to destination: Int32) {
        let slots = Int(zspages[Int(source)].objects)
        let base = Int(zspages[Int(source)].slotBase)
        for slot in 0..<slots {
            let owner = slotOwner[base + slot]
            if owner == Self.none { continue }
            placeObject(owner, in: destination)
            freeSlot(Int32(slot), in: source)
            if zspages[Int(destination)].inuse == Int32(slots) { break }
            if zspages[Int(source)].inuse == 0 { break }
        }
    }

    // MARK: zspages and lists

    private func group(of zspage: Int32) -> Int {
        let z = zspages[Int(zspage)]
        let objects = z.objects
        if z.inuse == 0 { return 0 }
        if z.inuse == objects { return Self.fullGroup }
        return Int(100 * z.inuse / objects) / 10 + 1
    }

    private func firstNonFullZspage(_ position: Int) -> Int32 {
        let heads = classStates[position].heads
        for g in stride(from: 10, through: 0, by: -1) where heads[g] != Self.none {
            return heads[g]
        }
        return Self.none
    }

    /// `fix_fullness_group`: moves the zspage to the head of its new group if the group changed.
    @discardableResult
    private mutating func regroup(_ zspage: Int32, position: Int) -> Int {
        let newGroup = group(of: zspage)
        if newGroup != Int(zspages[Int(zspage)].group) {
            remove(zspage, position: position)
            insert(zspage, group: newGroup, position: position)
        }
        return newGroup
    }

    private mutating func insert(_ zspage: Int32, group: Int, position: Int) {
        let head = classStates[position].heads[group]
        zspages[Int(zspage)].group = Int8(group)
        zspages[Int(zspage)].prev = Self.none
        zspages[Int(zspage)].next = head
        if head != Self.none { zspages[Int(head)].prev = zspage }
        classStates[position].heads[group] = zspage
    }

    private mutating func remove(_ zspage: Int32, position: Int) {
        let z = zspages[Int(zspage)]
        if z.prev != Self.none {
            zspages[Int(z.prev)].next = z.next
        } else {
            classStates[position].heads[Int(z.group)] = z.next
        }
        if z.next != Self.none { zspages[Int(z.next)].prev = z.prev }
        zspages[Int(zspage)].prev = Self.none
        zspages[Int(zspage)].next = Self.none
    }

    private mutating func allocateZspage(_ position: Int) -> Int32 {
        let cls = table.classes[position]
        let n = cls.objectsPerZspage
        let base: Int
        if let reused = freeSlotRanges[position].popLast() {
            base = Int(reused)
        } else {
            base = slotNext.count
            slotNext.append(contentsOf: repeatElement(Self.none, count: n))
            slotOwner.append(contentsOf: repeatElement(Self.none, count: n))
        }
        // init_zspage links the free objects in order: 0 → 1 → … → n−1.
        for i in 0..<n {
            slotNext[base + i] = i + 1 < n ? Int32(i + 1) : Self.none
            slotOwner[base + i] = Self.none
        }
        let zspage = Zspage(classPosition: Int32(position), inuse: 0, group: 0, prev: Self.none, next: Self.none,
                            freeHead: 0, objects: Int32(n), slotBase: Int32(base))
        let id: Int32
        if let reused = freeZspageIDs.popLast() {
            id = reused
            zspages[Int(id)] = zspage
        } else {
            id = Int32(zspages.count)
            zspages.append(zspage)
        }
        totalPages += cls.pagesPerZspage
        classStates[position].allocatedObjects += n
        return id
    }

    private mutating func destroyZspage(_ zspage: Int32, position: Int) {
        let cls = table.classes[position]
        totalPages -= cls.pagesPerZspage
        classStates[position].allocatedObjects -= cls.objectsPerZspage
        freeSlotRanges[position].append(zspages[Int(zspage)].slotBase)
        freeZspageIDs.append(zspage)
    }

    // MARK: slots and handles

    private mutating func newHandle() -> ZsmallocHandle {
        if let h = freeHandles.popLast() { return ZsmallocHandle(rawValue: h) }
        handleZspage.append(Self.none)
        handleSlot.append(Self.none)
        return ZsmallocHandle(rawValue: Int32(handleZspage.count - 1))
    }

    /// `obj_malloc`: the head of the zspage's free list.
    private mutating func placeObject(_ handle: ZsmallocHandle, in zspage: Int32) {
        placeObject(handle.rawValue, in: zspage)
    }

    private mutating func placeObject(_ handle: Int32, in zspage: Int32) {
        let z = Int(zspage)
        let slot = zspages[z].freeHead
        precondition(slot != Self.none, "obj_malloc on a full zspage")
        let base = Int(zspages[z].slotBase)
        zspages[z].freeHead = slotNext[base + Int(slot)]
        slotOwner[base + Int(slot)] = handle
        zspages[z].inuse += 1
        handleZspage[Int(handle)] = zspage
        handleSlot[Int(handle)] = slot
    }

    private mutating func releaseSlot(of handle: Int) {
        freeSlot(handleSlot[handle], in: handleZspage[handle])
    }

    /// `obj_free`: the slot goes to the head of the free list.
    private mutating func freeSlot(_ slot: Int32, in zspage: Int32) {
        let z = Int(zspage)
        let base = Int(zspages[z].slotBase)
        slotOwner[base + Int(slot)] = Self.none
        slotNext[base + Int(slot)] = zspages[z].freeHead
        zspages[z].freeHead = slot
        zspages[z].inuse -= 1
    }
}
