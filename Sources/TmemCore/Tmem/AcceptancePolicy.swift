/// Which compressed pages a tmem backend agrees to keep. Each historic backend had its own rule; all of them
/// answer with an honest "no" (the put fails and the kernel keeps the page elsewhere) rather than storing a page
/// that saves too little.
public enum AcceptancePolicy: String, CaseIterable, Codable, Sendable {
    /// Nitin Gupta's 2010 zcache: keep only pages compressing to at most PAGE_SIZE/2 (`zcache_max_page_size`).
    case zcache2010 = "zcache-2010"
    /// kztmem / Linux 3.0-3.4 staging zcache: ephemeral pages up to the zbud maximum (3904 B); persistent pages
    /// up to 7/8 page (`zv_max_zsize`), refused when a page over 5/8 page arrives while the pool's mean stored
    /// size is above 5/8 page (`zv_max_mean_zsize`), and refused once persistent pages exceed 75% of RAM
    /// (`zv_page_count_policy_percent`).
    case kztmem
    /// tmemctl's own: keep every page that costs less than a whole page frame: ephemeral up to the zbud maximum,
    /// persistent while the zsmalloc object (length + 8-byte handle) stays below the 3632-byte class, the largest
    /// that packs more than one object per zspage on chain-8 kernels (docs/kernel-notes.md#zsmalloc-huge-class-size). No mean or page-count
    /// heuristics: the memlimit bounds memory, and deduplication makes repeated pages free.
    case ours
    /// Linux 6.18 zswap, for cross-checks: keep every persistent page; one that does not compress below a page
    /// is stored as-is at PAGE_SIZE (docs/kernel-notes.md#zswap-storing). Ephemeral pages as `ours`.
    case zswap

    public enum Verdict: Equatable, Sendable {
        case accept
        /// Refused for its own compressed length (zcache's compress_poor).
        case compressPoor
        /// Refused by the running-mean rule (zcache's mean_compress_poor).
        case meanCompressPoor
        /// Refused because persistent pages already exceed the share of RAM the policy allows.
        case pageCountPolicy
    }

    /// The kztmem constants (Linux 3.4 zcache-main.c defaults, PAGE_SIZE 4096).
    public static let kztmemMaxPersistentSize = pageSize / 8 * 7       // 3584
    public static let kztmemMaxMeanSize = pageSize / 8 * 5             // 2560
    public static let kztmemPageCountPercent = 75
    /// `ours`: the object plus its 8-byte zsmalloc handle must fit the 3632-byte class.
    public static let oursMaxPersistentSize = 3632 - 8

    /// What the pool looks like when the decision is taken (the kztmem mean and page-count rules need it).
    public struct PoolView: Sendable {
        public var storedPages: Int       // compressed objects held by the pool
        public var poolBytes: Int         // bytes of page frames held by the pool
        public var totalRAMPages: Int?    // the machine's RAM, when known
        public init(storedPages: Int, poolBytes: Int, totalRAMPages: Int?) {
            self.storedPages = storedPages
            self.poolBytes = poolBytes
            self.totalRAMPages = totalRAMPages
        }
    }

    /// The decision for a page of compressed length `length` (0 < length; PAGE_SIZE or more = incompressible).
    public func verdict(length: Int, persistent: Bool, pool: PoolView) -> Verdict {
        switch self {
        case .zcache2010:
            return length <= pageSize / 2 ? .accept : .compressPoor
        case .ours:
            if persistent { return length <= AcceptancePolicy.oursMaxPersistentSize ? .accept : .compressPoor }
            return length <= Zbud.maxBuddySize ? .accept : .compressPoor
        case .zswap:
            if persistent { return .accept }
            return length <= Zbud.maxBuddySize ? .accept : .compressPoor
        case .kztmem:
            guard persistent else { return length <= Zbud.maxBuddySize ? .accept : .compressPoor }
            if let ram = pool.totalRAMPages,
               pool.storedPages > AcceptancePolicy.kztmemPageCountPercent * ram / 100 {
                return .pageCountPolicy
            }
            if length > AcceptancePolicy.kztmemMaxPersistentSize { return .compressPoor }
            if length > AcceptancePolicy.kztmemMaxMeanSize, pool.storedPages > 0,
               pool.poolBytes / pool.storedPages > AcceptancePolicy.kztmemMaxMeanSize {
                return .meanCompressPoor
            }
            return .accept
        }
    }
}
