import CShim
import Testing

// A tmem backend written in Swift: plain @convention(c) functions over global state, registered through the
// era mirrors and called only through CShim's kernel-side dispatch, as a kernel backend was. The kernel passes
// no context, so the state is global; the suite is serialized because every test shares it.

private struct Slot: Hashable {
    let space: Int
    let key: UInt
    let index: UInt
}

nonisolated(unsafe) private var pages: [Slot: [UInt8]] = [:]
nonisolated(unsafe) private var calls: [String] = []
nonisolated(unsafe) private var nextPool: Int32 = 0

private func resetBackend() {
    pages = [:]
    calls = []
    nextPool = 0
}

private func bytes(of page: UnsafeMutablePointer<cshim_page>?) -> UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: page!.pointee.data, count: Int(CSHIM_PAGE_SIZE))
}

// ---- frontswap: keyed by (type, offset); loads keep the page (frontswap is persistent).

private func swapInit(_ type: CUnsignedInt) { calls.append("init(\(type))") }

private func swapStore(_ type: CUnsignedInt, _ offset: cshim_pgoff_t, _ page: UnsafeMutablePointer<cshim_page>?) -> Int32 {
    calls.append("store(\(type),\(offset))")
    pages[Slot(space: Int(type), key: 0, index: offset)] = Array(bytes(of: page))
    return 0
}

private func swapLoad(_ type: CUnsignedInt, _ offset: cshim_pgoff_t, _ page: UnsafeMutablePointer<cshim_page>?) -> Int32 {
    calls.append("load(\(type),\(offset))")
    guard let stored = pages[Slot(space: Int(type), key: 0, index: offset)] else { return -1 }
    bytes(of: page).copyBytes(from: stored)
    return 0
}

private func swapInvalidatePage(_ type: CUnsignedInt, _ offset: cshim_pgoff_t) {
    calls.append("invalidate_page(\(type),\(offset))")
    pages[Slot(space: Int(type), key: 0, index: offset)] = nil
}

private func swapInvalidateArea(_ type: CUnsignedInt) {
    calls.append("invalidate_area(\(type))")
    pages = pages.filter { $0.key.space != Int(type) }
}

// ---- cleancache: keyed by (pool, inode, index); gets are exclusive (private pools).

private func ccInitFs(_ pagesize: Int) -> Int32 {
    calls.append("init_fs(\(pagesize))")
    defer { nextPool += 1 }
    return nextPool
}

private func ccInitSharedFs(_ uuid: UnsafeMutablePointer<cshim_uuid>?, _ pagesize: Int) -> Int32 {
    calls.append("init_shared_fs(\(uuid!.pointee.b.0),\(pagesize))")
    defer { nextPool += 1 }
    return nextPool
}

private func ccInitSharedFsChars(_ uuid: UnsafeMutablePointer<CChar>?, _ pagesize: Int) -> Int32 {
    calls.append("init_shared_fs(\(UInt8(bitPattern: uuid![0])),\(pagesize))")
    defer { nextPool += 1 }
    return nextPool
}

private func ccGetPage(_ pool: Int32, _ key: cshim_cleancache_filekey, _ index: cshim_pgoff_t,
                       _ page: UnsafeMutablePointer<cshim_page>?) -> Int32 {
    calls.append("get(\(pool),\(key.u.ino),\(index))")
    guard let stored = pages.removeValue(forKey: Slot(space: Int(pool), key: key.u.ino, index: index)) else { return -1 }
    bytes(of: page).copyBytes(from: stored)
    return 0
}

private func ccPutPage(_ pool: Int32, _ key: cshim_cleancache_filekey, _ index: cshim_pgoff_t,
                       _ page: UnsafeMutablePointer<cshim_page>?) {
    calls.append("put(\(pool),\(key.u.ino),\(index))")
    pages[Slot(space: Int(pool), key: key.u.ino, index: index)] = Array(bytes(of: page))
}

private func ccInvalidatePage(_ pool: Int32, _ key: cshim_cleancache_filekey, _ index: cshim_pgoff_t) {
    calls.append("invalidate_page(\(pool),\(key.u.ino),\(index))")
    pages[Slot(space: Int(pool), key: key.u.ino, index: index)] = nil
}

private func ccInvalidateInode(_ pool: Int32, _ key: cshim_cleancache_filekey) {
    calls.append("invalidate_inode(\(pool),\(key.u.ino))")
    pages = pages.filter { !($0.key.space == Int(pool) && $0.key.key == key.u.ino) }
}

private func ccInvalidateFs(_ pool: Int32) {
    calls.append("invalidate_fs(\(pool))")
    pages = pages.filter { $0.key.space != Int(pool) }
}

