import TmemCore

/// Stores for tests: synthetic lengths, zbud for ephemeral pools, and (until a test needs zsmalloc's
/// geometry) zbud as the persistent allocator too, so frame counts follow from zbud's rules alone.
enum TmemTestStore {
    static func make(_ config: TmemConfiguration = TmemConfiguration()) -> TmemStore {
        TmemStore(configuration: config, codec: { SyntheticCodec() }, persistentAllocator: { Zbud() })
    }
}

extension TmemStore {
    func put(_ pool: TmemPoolID, _ oid: TmemObjectID, _ index: UInt32, _ page: [UInt8]) -> Bool {
        page.withUnsafeBytes { put(pool: pool, object: oid, index: index, page: $0) }
    }

    /// The page, or nil on a miss.
    func get(_ pool: TmemPoolID, _ oid: TmemObjectID, _ index: UInt32) -> [UInt8]? {
        var out = [UInt8](repeating: 0xEE, count: 4096)
        let hit = out.withUnsafeMutableBytes { get(pool: pool, object: oid, index: index, into: $0) }
        return hit ? out : nil
    }
}
