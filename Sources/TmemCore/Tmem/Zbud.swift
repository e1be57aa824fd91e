/// zbud as kztmem and the Linux 3.0 staging zcache used it for ephemeral pages: each 4 KiB page frame holds at
/// most two compressed pages ("buddies"), sized in 64-byte chunks, one packed from the start and one from the
/// end of the frame. The frame's 128-byte header (two buddy headers, list links, lock) leaves 62 chunks, and one
/// buddy may use at most 61 of them: 3904 bytes (docs/kernel-notes.md#zbud-kztmem).
///
/// A new object goes into the unbuddied frame whose existing buddy is the largest that still leaves room (the
/// tightest fit), else into a new frame. Frames are reclaimed whole, least recently used first; a frame counts
/// as used when an object is placed into it.
public final class Zbud: EvictingPageAllocator {
    public static let chunkSize = 64
    public static let frameHeaderSize = 128
    /// Chunks available for data in one frame.
    public static let chunksPerFrame = (pageSize - frameHeaderSize) / chunkSize
    /// Largest buddy, in chunks and bytes.
    public static let maxBuddyChunks = chunksPerFrame - 1
    public static let maxBuddySize = maxBuddyChunks * chunkSize

    public static func chunks(for size: Int) -> Int { (size + chunkSize - 1) / chunkSize }

    private struct Frame {
        var buddy: (Int, Int)     // chunk counts of buddy 0 and 1; 0 = free
        var stamp: UInt64
        var used: Int { buddy.0 + buddy.1 }
        var objects: Int { (buddy.0 > 0 ? 1 : 0) + (buddy.1 > 0 ? 1 : 0) }
    }

    private var frames: [Int: Frame] = [:]
    private var freeFrameIDs: [Int] = []
    private var nextFrameID = 0
    /// Frames holding exactly one buddy, by that buddy's chunk count (kztmem's unbuddied lists).
    private var unbuddied: [Set<Int>] = Array(repeating: [], count: Zbud.chunksPerFrame + 1)
    /// Frames ordered by stamp; stamps are unique, so this is an exact LRU.
    private var lru: [UInt64: Int] = [:]
    private var lruOrder = MinHeap()

    public var clock: UInt64 = 0
    public var maxObjectSize: Int { Zbud.maxBuddySize }
    public var totalPages: Int { frames.count }
    /// Objects currently held, and frames holding two (zbud_buddied_count).
    public private(set) var objectCount = 0
    public var buddiedCount: Int { frames.count - unbuddied.reduce(0) { $0 + $1.count } }

    public init() {}

    // A handle is the frame id times two plus the buddy slot.
    private static func handle(frame: Int, slot: Int) -> UInt64 { UInt64(frame) << 1 | UInt64(slot) }

    private func fittingUnbuddied(_ chunks: Int) -> Int? {
        var used = Zbud.chunksPerFrame - chunks
        while used > 0 {
            if let id = unbuddied[used].first { return id }
            used -= 1
        }
        return nil
    }

    public func pagesNeeded(forAllocating size: Int) -> Int {
        fittingUnbuddied(Zbud.chunks(for: size)) == nil ? 1 : 0
    }

    public func allocate(_ size: Int) -> UInt64? {
        guard size > 0, size <= Zbud.maxBuddySize else { return nil }
        let n = Zbud.chunks(for: size)
        let stamp = clock
        clock &+= 1
        objectCount += 1
        compactLRUIfStale()
        if let id = fittingUnbuddied(n) {
            var f = frames[id]!
            unbuddied[f.used].remove(id)
            lru[f.stamp] = nil
            let slot: Int
            if f.buddy.0 == 0 { f.buddy.0 = n; slot = 0 } else { f.buddy.1 = n; slot = 1 }
            f.stamp = stamp
            frames[id] = f
            lru[stamp] = id
            lruOrder.push(stamp)
            return Zbud.handle(frame: id, slot: slot)
        }
        let id: Int
        if let reused = freeFrameIDs.popLast() { id = reused } else { id = nextFrameID; nextFrameID += 1 }
        frames[id] = Frame(buddy: (n, 0), stamp: stamp)
        unbuddied[n].insert(id)
        lru[stamp] = id
        lruOrder.push(stamp)
        return Zbud.handle(frame: id, slot: 0)
    }

    public func free(_ handle: UInt64) {
        let id = Int(handle >> 1)
        guard var f = frames[id] else { preconditionFailure("zbud: free of a handle in no frame") }
        if f.objects == 1 { unbuddied[f.used].remove(id) }
        if handle & 1 == 0 {
            precondition(f.buddy.0 > 0, "zbud: double free")
            f.buddy.0 = 0
        } else {
            precondition(f.buddy.1 > 0, "zbud: double free")
            f.buddy.1 = 0
        }
        objectCount -= 1
        if f.objects == 0 {
            frames[id] = nil
            lru[f.stamp] = nil
            freeFrameIDs.append(id)
        } else {
            frames[id] = f
            unbuddied[f.used].insert(id)
        }
    }

    /// Re-stamping leaves stale heap entries behind; rebuild when they dominate, so memory stays bounded.
    private func compactLRUIfStale() {
        guard lruOrder.count > 4 * lru.count + 64 else { return }
        lruOrder = MinHeap()
        for s in lru.keys { lruOrder.push(s) }
    }

    public var oldestFrameStamp: UInt64? {
        while let top = lruOrder.peek {
            if lru[top] != nil { return top }
            lruOrder.pop()    // stale: the frame was freed or re-stamped
        }
        return nil
    }

    public func evictOldestFrame() -> [UInt64] {
        guard let stamp = oldestFrameStamp, let id = lru[stamp], let f = frames[id] else { return [] }
        var handles: [UInt64] = []
        if f.buddy.0 > 0 { handles.append(Zbud.handle(frame: id, slot: 0)) }
        if f.buddy.1 > 0 { handles.append(Zbud.handle(frame: id, slot: 1)) }
        for h in handles { free(h) }
        return handles
    }
}

/// A binary min-heap of stamps with lazy deletion (stale entries are skipped by the reader).
struct MinHeap {
    private var items: [UInt64] = []

    var peek: UInt64? { items.first }
    var count: Int { items.count }

    mutating func push(_ v: UInt64) {
        items.append(v)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i)
            i = p
        }
    }

    @discardableResult
    mutating func pop() -> UInt64? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l] < items[m] { m = l }
                if r < items.count && items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}