/// A 4 KiB page buffer and its handle; the kernel side owns both.
private final class PageBuffer {
    let data = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
    var handle: cshim_page
    init(fill: UInt8, index: UInt = 0) {
        data.initializeMemory(as: UInt8.self, repeating: fill)
        handle = cshim_page(data: data.baseAddress, index: index, flags: 0)
    }
    func fill(_ value: UInt8) { data.initializeMemory(as: UInt8.self, repeating: value) }
    func isFilled(_ value: UInt8) -> Bool { data.allSatisfy { $0 == value } }
    deinit { data.deallocate() }
}

@Suite(.serialized) struct SwiftBackendTests {
    @Test func frontswap61SwiftBackendStoresLoadsAndInvalidatesThroughTheTable() {
        resetBackend()
        let fs = cshim_frontswap_create(.v6_1)!
        defer { cshim_frontswap_destroy(fs) }
        // The kernel keeps the table's address, so it lives outside any Swift value.
        let ops = UnsafeMutablePointer<cshim_frontswap_ops_v6_1>.allocate(capacity: 1)
        defer { ops.deallocate() }
        ops.initialize(to: cshim_frontswap_ops_v6_1())
        ops.pointee.`init` = swapInit
        ops.pointee.store = swapStore
        ops.pointee.load = swapLoad
        ops.pointee.invalidate_page = swapInvalidatePage
        ops.pointee.invalidate_area = swapInvalidateArea

        #expect(cshim_frontswap_register_ops_v6_1(fs, ops) == 0)
        #expect(cshim_frontswap_swapon(fs, 1, 16) == 0)
        let page = PageBuffer(fill: 0xC3)
        #expect(cshim_frontswap_store(fs, 1, 4, &page.handle) == 0)
        #expect(cshim_frontswap_test(fs, 1, 4))
        page.fill(0)
        #expect(cshim_frontswap_load(fs, 1, 4, &page.handle) == 0)
        #expect(page.isFilled(0xC3))
        cshim_frontswap_invalidate_page(fs, 1, 4)
        #expect(cshim_frontswap_swapoff(fs, 1) == 0)

        #expect(calls == ["init(1)", "store(1,4)", "load(1,4)", "invalidate_page(1,4)", "invalidate_area(1)"])
        #expect(pages.isEmpty)
        let counters = cshim_frontswap_get_counters(fs)
        #expect(counters.succ_stores == 1 && counters.loads == 1 && counters.invalidates == 1)
        #expect(counters.failed_stores == 0)
    }

    @Test func frontswap35RegistrationReturnsTheOldTableByValue() {
        resetBackend()
        let fs = cshim_frontswap_create(.v3_5)!
        defer { cshim_frontswap_destroy(fs) }
        var ops = cshim_frontswap_ops_v3_5()
        ops.`init` = swapInit
        ops.store = swapStore
        ops.load = swapLoad
        ops.invalidate_page = swapInvalidatePage
        ops.invalidate_area = swapInvalidateArea
        let first = cshim_frontswap_register_ops_v3_5(fs, &ops)
        #expect(first.`init` == nil && first.store == nil && first.load == nil)
        // The kernel copied the table: clearing ours afterwards must not matter.
        ops = cshim_frontswap_ops_v3_5()
        #expect(cshim_frontswap_swapon(fs, 0, 8) == 0)
        let page = PageBuffer(fill: 0x35)
        #expect(cshim_frontswap_store(fs, 0, 2, &page.handle) == 0)
        page.fill(0)
        #expect(cshim_frontswap_load(fs, 0, 2, &page.handle) == 0)
        #expect(page.isFilled(0x35))
        let second = cshim_frontswap_register_ops_v3_5(fs, &ops)
        #expect(second.store != nil && second.load != nil)
        #expect(calls == ["init(0)", "store(0,2)", "load(0,2)"])
    }

    @Test func frontswap419SwiftBackendJoinsTheChain() {
        resetBackend()
        let fs = cshim_frontswap_create(.v4_19)!
        defer { cshim_frontswap_destroy(fs) }
        let ops = UnsafeMutablePointer<cshim_frontswap_ops_v4_19>.allocate(capacity: 1)
        defer { ops.deallocate() }
        ops.initialize(to: cshim_frontswap_ops_v4_19())
        ops.pointee.`init` = swapInit
        ops.pointee.store = swapStore
        ops.pointee.load = swapLoad
        ops.pointee.invalidate_page = swapInvalidatePage
        ops.pointee.invalidate_area = swapInvalidateArea
        #expect(cshim_frontswap_swapon(fs, 2, 8) == 0)
        cshim_frontswap_register_ops_v4_19(fs, ops)
        #expect(ops.pointee.next == nil)
        let page = PageBuffer(fill: 0x19)
        #expect(cshim_frontswap_store(fs, 2, 7, &page.handle) == 0)
        #expect(cshim_frontswap_store(fs, 2, 7, &page.handle) == 0)   // duplicate: invalidated, then stored
        #expect(calls == ["init(2)", "store(2,7)", "invalidate_page(2,7)", "store(2,7)"])
        #expect(cshim_frontswap_curr_pages(fs) == 1)
    }

