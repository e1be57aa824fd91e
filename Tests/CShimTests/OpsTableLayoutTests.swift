import CShim
import Testing

/// The imported structs must have the x86_64 LP64 layout asserted in C: sizes and offsets below are worked out
/// by hand from the kernel's member lists (8-byte pointers, no padding; filekey = 6 x u32 aligned as ino_t).
@Suite struct OpsTableLayoutTests {
    @Test func frontswapOpsSizes() {
        #expect(MemoryLayout<cshim_frontswap_ops_v3_5>.size == 40)
        #expect(MemoryLayout<cshim_frontswap_ops_v3_11>.size == 40)
        #expect(MemoryLayout<cshim_frontswap_ops_v4_19>.size == 48)
        #expect(MemoryLayout<cshim_frontswap_ops_v6_1>.size == 40)
        // The same numbers the C side asserts.
        #expect(MemoryLayout<cshim_frontswap_ops_v3_5>.size == Int(CSHIM_FRONTSWAP_OPS_V3_5_SIZE))
        #expect(MemoryLayout<cshim_frontswap_ops_v3_11>.size == Int(CSHIM_FRONTSWAP_OPS_V3_11_SIZE))
        #expect(MemoryLayout<cshim_frontswap_ops_v4_19>.size == Int(CSHIM_FRONTSWAP_OPS_V4_19_SIZE))
        #expect(MemoryLayout<cshim_frontswap_ops_v6_1>.size == Int(CSHIM_FRONTSWAP_OPS_V6_1_SIZE))
    }

    @Test func frontswapOpsOffsets() {
        typealias F = cshim_frontswap_ops_v4_19
        #expect(MemoryLayout<F>.offset(of: \.`init`) == 0)
        #expect(MemoryLayout<F>.offset(of: \.store) == 8)
        #expect(MemoryLayout<F>.offset(of: \.load) == 16)
        #expect(MemoryLayout<F>.offset(of: \.invalidate_page) == 24)
        #expect(MemoryLayout<F>.offset(of: \.invalidate_area) == 32)
        #expect(MemoryLayout<F>.offset(of: \.next) == 40)
        #expect(MemoryLayout<cshim_frontswap_ops_v3_5>.offset(of: \.invalidate_area) == 32)
        #expect(MemoryLayout<cshim_frontswap_ops_v6_1>.offset(of: \.invalidate_area) == 32)
    }

    @Test func cleancacheSizes() {
        #expect(MemoryLayout<cshim_cleancache_filekey>.size == 24)
        #expect(MemoryLayout<cshim_cleancache_filekey>.alignment == 8)
        #expect(MemoryLayout<cshim_cleancache_filekey>.size == Int(CSHIM_CLEANCACHE_FILEKEY_SIZE))
        #expect(MemoryLayout<cshim_uuid>.size == 16)
        #expect(MemoryLayout<cshim_page>.size == 24)
        for size in [MemoryLayout<cshim_cleancache_ops_v3_0>.size, MemoryLayout<cshim_cleancache_ops_v3_4>.size,
                     MemoryLayout<cshim_cleancache_ops_v3_11>.size, MemoryLayout<cshim_cleancache_ops_v4_19>.size] {
            #expect(size == 56)
        }
        #expect(MemoryLayout<cshim_cleancache_ops_v3_0>.size == Int(CSHIM_CLEANCACHE_OPS_V3_0_SIZE))
        #expect(MemoryLayout<cshim_cleancache_ops_v4_19>.size == Int(CSHIM_CLEANCACHE_OPS_V4_19_SIZE))
    }

    @Test func cleancacheOffsets() {
        #expect(MemoryLayout<cshim_cleancache_ops_v3_0>.offset(of: \.flush_page) == 32)
        #expect(MemoryLayout<cshim_cleancache_ops_v3_0>.offset(of: \.flush_fs) == 48)
        typealias C = cshim_cleancache_ops_v4_19
        #expect(MemoryLayout<C>.offset(of: \.init_fs) == 0)
        #expect(MemoryLayout<C>.offset(of: \.init_shared_fs) == 8)
        #expect(MemoryLayout<C>.offset(of: \.get_page) == 16)
        #expect(MemoryLayout<C>.offset(of: \.put_page) == 24)
        #expect(MemoryLayout<C>.offset(of: \.invalidate_page) == 32)
        #expect(MemoryLayout<C>.offset(of: \.invalidate_inode) == 40)
        #expect(MemoryLayout<C>.offset(of: \.invalidate_fs) == 48)
        #expect(MemoryLayout<cshim_page>.offset(of: \.flags) == 16)
    }

    @Test func sentinelsAreTheKernels() {
        #expect(CSHIM_CLEANCACHE_NO_POOL == -1)
        #expect(CSHIM_CLEANCACHE_NO_BACKEND == -2)
        #expect(CSHIM_CLEANCACHE_NO_BACKEND_SHARED == -3)
        #expect(CSHIM_CLEANCACHE_KEY_MAX == 6)
    }
}
