import Testing
import TmemHost

/// pagemap words built by hand from Documentation/admin-guide/mm/pagemap.rst's bit layout.
@Suite struct PagemapEntryTests {
    @Test func swappedEntryCarriesTypeAndOffset() {
        // bit 62 swapped; type 3 in bits 0-4; offset 0x12345 in bits 5-54.
        let raw: UInt64 = (1 << 62) | (0x12345 << 5) | 3
        let e = PagemapEntry(raw: raw)
        #expect(e.isSwapped && !e.isPresent)
        #expect(e.swapType == 3)
        #expect(e.swapOffset == 0x12345)
    }

    @Test func presentEntryIsNotSwapped() {
        let e = PagemapEntry(raw: (1 << 63) | 0xABCDE)
        #expect(e.isPresent && !e.isSwapped)
    }
}
