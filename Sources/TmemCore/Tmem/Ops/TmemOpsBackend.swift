import CShim

/// The tmem store behind the kernel's ops tables. Ops tables carry no context pointer (kernel backends kept
/// their state in globals), so the `@convention(c)` trampolines reach the store through this one registry.
/// The tables follow the newest era of each hook: frontswap as in Linux 6.1, cleancache as in 4.19/5.15.
public enum TmemOpsBackend {
    final class Registry: @unchecked Sendable {
        let lock = TmemLock()
        var store: TmemStore?
        /// Frontswap keeps one persistent pool per swap type, created at init(type) (swapon).
        var swapPools: [UInt32: TmemPoolID] = [:]
    }

    static let registry = Registry()
    /// Held by whoever has a store attached, so two simulations in one process never share the tables.
    private static let session = TmemLock()

    /// Attaches `store` for the duration of `body` and detaches it afterwards; callers in other threads wait.
    public static func withAttached<T, E: Error>(_ store: TmemStore, _ body: () throws(E) -> T) throws(E) -> T {
        try session.withLock { () throws(E) -> T in
            attach(store)
            defer { attach(nil) }
            return try body()
        }
    }

    /// Makes `store` the backend every registered table calls (nil detaches it: every call then fails softly,
    /// as an unregistered backend would never be called).
    public static func attach(_ store: TmemStore?) {
        registry.lock.withLock {
            registry.store = store
            registry.swapPools = [:]
        }
    }

    public static var attachedStore: TmemStore? { registry.lock.withLock { registry.store } }

    /// The store and the pool of a swap type, read together.
    static func swapPool(_ type: UInt32) -> (TmemStore, TmemPoolID)? {
        registry.lock.withLock {
            guard let store = registry.store, let pool = registry.swapPools[type] else { return nil }
            return (store, pool)
        }
    }

    static var store: TmemStore? { registry.lock.withLock { registry.store } }

    // MARK: Key mapping (docs/kernel-notes.md#tmem-data-model, the Linux 3.0 zcache)

    /// Frontswap's swizzle: the low 4 bits of the swap offset join the type in oid[0], the rest is the index,
    /// so neighbouring slots share an object. Offsets whose index does not fit in u32 have no key.
    static func swapKey(type: UInt32, offset: UInt) -> (TmemObjectID, UInt32)? {
        let index = UInt64(offset) >> 4
        guard index <= UInt64(UInt32.max) else { return nil }
        return (TmemObjectID(UInt64(type) << 4 | UInt64(offset) & 0xF), UInt32(index))
    }

    /// Cleancache reinterprets the 24-byte filekey as the three oid words.
    static func fileObject(_ key: cshim_cleancache_filekey) -> TmemObjectID {
        let k = key.u.key
        return TmemObjectID(UInt64(k.0) | UInt64(k.1) << 32, UInt64(k.2) | UInt64(k.3) << 32,
                            UInt64(k.4) | UInt64(k.5) << 32)
    }

    static func pageBytes(_ page: UnsafeMutablePointer<cshim_page>) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: page.pointee.data, count: pageSize)
    }

    // MARK: frontswap (Linux 6.1 table)

    /// The frontswap table, at a stable address (6.1's frontswap keeps the pointer).
    nonisolated(unsafe) public static let frontswapOps: UnsafeMutablePointer<cshim_frontswap_ops_v6_1> = {
        let ops = UnsafeMutablePointer<cshim_frontswap_ops_v6_1>.allocate(capacity: 1)
        ops.initialize(to: cshim_frontswap_ops_v6_1(
            init: { type in
                TmemOpsBackend.registry.lock.withLock {
                    guard let store = TmemOpsBackend.registry.store else { return }
                    if let old = TmemOpsBackend.registry.swapPools[type] { store.destroyPool(old) }
                    TmemOpsBackend.registry.swapPools[type] = try? store.createPool(kind: .privatePersistent)
                }
            },
            store: { type, offset, page in
                guard let page, let (store, pool) = TmemOpsBackend.swapPool(type),
                      let (oid, index) = TmemOpsBackend.swapKey(type: type, offset: offset) else { return -1 }
                let ok = store.put(pool: pool, object: oid, index: index,
                                   page: UnsafeRawBufferPointer(TmemOpsBackend.pageBytes(page)))
                return ok ? 0 : -1
            },
            load: { type, offset, page in
                guard let page, let (store, pool) = TmemOpsBackend.swapPool(type),
                      let (oid, index) = TmemOpsBackend.swapKey(type: type, offset: offset) else { return -1 }
                return store.get(pool: pool, object: oid, index: index, into: TmemOpsBackend.pageBytes(page)) ? 0 : -1
            },
            invalidate_page: { type, offset in
                guard let (store, pool) = TmemOpsBackend.swapPool(type),
                      let (oid, index) = TmemOpsBackend.swapKey(type: type, offset: offset) else { return }
                store.flushPage(pool: pool, object: oid, index: index)
            },
            invalidate_area: { type in
                TmemOpsBackend.registry.lock.withLock {
                    guard let store = TmemOpsBackend.registry.store,
                          let pool = TmemOpsBackend.registry.swapPools.removeValue(forKey: type) else { return }
                    store.destroyPool(pool)
                }
            }))
        return ops
    }()

    // MARK: cleancache (Linux 4.19/5.15 table)

    nonisolated(unsafe) public static let cleancacheOps: UnsafeMutablePointer<cshim_cleancache_ops_v4_19> = {
        let ops = UnsafeMutablePointer<cshim_cleancache_ops_v4_19>.allocate(capacity: 1)
        ops.initialize(to: cshim_cleancache_ops_v4_19(
            init_fs: { pagesize in
                guard pagesize == pageSize, let store = TmemOpsBackend.store,
                      let id = try? store.createPool(kind: .privateEphemeral) else { return -1 }
                return Int32(id)
            },
            init_shared_fs: { uuid, pagesize in
                guard pagesize == pageSize, let uuid, let store = TmemOpsBackend.store else { return -1 }
                let u = uuid.pointee.b
                let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
                guard let id = try? store.createPool(kind: .sharedEphemeral, uuid: bytes) else { return -1 }
                return Int32(id)
            },
            get_page: { pool, key, index, page in
                guard let page, let store = TmemOpsBackend.store, index <= UInt(UInt32.max) else { return -1 }
                return store.get(pool: pool, object: TmemOpsBackend.fileObject(key), index: UInt32(index),
                                 into: TmemOpsBackend.pageBytes(page)) ? 0 : -1
            },
            put_page: { pool, key, index, page in
                guard let page, let store = TmemOpsBackend.store, index <= UInt(UInt32.max) else { return }
                _ = store.put(pool: pool, object: TmemOpsBackend.fileObject(key), index: UInt32(index),
                              page: UnsafeRawBufferPointer(TmemOpsBackend.pageBytes(page)))
            },
            invalidate_page: { pool, key, index in
                guard let store = TmemOpsBackend.store, index <= UInt(UInt32.max) else { return }
                store.flushPage(pool: pool, object: TmemOpsBackend.fileObject(key), index: UInt32(index))
            },
            invalidate_inode: { pool, key in
                TmemOpsBackend.store?.flushObject(pool: pool, object: TmemOpsBackend.fileObject(key))
            },
            invalidate_fs: { pool in
                TmemOpsBackend.store?.destroyPool(pool)
            }))
        return ops
    }()
}
