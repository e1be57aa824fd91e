/// How many 4 KiB pages a zspage of a given object size chains together (docs/kernel-notes.md#zsmalloc-size-classes).
public enum ZsmallocChainRule: Equatable, Sendable {
    /// Linux ≥ 6.3 `calculate_zspage_chain_size`: powers of two get 1 page; otherwise the k in 1...chainSize with
    /// the least tail waste `(k·4096) mod size`, the smallest k on ties. chainSize is CONFIG_ZSMALLOC_CHAIN_SIZE (4...16).
    case leastWaste(chainSize: Int)
    /// Linux ≤ 6.2 `get_pages_per_zspage`: the k in 1...4 with the highest integer used-percentage, smallest k on ties.
    case usagePercent

    /// The default of every kernel since 6.3.
    public static let linuxDefault = ZsmallocChainRule.leastWaste(chainSize: 8)

    public var maxPagesPerZspage: Int {
        switch self {
        case .leastWaste(let chainSize): return chainSize
        case .usagePercent: return 4
        }
    }

    func pages(forClassSize size: Int) -> Int {
        switch self {
        case .leastWaste(let chainSize):
            if size & (size - 1) == 0 { return 1 }
            var best = 1
            var bestWaste = Int.max
            for k in 1...chainSize {
                let waste = (k * pageSize) % size
                if waste < bestWaste {
                    bestWaste = waste
                    best = k
                }
            }
            return best
        case .usagePercent:
            var best = 1
            var bestUsed = 0
            for k in 1...4 {
                let span = k * pageSize
                let used = (span - span % size) * 100 / span
                if used > bestUsed {
                    bestUsed = used
                    best = k
                }
            }
            return best
        }
    }
}

/// One distinct zsmalloc size class after merging: objects of `size` bytes, `objectsPerZspage` of them in a zspage
/// of `pagesPerZspage` pages. `index` is the kernel's class index (the largest index of its merged run).
public struct ZsmallocSizeClass: Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let size: Int
    public let pagesPerZspage: Int
    public let objectsPerZspage: Int

    /// `size:pages/objs`, the notation of docs/kernel-notes.md#zsmalloc-class-tables.
    public var description: String { "\(size):\(pagesPerZspage)/\(objectsPerZspage)" }
}

/// The size classes a zsmalloc pool builds at creation (Linux `zs_create_pool`), for 4 KiB pages on 64-bit.
public struct ZsmallocClassTable: Equatable, Sendable {
    /// The handle zs_malloc adds to every request before choosing a class.
    public static let handleSize = 8
    /// ZS_MIN_ALLOC_SIZE: max(32, maxPages·4096 >> OBJ_INDEX_BITS) is 32 for every chain size up to 16.
    public static let minAllocSize = 32
    public static let maxAllocSize = pageSize
    public static let sizeClassDelta = pageSize >> 8
    /// ZS_SIZE_CLASSES = ceil((4096 − 32) / 16) + 1.
    public static let rawClassCount = (maxAllocSize - minAllocSize + sizeClassDelta - 1) / sizeClassDelta + 1

    public let rule: ZsmallocChainRule
    /// The distinct classes, smallest first.
    public let classes: [ZsmallocSizeClass]
    /// For each raw class index 0..<255, the position in `classes` it resolves to after merging.
    public let distinctPosition: [Int]
    /// The kernel's `huge_class_size`: zram stores pages whose compressed length is at least this as raw pages.
    public let hugeClassSize: Int

    public init(chainSize: Int) {
        self.init(rule: .leastWaste(chainSize: chainSize))
    }

    public init(rule: ZsmallocChainRule) {
        if case .leastWaste(let chainSize) = rule {
            precondition((1...16).contains(chainSize), "chain size must be 1...16 (Kconfig allows 4...16), got \(chainSize)")
        }
        self.rule = rule
        var descending: [ZsmallocSizeClass] = []
        var positionFromTop = [Int](repeating: 0, count: Self.rawClassCount)
        var huge = 0
        // Walk from the largest class down, as the kernel does: a class with the same pages and objects as the
        // previously created (larger) one is not created; its index points at that larger class.
        for i in stride(from: Self.rawClassCount - 1, through: 0, by: -1) {
            let size = min(Self.minAllocSize + i * Self.sizeClassDelta, Self.maxAllocSize)
            let pages = rule.pages(forClassSize: size)
            let objects = pages * pageSize / size
            if huge == 0 && pages != 1 && objects != 1 {
                huge = size - (Self.handleSize - 1)
            }
            if let previous = descending.last, previous.pagesPerZspage == pages, previous.objectsPerZspage == objects {
                positionFromTop[i] = descending.count - 1
                continue
            }
            descending.append(ZsmallocSizeClass(index: i, size: size, pagesPerZspage: pages, objectsPerZspage: objects))
            positionFromTop[i] = descending.count - 1
        }
        let count = descending.count
        self.classes = descending.reversed()
        self.distinctPosition = positionFromTop.map { count - 1 - $0 }
        self.hugeClassSize = huge
    }

    /// The raw class index for an allocation of `size` bytes (handle included), as `get_size_class_index`.
    public static func rawIndex(forObjectSize size: Int) -> Int {
        guard size > minAllocSize else { return 0 }
        return min(rawClassCount - 1, (size - minAllocSize + sizeClassDelta - 1) / sizeClassDelta)
    }

    /// The position in `classes` that `zs_malloc(size)` uses (the handle is added here).
    @inline(__always)
    public func position(forRequest size: Int) -> Int {
        distinctPosition[Self.rawIndex(forObjectSize: size + Self.handleSize)]
    }

    /// The class `zs_malloc(size)` allocates from.
    public func sizeClass(forRequest size: Int) -> ZsmallocSizeClass {
        classes[position(forRequest: size)]
    }
}
