/// tmem pool identifiers are 32-bit, as in the kernel; cleancache hands them to filesystems as `int`.
public typealias TmemPoolID = Int32

/// How a pool treats its pages (tmem's pool flags PERSIST and SHARED).
public struct TmemPoolKind: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Persistent pages stay until invalidated (frontswap); ephemeral ones may vanish any time (cleancache).
    public var persistent: Bool
    /// A shared pool is addressed by several clients under one UUID; its gets do not remove the page.
    public var shared: Bool

    public init(persistent: Bool, shared: Bool = false) {
        self.persistent = persistent
        self.shared = shared
    }

    public static let privateEphemeral = TmemPoolKind(persistent: false)
    public static let sharedEphemeral = TmemPoolKind(persistent: false, shared: true)
    public static let privatePersistent = TmemPoolKind(persistent: true)

    public var description: String { (shared ? "shared " : "private ") + (persistent ? "persistent" : "ephemeral") }
}

/// What a page key points at inside a pool.
enum TmemSlot {
    /// A page whose 512 words all equal this value: kept as the word only, no pool memory.
    case filled(UInt64)
    /// A page kept in the pool's allocator; the entry may be shared by several keys (deduplication).
    case stored(Int)
}

/// One kept copy: where its bytes are (a slot of the pool's arena), its allocator handle and every key that
/// refers to it.
struct TmemEntry {
    var bytes: UnsafeMutableRawPointer
    var length: Int
    var handle: UInt64
    var hash: UInt64
    /// True when the bytes are the page itself (a page that did not compress, zswap policy).
    var raw: Bool
    var owners: Owners
    /// The next entry with the same content hash (deduplication candidates are chained through the entries
    /// themselves, so indexing a new page allocates nothing).
    var nextSameHash: Int = -1

    /// Most entries have one owner; deduplicated ones get a set, so dropping one reference stays cheap.
    enum Owners {
        case one(TmemPageKey)
        case many(Set<TmemPageKey>)

        var count: Int {
            switch self {
            case .one: return 1
            case .many(let s): return s.count
            }
        }

        var all: [TmemPageKey] {
            switch self {
            case .one(let k): return [k]
            case .many(let s): return Array(s)
            }
        }

        mutating func insert(_ k: TmemPageKey) {
            switch self {
            case .one(let first): self = .many([first, k])
            case .many(var s):
                self = .one(k)      // drop the set's reference before mutating, so it is not copied
                s.insert(k)
                self = .many(s)
            }
        }

        /// Returns true when no owner is left.
        mutating func remove(_ k: TmemPageKey) -> Bool {
            switch self {
            case .one(let only):
                precondition(only == k, "tmem: entry owner mismatch")
                return true
            case .many(var s):
                self = .one(k)
                s.remove(k)
                if s.count == 1 { self = .one(s.first!) } else { self = .many(s) }
                return s.isEmpty
            }
        }
    }
}

/// One pool's state. Touched under `lock` while the store's table lock is held shared, and freely while it is
/// held exclusive (then no other thread is inside any pool).
final class TmemPoolState {
    let lock = TmemLock()
    let arena: TmemArena
    /// This pool's share of the store's counters (the footprint fields with maxima are kept store-wide).
    var counters = TmemCounters()
    let id: TmemPoolID
    let kind: TmemPoolKind
    let uuid: [UInt8]?
    let allocator: any PageAllocator
    /// The same allocator when it can reclaim frames (zbud), cast once here rather than on every put.
    let evicting: (any EvictingPageAllocator)?
    var memlimitPages: Int?
    /// Clients holding a shared pool (each init_shared_fs of its UUID); private pools have one.
    var clients = 1

    var objects: [TmemObjectID: [UInt32: TmemSlot]] = [:]
    var entries = TmemEntryTable()
    /// Allocator handle -> entry, needed only to turn an evicted frame back into keys (ephemeral pools).
    var entryByHandle: [UInt64: Int] = [:]
    /// Content hash of the compressed bytes -> first entry with that hash (candidates; bytes decide).
    var dedupIndex: [UInt64: Int] = [:]

    // Per-pool figures, kept exact as entries come and go.
    var storedPages = 0
    var zbytes = 0
    var pages: Int { allocator.totalPages }

    init(id: TmemPoolID, kind: TmemPoolKind, uuid: [UInt8]?, allocator: any PageAllocator, memlimitPages: Int?) {
        self.arena = TmemArena()
        self.id = id
        self.kind = kind
        self.uuid = uuid
        self.allocator = allocator
        self.evicting = allocator as? any EvictingPageAllocator
        self.memlimitPages = memlimitPages
    }

    func slot(_ key: TmemPageKey) -> TmemSlot? { objects[key.object]?[key.index] }
}

/// Entries in a slab: ids are slot numbers, reused after removal; no hashing on the put path.
struct TmemEntryTable {
    private var slots: [TmemEntry?] = []
    private var freeSlots: [Int] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(id: Int) -> TmemEntry {
        get { slots[id]! }
        _modify { yield &slots[id]! }
    }

    mutating func insert(_ e: TmemEntry) -> Int {
        count += 1
        if let id = freeSlots.popLast() {
            slots[id] = e
            return id
        }
        slots.append(e)
        return slots.count - 1
    }

    @discardableResult
    mutating func remove(_ id: Int) -> TmemEntry {
        let e = slots[id]!
        slots[id] = nil
        freeSlots.append(id)
        count -= 1
        return e
    }
}

/// A pool as the outside sees it.
public struct TmemPoolStats: Codable, Sendable, Equatable {
    public var poolId: TmemPoolID
    public var persistent: Bool
    public var shared: Bool
    public var objects: Int
    public var storedPages: Int
    public var zpages: Int
    public var zbytes: Int
    public var poolPages: Int
    public var memlimit: Int?
}
