import Testing
@testable import TmemCore

/// zbud's geometry from docs/kernel-notes.md#zbud-kztmem: a 128-byte header leaves 62 chunks of 64 bytes; a buddy may use 61.
@Suite struct ZbudTests {
    @Test func geometryMatchesKztmem() {
        #expect(Zbud.chunksPerFrame == 62)
        #expect(Zbud.maxBuddySize == 3904)
        #expect(Zbud.chunks(for: 1) == 1)
        #expect(Zbud.chunks(for: 64) == 1)
        #expect(Zbud.chunks(for: 65) == 2)
    }

    @Test func twoBuddiesShareAFrameOnlyWhenTheirChunksFit() {
        let z = Zbud()
        // 3904 B = 61 chunks; a 64 B buddy (1 chunk) completes the 62.
        let a = z.allocate(3904)
        #expect(a != nil && z.totalPages == 1)
        #expect(z.pagesNeeded(forAllocating: 64) == 0)
        #expect(z.pagesNeeded(forAllocating: 65) == 1)
        _ = z.allocate(64)
        #expect(z.totalPages == 1)
        // The frame is full: a third object of any size opens a new frame.
        #expect(z.pagesNeeded(forAllocating: 1) == 1)
        #expect(z.allocate(3905) == nil)
        #expect(z.allocate(0) == nil)
    }

    @Test func freeingBothBuddiesReleasesTheFrame() {
        let z = Zbud()
        let a = z.allocate(1900)!, b = z.allocate(1900)!   // 30 + 30 chunks: one frame
        #expect(z.totalPages == 1)
        z.free(a)
        #expect(z.totalPages == 1)
        z.free(b)
        #expect(z.totalPages == 0)
    }

    @Test func tightestFitIsChosen() {
        let z = Zbud()
        _ = z.allocate(640)      // 10 chunks, frame A
        _ = z.allocate(3200)     // 50 chunks: 10 + 50 = 60 <= 62, so it joins A
        #expect(z.totalPages == 1)
        _ = z.allocate(1280)     // 20 chunks, frame B
        _ = z.allocate(2560)     // 40 chunks: 20 + 40 = 60 <= 62, so it joins B
        #expect(z.totalPages == 2)
        _ = z.allocate(320)      // 5 chunks: every frame is buddied, so a new frame D
        _ = z.allocate(128)      // 2 chunks fits D (5 + 2)
        #expect(z.totalPages == 3)
    }

    @Test func evictionTakesTheLeastRecentlyUsedFrame() {
        let z = Zbud()
        let a = z.allocate(3000)!   // frame 1 (47 chunks)
        let b = z.allocate(3000)!   // frame 2
        let c = z.allocate(3000)!   // frame 3
        _ = z.allocate(500)         // 8 chunks: joins a frame with 47 used (tightest fit: all equal, any),
        #expect(z.totalPages == 3)  // which then becomes the most recently used
        var evicted: [[UInt64]] = []
        while z.totalPages > 0 { evicted.append(z.evictOldestFrame()) }
        #expect(evicted.count == 3)
        // The frame that received the fourth object is evicted last and takes both objects with it.
        #expect(evicted.last!.count == 2)
        #expect(Set(evicted.flatMap { $0 }).isSuperset(of: [a, b, c]))
        #expect(z.objectCount == 0)
    }
}
