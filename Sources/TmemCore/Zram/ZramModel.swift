/// How zram stored one page (Linux 6.18 `zram_write_page`).
public enum ZramStored: Equatable, Sendable {
    /// ZRAM_SAME: only the word is kept, no compression, no pool memory.
    case sameFilled(fill: UInt64)
    /// A zsmalloc object of `length` bytes (class of length + 8).
    case compressed(length: Int)
    /// comp_len ≥ huge_class_size: the raw page in a one-page zspage (ZRAM_HUGE).
    case huge(compressedLength: Int)
    /// ZRAM_WB: written back to the backing device (CONFIG_ZRAM_WRITEBACK).
    case writtenBack
}

/// Why a write failed, as the writer sees it.
public enum ZramWriteError: Error, Equatable, Sendable {
    /// The pool exceeded mem_limit after allocating the object: ENOMEM (the bio fails with an I/O error).
    case memLimit
    /// The page index is past disksize: the block layer refuses the bio (EIO).
    case outOfRange(index: Int)
    /// The page needs compressing but no compressed length was given.
    case missingCompressedLength
}

/// The counters of one fresh zram device as page writes and discards happen to it, field for field what
/// `/sys/block/zramN/mm_stat` reads (docs/kernel-notes.md#zram-write-accounting), with zsmalloc's pool modelled object by object (#zsmalloc-pool-pages).
///
/// Write order on Linux 6.18 (with the stable fix "zram: fix slot write race condition"): a same-filled page
/// frees the slot's old contents and becomes ZRAM_SAME; any other page is compressed, its object allocated, the
/// pool's page count raises max_used_pages and is checked against mem_limit (ENOMEM frees the new object and keeps
/// the old contents), and only then is the slot's old object freed.
public struct ZramModel: Sendable {
    public let classTable: ZsmallocClassTable
    /// Pages with comp_len ≥ this are stored raw; zsmalloc's `huge_class_size` unless overridden.
    public let hugeClassSize: Int
    /// disksize / 4096 (the device's slots); nil = unbounded.
    public let slotCount: Int?

    public internal(set) var pool: ZsmallocPool
    /// mem_limit in pages (PAGE_ALIGN(bytes) >> PAGE_SHIFT); 0 = no limit. Changeable at runtime, like the file.
    public var limitPages: Int
    public private(set) var maxUsedPages = 0
    public private(set) var pagesStored = 0
    public internal(set) var comprDataSize = 0
    public private(set) var samePages = 0
    public internal(set) var hugePages = 0
    public private(set) var hugePagesSince = 0
    /// io_stat's failed_writes and notify_free.
    public internal(set) var failedWrites = 0
    public internal(set) var notifyFree = 0
    /// bd_stat (CONFIG_ZRAM_WRITEBACK): blocks on the backing device now, pages read from it, pages written.
    public internal(set) var bdCount = 0
    public internal(set) var bdReads = 0
    public internal(set) var bdWrites = 0
    /// Usable blocks of the backing device (its pages minus block 0, which zram never uses); nil = unbounded.
    public var backingBlocks: Int?

    enum Slot: Sendable {
        case same(UInt64)
        case object(ZsmallocHandle, size: Int32, huge: Bool)
        /// ZRAM_WB: the page is on the backing device; no pool memory.
        case writtenBack
    }
    /// Indexed by page index, grown on demand (page indices are dense in every workload we model).
    var slots: [Slot?] = []
    /// ZRAM_IDLE per slot (set by `idle`, cleared by any access and when the slot is freed); same length as slots.
    var idle: [Bool] = []

    /// A fresh device. `chainSize` is CONFIG_ZSMALLOC_CHAIN_SIZE (8 by default since 6.3); `memLimit` in bytes.
    public init(chainSize: Int = 8, hugeClassSize: Int? = nil, memLimit: UInt64 = 0, disksize: UInt64? = nil) {
        self.init(classTable: ZsmallocClassTable(chainSize: chainSize), hugeClassSize: hugeClassSize,
                  memLimit: memLimit, disksize: disksize)
    }

    public init(classTable: ZsmallocClassTable, hugeClassSize: Int? = nil, memLimit: UInt64 = 0,
                disksize: UInt64? = nil) {
        self.classTable = classTable
        self.hugeClassSize = hugeClassSize ?? classTable.hugeClassSize
        self.pool = ZsmallocPool(table: classTable)
        self.limitPages = Self.pages(forLimit: memLimit)
        self.slotCount = disksize.map { Int(($0 + UInt64(pageSize) - 1) / UInt64(pageSize)) }
    }

