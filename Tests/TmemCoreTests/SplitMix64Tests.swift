import Testing
import TmemCore

@Suite struct SplitMix64Tests {
    /// Reference outputs of SplitMix64 for seed 0, as published with the algorithm (Vigna's splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }
}
