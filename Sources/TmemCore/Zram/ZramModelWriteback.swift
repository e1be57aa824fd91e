/// Why a writeback step failed, as the kernel's `writeback` write would.
public enum ZramWritebackError: Error, Equatable, Sendable {
    /// The backing device has no free block left (ENOSPC); the `written` pages before it stay written.
    case backingDeviceFull(written: Int)
    /// A page index at or beyond disksize (EINVAL on 6.1, ERANGE from 6.16).
    case outOfRange(index: Int)
}

/// Idle marking, reads and writeback (CONFIG_ZRAM_WRITEBACK), in the kernel's rules for 6.1 to 7.2
/// (docs/kernel-notes.md#zram-writeback-accounting): a written-back slot keeps counting in orig_data_size
/// (pages_stored is decremented by the free and incremented again), its object leaves the pool
/// (compr_data_size, mem_used_total, huge_pages drop; mem_used_max and huge_pages_since keep their values), and
/// it takes one block of the backing device (bd_count, bd_writes). Same-filled and written-back slots are never
/// written back. Without writes in between, which slot goes first does not change any counter, so the model
/// need not follow 6.12's size-ordered selection.
extension ZramModel {
    /// `echo all > idle`. (6.1 marks same-filled and written-back slots too, 6.12 on skip them; neither kind
    /// is ever written back, so the counters cannot tell.)
    public mutating func markAllIdle() {
        for i in slots.indices {
            switch slots[i] {
            case .object?: idle[i] = true
            default: break
            }
        }
    }

    /// An O_DIRECT read of page `index`: the access clears its idle mark; a written-back page comes from the
    /// backing device (bd_reads). Reads of pages never written return zeros and change nothing.
    public mutating func read(index: Int) {
        guard index >= 0 && index < slots.count else { return }
        idle[index] = false
        if case .writtenBack? = slots[index] { bdReads += 1 }
    }

    /// Whether slot `index` is idle now (for tests and tools).
    public func isIdle(_ index: Int) -> Bool { index >= 0 && index < idle.count && idle[index] }

    /// `writeback` with `type`: returns the pages written.
    @discardableResult
    public mutating func writeback(_ type: ZramWritebackType) -> Result<Int, ZramWritebackError> {
        writeback(indices: slots.indices, type: type)
    }

    /// `page_index=N` / `page_indexes=LO-HI`: every page of the range that holds an object, idle or not.
    @discardableResult
    public mutating func writeback<R: Collection>(indices: R, type: ZramWritebackType? = nil) -> Result<Int, ZramWritebackError> where R.Element == Int {
        if let count = slotCount, let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            return .failure(.outOfRange(index: bad))
        }
        var written = 0
        for i in indices where i < slots.count {
            guard case .object(let handle, let size, let huge)? = slots[i] else { continue }
            if let type {
                if type == .incompressible { continue }  // only recompression sets ZRAM_INCOMPRESSIBLE
                if type.needsIdle && !idle[i] { continue }
                if type.needsHuge && !huge { continue }
            }
            if let blocks = backingBlocks, bdCount >= blocks { return .failure(.backingDeviceFull(written: written)) }
            pool.free(handle)
            comprDataSize -= Int(size)
            if huge { hugePages -= 1 }
            slots[i] = .writtenBack
            idle[i] = false
            bdCount += 1
            bdWrites += 1
            written += 1
        }
        return .success(written)
    }

    /// Runs one scenario step.
    @discardableResult
    public mutating func apply(_ step: ZramWritebackStep) -> Result<Int, ZramWritebackError> {
        switch step {
        case .markIdle:
            markAllIdle()
            return .success(0)
        case .read(let r):
            for i in r { read(index: i) }
            return .success(0)
        case .writeback(let t): return writeback(t)
        case .pageIndex(let i): return writeback(indices: CollectionOfOne(i))
        case .pageIndexes(let r): return writeback(indices: r)
        }
    }

    /// zram's bitmap covers the backing device's whole pages and never hands out block 0 (a slot's element 0
    /// means none).
    public static func usableBackingBlocks(bytes: UInt64) -> Int {
        max(0, Int(bytes / UInt64(pageSize)) - 1)
    }

    public var bdStat: BDStat {
        BDStat(bdCount: UInt64(bdCount), bdReads: UInt64(bdReads), bdWrites: UInt64(bdWrites))
    }

    /// io_stat as that era prints it: 6.1 still counts invalid_io (0 here: the model issues no misaligned or
    /// out-of-range I/O), 6.12 on print a placeholder (nil).
    public func ioStat(countsInvalidIo: Bool) -> IOStat {
        IOStat(failedReads: 0, failedWrites: UInt64(failedWrites), invalidIo: countsInvalidIo ? 0 : nil,
               notifyFree: UInt64(notifyFree))
    }
}