    /// Room for `pages` slots and objects, taken once: a model fed a whole corpus page by page then never holds
    /// a growing table and its copy at once (the peak of doubling). Untouched capacity costs no resident memory.
    public mutating func reserveSlots(_ pages: Int) {
        slots.reserveCapacity(pages)
        idle.reserveCapacity(pages)
        pool.reserveHandles(pages)
    }

    /// The mem_limit file's rounding: PAGE_ALIGN(bytes) >> PAGE_SHIFT.
    public static func pages(forLimit bytes: UInt64) -> Int {
        Int((bytes + UInt64(pageSize) - 1) / UInt64(pageSize))
    }

    public var memLimit: UInt64 {
        get { UInt64(limitPages) * UInt64(pageSize) }
        set { limitPages = Self.pages(forLimit: newValue) }
    }

    // MARK: operations

    /// Writes one page (already classified and, unless same-filled, compressed) to slot `index`.
    @discardableResult
    public mutating func write(index: Int, _ content: PageContent) -> Result<ZramStored, ZramWriteError> {
        if let count = slotCount, index < 0 || index >= count {
            return .failure(.outOfRange(index: index))
        }
        if let fill = content.fill {
            freeSlot(index)
            setSlot(index, .same(fill))
            samePages += 1
            pagesStored += 1
            return .success(.sameFilled(fill: fill))
        }
        guard let length = content.compressedLength else {
            failedWrites += 1
            return .failure(.missingCompressedLength)
        }
        let huge = length >= hugeClassSize
        let objectSize = huge ? pageSize : length
        // zs_malloc cannot fail here: objectSize is 1...4096 (a non-huge length is below huge_class_size ≤ 4096).
        let handle = try! pool.malloc(max(objectSize, 1))
        maxUsedPages = max(maxUsedPages, pool.totalPages)
        if limitPages != 0 && pool.totalPages > limitPages {
            pool.free(handle)
            failedWrites += 1
            return .failure(.memLimit)
        }
        freeSlot(index)
        setSlot(index, .object(handle, size: Int32(objectSize), huge: huge))
        comprDataSize += objectSize
        pagesStored += 1
        if huge {
            hugePages += 1
            hugePagesSince += 1
            return .success(.huge(compressedLength: length))
        }
        return .success(.compressed(length: length))
    }

    /// Discard (BLKDISCARD / REQ_OP_DISCARD) or swap-slot free of one whole page: the slot is freed;
    /// notify_free counts every page processed, even an empty one.
    public mutating func discard(index: Int) {
        freeSlot(index)
        notifyFree += 1
    }

    public mutating func discard<R: Sequence>(indices: R) where R.Element == Int {
        for i in indices { discard(index: i) }
    }

    /// Writing `compact`: zs_compact; pages_compacted grows by what it frees.
    @discardableResult
    public mutating func compact() -> Int {
        pool.compact()
    }

    /// Writing `0` to `mem_used_max`: max_used_pages becomes the pool's current size.
    public mutating func resetMemUsedMax() {
        maxUsedPages = pool.totalPages
    }

    /// What the slot holds now, for tests and tools.
    public func stored(at index: Int) -> ZramStored? {
        guard index >= 0 && index < slots.count else { return nil }
        switch slots[index] {
        case nil: return nil
        case .same(let fill): return .sameFilled(fill: fill)
        case .object(_, let size, let huge):
            return huge ? .huge(compressedLength: Int(size)) : .compressed(length: Int(size))
        case .writtenBack: return .writtenBack
        }
    }

    /// `zram_free_page`.
    mutating func freeSlot(_ index: Int) {
        guard index >= 0 && index < slots.count, let slot = slots[index] else { return }
        slots[index] = nil
        idle[index] = false
        switch slot {
        case .same:
            samePages -= 1
        case .object(let handle, let size, let huge):
            pool.free(handle)
            comprDataSize -= Int(size)
            if huge { hugePages -= 1 }
        case .writtenBack:
            bdCount -= 1
        }
        pagesStored -= 1
    }

    mutating func setSlot(_ index: Int, _ slot: Slot) {
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
            idle.append(contentsOf: repeatElement(false, count: slots.count - idle.count))
        }
        slots[index] = slot
    }

    // MARK: mm_stat

    public var mmStat: MMStat {
        let page = UInt64(pageSize)
        return MMStat(origDataSize: UInt64(pagesStored) * page, comprDataSize: UInt64(comprDataSize),
                      memUsedTotal: pool.totalBytes, memLimit: UInt64(limitPages) * page,
                      memUsedMax: UInt64(maxUsedPages) * page, samePages: UInt64(samePages),
                      pagesCompacted: UInt64(pool.pagesCompacted), hugePages: UInt64(hugePages),
                      hugePagesSince: UInt64(hugePagesSince))
    }
}
