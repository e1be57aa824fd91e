/// Where a pool's compressed pages live, seen only through its page-frame accounting. Both tmem allocators fit
/// this shape: zbud (ephemeral pages, two per frame) and zsmalloc (persistent pages, size classes over zspages).
///
/// `pagesNeeded(forAllocating:)` answers *before* allocating, so the store can make room or refuse first and
/// never holds more than its memlimit, not even for the duration of one put.
public protocol PageAllocator: AnyObject {
    /// Largest object this allocator accepts (bytes).
    var maxObjectSize: Int { get }
    /// Page frames currently held (what the memlimit counts).
    var totalPages: Int { get }
    /// How many page frames `allocate(size)` would add right now (0 when it fits into frames already held).
    func pagesNeeded(forAllocating size: Int) -> Int
    /// Places an object of `size` bytes; nil when the size is not storable here.
    func allocate(_ size: Int) -> UInt64?
    /// Releases an object; frames that become empty are given back at once.
    func free(_ handle: UInt64)
}

/// An allocator whose frames can be reclaimed whole, oldest first (zbud's LRU of page frames).
public protocol EvictingPageAllocator: PageAllocator {
    /// Recency stamp of the least recently used frame, nil when no frame is held. Stamps come from the store's
    /// clock, so frames of different pools compare.
    var oldestFrameStamp: UInt64? { get }
    /// Clock value the next allocation stamps its frame with.
    var clock: UInt64 { get set }
    /// Frees the least recently used frame and returns the handles of the objects that were in it.
    func evictOldestFrame() -> [UInt64]
}