    @Test func cleancache419SwiftBackendGetsPoolsAndPages() {
        resetBackend()
        let cc = cshim_cleancache_create(.v4_19)!
        defer { cshim_cleancache_destroy(cc) }
        let ops = UnsafeMutablePointer<cshim_cleancache_ops_v4_19>.allocate(capacity: 1)
        defer { ops.deallocate() }
        ops.initialize(to: cshim_cleancache_ops_v4_19(
            init_fs: ccInitFs, init_shared_fs: ccInitSharedFs, get_page: ccGetPage, put_page: ccPutPage,
            invalidate_page: ccInvalidatePage, invalidate_inode: ccInvalidateInode, invalidate_fs: ccInvalidateFs))
        // Superblocks are linked into the frontend's mount list, so they need stable addresses too.
        let sb = UnsafeMutablePointer<cshim_cleancache_sb>.allocate(capacity: 2)
        defer { sb.deallocate() }
        cshim_cleancache_sb_init(sb, nil)
        var uuid = cshim_uuid()
        uuid.b.0 = 0x42
        cshim_cleancache_sb_init(sb + 1, &uuid)

        cshim_cleancache_init_fs(cc, sb)                       // before the backend: CLEANCACHE_NO_BACKEND
        #expect(sb.pointee.cleancache_poolid == -2)
        #expect(cshim_cleancache_register_ops_v4_19(cc, ops) == 0)
        #expect(sb.pointee.cleancache_poolid == 0)
        cshim_cleancache_init_shared_fs(cc, sb + 1)
        #expect(sb[1].cleancache_poolid == 1)

        var key = cshim_cleancache_filekey_ino(42)
        let page = PageBuffer(fill: 0x5E, index: 7)
        cshim_cleancache_put_page(cc, sb, &key, &page.handle)
        page.fill(0)
        #expect(cshim_cleancache_get_page(cc, sb, &key, &page.handle) == 0)
        #expect(page.isFilled(0x5E))
        #expect(cshim_cleancache_get_page(cc, sb, &key, &page.handle) == -1)
        cshim_cleancache_invalidate_fs(cc, sb)
        cshim_cleancache_invalidate_fs(cc, sb + 1)

        #expect(calls == ["init_fs(4096)", "init_shared_fs(66,4096)", "put(0,42,7)", "get(0,42,7)", "get(0,42,7)",
                          "invalidate_fs(0)", "invalidate_fs(1)"])
        let counters = cshim_cleancache_get_counters(cc)
        #expect(counters.puts == 1 && counters.succ_gets == 1 && counters.failed_gets == 1)
    }

    @Test func cleancache30SwiftBackendThroughTheFlushNames() {
        resetBackend()
        let cc = cshim_cleancache_create(.v3_0)!
        defer { cshim_cleancache_destroy(cc) }
        var ops = cshim_cleancache_ops_v3_0(
            init_fs: ccInitFs, init_shared_fs: ccInitSharedFsChars, get_page: ccGetPage, put_page: ccPutPage,
            flush_page: ccInvalidatePage, flush_inode: ccInvalidateInode, flush_fs: ccInvalidateFs)
        let old = cshim_cleancache_register_ops_v3_0(cc, &ops)
        #expect(old.init_fs == nil && old.flush_fs == nil)
        let sb = UnsafeMutablePointer<cshim_cleancache_sb>.allocate(capacity: 1)
        defer { sb.deallocate() }
        cshim_cleancache_sb_init(sb, nil)
        cshim_cleancache_init_fs(cc, sb)
        var key = cshim_cleancache_filekey_ino(3)
        let page = PageBuffer(fill: 0x30, index: 1)
        cshim_cleancache_put_page(cc, sb, &key, &page.handle)
        cshim_cleancache_invalidate_page(cc, sb, &key, &page.handle)
        #expect(cshim_cleancache_get_page(cc, sb, &key, &page.handle) == -1)
        cshim_cleancache_invalidate_fs(cc, sb)
        #expect(calls == ["init_fs(4096)", "put(0,3,1)", "invalidate_page(0,3,1)", "get(0,3,1)", "invalidate_fs(0)"])
        #expect(sb.pointee.cleancache_poolid == -1)
    }
}
