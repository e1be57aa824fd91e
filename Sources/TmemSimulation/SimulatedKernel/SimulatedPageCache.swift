import TmemCore
import CShim

/// A userspace page cache that uses tmem only through the cleancache ops table (Linux 4.19/5.15 cleancache):
/// mount calls init_fs, a clean page evicted from the cache is put, a read that misses the cache first tries
/// get (a refault served from tmem saves a disk read), truncate invalidates the inode, umount invalidates the fs.
/// File contents come from the caller (`content`), standing for the disk. The cache holds `capacity()` pages,
/// re-read before each insertion so that a simulation can shrink it as tmem grows. One thread at a time.
public final class SimulatedPageCache {
    public struct PageID: Hashable, Sendable {
        public var fs: Int
        public var inode: UInt64
        public var index: UInt64
        public init(fs: Int, inode: UInt64, index: UInt64) { self.fs = fs; self.inode = inode; self.index = index }
    }

    public enum Source: Sendable { case pageCache, cleancache, disk }

    public struct Stats: Codable, Sendable, Equatable {
        public var reads = 0
        public var pageCacheHits = 0
        public var cleancacheHits = 0
        public var diskReads = 0
        public var evictions = 0
        /// Pages tmem returned that differ from the file (must stay 0).
        public var corruptPages = 0
        /// debugfs cleancache counters.
        public var succGets = 0
        public var failedGets = 0
        public var puts = 0
        public var invalidates = 0
    }

    private let cc: OpaquePointer
    private var superblocks: [UnsafeMutablePointer<cshim_cleancache_sb>] = []
    private var mounted: [Bool] = []
    private var resident = LRUList<PageID>()
    private var local = Stats()
    private let capacity: () -> Int
    private let content: (PageID, UnsafeMutableRawBufferPointer) -> Void
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
    private let expected = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)

    /// - Parameter backend: register the tmem backend's table; without it the frontend runs with no backend
    ///   (every get misses without calling anything), the baseline a simulation compares against.
    public init(backend: Bool = true, capacity: @escaping () -> Int,
                content: @escaping (PageID, UnsafeMutableRawBufferPointer) -> Void) {
        self.capacity = capacity
        self.content = content
        cc = cshim_cleancache_create(.v4_19)!
        if backend { precondition(cshim_cleancache_register_ops_v4_19(cc, TmemOpsBackend.cleancacheOps) == 0) }
    }

    deinit {
        for fs in superblocks.indices where mounted[fs] { umount(fs) }
        for sb in superblocks { sb.deallocate() }
        cshim_cleancache_destroy(cc)
        buffer.deallocate()
        expected.deallocate()
    }

    /// Mounts a filesystem (cleancache_init_fs) and returns its number.
    public func mount() -> Int {
        let sb = UnsafeMutablePointer<cshim_cleancache_sb>.allocate(capacity: 1)
        sb.initialize(to: cshim_cleancache_sb())
        cshim_cleancache_sb_init(sb, nil)
        cshim_cleancache_init_fs(cc, sb)
        superblocks.append(sb)
        mounted.append(true)
        return superblocks.count - 1
    }

    /// The tmem pool behind a filesystem (negative when it has none).
    public func pool(of fs: Int) -> Int32 { cshim_cleancache_backend_pool(cc, superblocks[fs]) }

    /// Reads one page of a file: from the page cache, else from cleancache, else from disk; the page then
    /// becomes resident (evicting the least recently used clean page into cleancache if the cache is full).
    @discardableResult
    public func read(_ id: PageID) -> Source {
        local.reads += 1
        if resident.contains(id) {
            resident.touch(id)
            local.pageCacheHits += 1
            return .pageCache
        }
        makeRoom()
        var key = cshim_cleancache_filekey_ino(UInt(id.inode))
        var page = cshim_page(data: buffer.baseAddress, index: UInt(id.index), flags: 0)
        let source: Source
        if cshim_cleancache_get_page(cc, superblocks[id.fs], &key, &page) == 0 {
            content(id, expected)
            if !PageBytes.equal(buffer, expected) { local.corruptPages += 1 }
            local.cleancacheHits += 1
            source = .cleancache
        } else {
            local.diskReads += 1
            source = .disk
        }
        resident.touch(id)
        return source
    }

    /// A refault of a page the caller tracks itself (trace replay): cleancache get only, nothing becomes resident.
    public func refault(_ id: PageID) -> Source {
        local.reads += 1
        var key = cshim_cleancache_filekey_ino(UInt(id.inode))
        var page = cshim_page(data: buffer.baseAddress, index: UInt(id.index), flags: 0)
        guard cshim_cleancache_get_page(cc, superblocks[id.fs], &key, &page) == 0 else {
            local.diskReads += 1
            return .disk
        }
        content(id, expected)
        if !PageBytes.equal(buffer, expected) { local.corruptPages += 1 }
        local.cleancacheHits += 1
        return .cleancache
    }

    /// Shrinks the cache to its capacity now (after the capacity dropped), putting evicted pages.
    public func shrinkToCapacity() {
        while resident.count > max(0, capacity()) { evictOne() }
    }

    private func makeRoom() {
        while resident.count >= max(1, capacity()) { evictOne() }
    }

    private func evictOne() {
        guard let victim = resident.removeOldest() else { return }
        local.evictions += 1
        content(victim, buffer)
        var key = cshim_cleancache_filekey_ino(UInt(victim.inode))
        var page = cshim_page(data: buffer.baseAddress, index: UInt(victim.index), flags: 0)
        cshim_cleancache_put_page(cc, superblocks[victim.fs], &key, &page)
    }

    /// Truncates a file to nothing: its cached pages go, and cleancache forgets the inode.
    public func truncate(fs: Int, inode: UInt64) {
        for id in resident.allKeys where id.fs == fs && id.inode == inode { resident.remove(id) }
        var key = cshim_cleancache_filekey_ino(UInt(inode))
        cshim_cleancache_invalidate_inode(cc, superblocks[fs], &key)
    }

    /// Drops one page of a file (it was rewritten or punched out).
    public func invalidate(_ id: PageID) {
        resident.remove(id)
        var key = cshim_cleancache_filekey_ino(UInt(id.inode))
        var page = cshim_page(data: buffer.baseAddress, index: UInt(id.index), flags: 0)
        cshim_cleancache_invalidate_page(cc, superblocks[id.fs], &key, &page)
    }

    /// Unmounts: the filesystem's cached pages go and its cleancache pool is invalidated.
    public func umount(_ fs: Int) {
        for id in resident.allKeys where id.fs == fs { resident.remove(id) }
        cshim_cleancache_invalidate_fs(cc, superblocks[fs])
        mounted[fs] = false
    }

    /// Puts a clean page into cleancache directly, as eviction would (for trace replay).
    public func evict(_ id: PageID) {
        resident.remove(id)
        content(id, buffer)
        var key = cshim_cleancache_filekey_ino(UInt(id.inode))
        var page = cshim_page(data: buffer.baseAddress, index: UInt(id.index), flags: 0)
        cshim_cleancache_put_page(cc, superblocks[id.fs], &key, &page)
        local.evictions += 1
    }

    public var residentPages: Int { resident.count }

    public var stats: Stats {
        var s = local
        let c = cshim_cleancache_get_counters(cc)
        s.succGets = Int(c.succ_gets)
        s.failedGets = Int(c.failed_gets)
        s.puts = Int(c.puts)
        s.invalidates = Int(c.invalidates)
        return s
    }
}
