import Testing
import TmemCore

/// Pool accounting on small cases worked out by hand from docs/kernel-notes.md#zsmalloc-object-placement, #zsmalloc-pool-pages. Requests of 1560 bytes land in
/// class 1568 (5 pages, 13 objects) at chain 8.
@Suite struct ZsmallocPoolTests {
    @Test func thirteenObjectsShareOneFivePageZspage() throws {
        var pool = ZsmallocPool(chainSize: 8)
        for _ in 0..<13 { _ = try pool.malloc(1560) }
        #expect(pool.totalPages == 5)
        _ = try pool.malloc(1560)
        #expect(pool.totalPages == 10)
    }

    @Test func oldRulesNeedSixPagesForThirteen() throws {
        var pool = ZsmallocPool(table: ZsmallocClassTable(rule: .usagePercent))
        for _ in 0..<13 { _ = try pool.malloc(1560) }
        #expect(pool.totalPages == 6)   // 3 zspages of 2 pages (5 objects each)
    }

    @Test func sizeLimits() {
        var pool = ZsmallocPool(chainSize: 8)
        #expect(throws: ZsmallocError.zeroSize) { try pool.malloc(0) }
        #expect(throws: ZsmallocError.tooLarge(4097)) { try pool.malloc(4097) }
        #expect(pool.totalPages == 0)
        #expect((try? pool.malloc(4096)) != nil)
        #expect(pool.totalPages == 1)
    }

    @Test func emptyZspageIsFreedAtOnce() throws {
        var pool = ZsmallocPool(chainSize: 8)
        let first = try (0..<13).map { _ in try pool.malloc(1560) }
        let extra = try pool.malloc(1560)
        #expect(pool.totalPages == 10)
        pool.free(extra)
        #expect(pool.totalPages == 5)
        for h in first.dropLast() { pool.free(h) }
        #expect(pool.totalPages == 5)
        pool.free(first.last!)
        #expect(pool.totalPages == 0)
    }

    /// Three full zspages A, B, C. Freeing 7 objects from A, then 7 from B, puts both in the 40% group (6/13),
    /// B at the head because it arrived last; the next object goes into B. Freeing A's other six then empties A.
    @Test func newObjectGoesToHeadOfFullestGroup() throws {
        var pool = ZsmallocPool(chainSize: 8)
        let h = try (0..<39).map { _ in try pool.malloc(1560) }
        let a = Array(h[0..<13]), b = Array(h[13..<26])
        for x in a.prefix(7) { pool.free(x) }
        for x in b.prefix(7) { pool.free(x) }
        _ = try pool.malloc(1560)
        for x in a.dropFirst(7) { pool.free(x) }
        #expect(pool.totalPages == 10)
    }

    /// Same, but B is freed first, so A is at the head and receives the new object: A then stays allocated.
    @Test func headOrderDecidesWhichZspageSurvives() throws {
        var pool = ZsmallocPool(chainSize: 8)
        let h = try (0..<39).map { _ in try pool.malloc(1560) }
        let a = Array(h[0..<13]), b = Array(h[13..<26])
        for x in b.prefix(7) { pool.free(x) }
        for x in a.prefix(7) { pool.free(x) }
        _ = try pool.malloc(1560)
        for x in a.dropFirst(7) { pool.free(x) }
        #expect(pool.totalPages == 15)
    }

    /// A and B at 6/13 each, C full: 14 wasted slots = one zspage. Compaction moves A's six objects into B (the head
    /// of the 40% group becomes the destination), frees A's 5 pages and stops (one slot wasted is not a zspage).
    @Test func compactionFreesOneZspage() throws {
        var pool = ZsmallocPool(chainSize: 8)
        let h = try (0..<39).map { _ in try pool.malloc(1560) }
        for x in h[0..<7] { pool.free(x) }
        for x in h[13..<20] { pool.free(x) }
        #expect(pool.totalPages == 15)
        #expect(pool.compactablePages == 5)
        #expect(pool.compact() == 5)
        #expect(pool.totalPages == 10)
        #expect(pool.pagesCompacted == 5)
        #expect(pool.compactablePages == 0)
        // Every surviving handle is still valid: freeing them all empties the pool.
        for x in h[7..<13] { pool.free(x) }
        for x in h[20..<39] { pool.free(x) }
        #expect(pool.totalPages == 0)
    }

    /// Two classes: 3 zspages of 1568 at 1/13 each, and 2 zspages of class 4096 (never compactable).
    /// Compaction: dst = one 1/13 zspage, src = another → 2/13, then src = the third → 3/13: 10 pages freed.
    @Test func compactionAcrossClasses() throws {
        var pool = ZsmallocPool(chainSize: 8)
        let small = try (0..<39).map { _ in try pool.malloc(1560) }
        _ = try pool.malloc(4000)
        _ = try pool.malloc(4000)
        for (i, x) in small.enumerated() where i % 13 != 0 { pool.free(x) }
        #expect(pool.totalPages == 17)
        #expect(pool.compact() == 10)
        #expect(pool.totalPages == 7)
        #expect(pool.compact() == 0)
        #expect(pool.pagesCompacted == 10)
    }
}
