import Testing
@testable import TmemCore

/// The arenas' slab source: 64 KiB slabs cut from 2 MiB regions (32 slabs each), emptied regions kept for reuse
/// up to 64 MiB (32 regions) and unmapped beyond that. Figures worked by hand from those sizes.
@Suite struct TmemSlabSourceTests {
    @Test func slabsAreCutFromAlignedRegionsAndEmptiedRegionsAreReused() {
        let source = TmemSlabSource()
        // 33 slabs need two regions: 32 from the first, 1 from the second.
        var slabs = (0..<33).map { _ in source.take() }
        #expect(source.mapped == (used: 2, spare: 0))
        #expect(Set(slabs.map { Int(bitPattern: $0) }).count == 33)
        #expect(slabs.allSatisfy { Int(bitPattern: $0) % TmemArena.slabSize == 0 })
        let regions = Set(slabs.map { Int(bitPattern: $0) & ~(TmemSlabSource.regionSize - 1) })
        #expect(regions.count == 2)
        // Every slab is writable end to end.
        for s in slabs { s.initializeMemory(as: UInt8.self, repeating: 0xA5, count: TmemArena.slabSize) }

        // The lone slab of the second region goes: that region becomes spare; the first stays in use.
        source.release(slabs.removeLast())
        #expect(source.mapped == (used: 1, spare: 1))
        // A released slab of a live region is handed out again before any spare region is taken.
        let again = slabs.removeLast()
        source.release(again)
        #expect(source.take() == again)
        #expect(source.mapped == (used: 1, spare: 1))
        for s in slabs { source.release(s) }
        source.release(again)
        #expect(source.mapped == (used: 0, spare: 2))
        // New slabs come from a kept region, not a fresh mapping.
        let reused = source.take()
        #expect(regions.contains(Int(bitPattern: reused) & ~(TmemSlabSource.regionSize - 1)))
        #expect(source.mapped == (used: 1, spare: 1))
        source.release(reused)
    }

    @Test func emptiedRegionsBeyondTheLimitAreUnmapped() {
        let source = TmemSlabSource()
        let limit = TmemSlabSource.retainedLimit / TmemSlabSource.regionSize     // 32 regions
        #expect(limit == 32)
        let perRegion = TmemSlabSource.slabsPerRegion                             // 32 slabs
        let slabs = (0..<(limit + 3) * perRegion).map { _ in source.take() }
        #expect(source.mapped == (used: limit + 3, spare: 0))
        for s in slabs { source.release(s) }
        #expect(source.mapped == (used: 0, spare: limit))
    }
}
