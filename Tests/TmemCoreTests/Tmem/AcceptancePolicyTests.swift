import Testing
import TmemCore

/// Thresholds from docs/kernel-notes.md#zcache-original, #zbud-kztmem, restated as numbers: PAGE_SIZE/2 = 2048, zbud max 3904,
/// 7/8 page = 3584, 5/8 page = 2560, 75% of RAM.
@Suite struct AcceptancePolicyTests {
    let empty = AcceptancePolicy.PoolView(storedPages: 0, poolBytes: 0, totalRAMPages: nil)

    @Test func zcache2010KeepsHalfAPageOrLess() {
        #expect(AcceptancePolicy.zcache2010.verdict(length: 2048, persistent: false, pool: empty) == .accept)
        #expect(AcceptancePolicy.zcache2010.verdict(length: 2049, persistent: false, pool: empty) == .compressPoor)
        #expect(AcceptancePolicy.zcache2010.verdict(length: 2049, persistent: true, pool: empty) == .compressPoor)
    }

    @Test func kztmemEphemeralLimitIsTheZbudMaximum() {
        #expect(AcceptancePolicy.kztmem.verdict(length: 3904, persistent: false, pool: empty) == .accept)
        #expect(AcceptancePolicy.kztmem.verdict(length: 3905, persistent: false, pool: empty) == .compressPoor)
    }

    @Test func kztmemPersistentLimitIsSevenEighths() {
        #expect(AcceptancePolicy.kztmem.verdict(length: 3584, persistent: true, pool: empty) == .accept)
        #expect(AcceptancePolicy.kztmem.verdict(length: 3585, persistent: true, pool: empty) == .compressPoor)
    }

    @Test func kztmemMeanRuleOnlyBitesAboveFiveEighths() {
        // 10 objects in 10 pool pages: mean 4096 > 2560.
        let poor = AcceptancePolicy.PoolView(storedPages: 10, poolBytes: 40960, totalRAMPages: nil)
        #expect(AcceptancePolicy.kztmem.verdict(length: 2561, persistent: true, pool: poor) == .meanCompressPoor)
        #expect(AcceptancePolicy.kztmem.verdict(length: 2560, persistent: true, pool: poor) == .accept)
        // Mean exactly 2560 (10 objects in 25600 bytes) is not above the limit.
        let edge = AcceptancePolicy.PoolView(storedPages: 10, poolBytes: 25600, totalRAMPages: nil)
        #expect(AcceptancePolicy.kztmem.verdict(length: 3000, persistent: true, pool: edge) == .accept)
    }

    @Test func kztmemPageCountRule() {
        // RAM of 100 pages: more than 75 stored persistent pages stops persistent puts.
        let at = AcceptancePolicy.PoolView(storedPages: 75, poolBytes: 0, totalRAMPages: 100)
        let over = AcceptancePolicy.PoolView(storedPages: 76, poolBytes: 0, totalRAMPages: 100)
        #expect(AcceptancePolicy.kztmem.verdict(length: 100, persistent: true, pool: at) == .accept)
        #expect(AcceptancePolicy.kztmem.verdict(length: 100, persistent: true, pool: over) == .pageCountPolicy)
    }

    @Test func oursKeepsWhatCostsLessThanAFrame() {
        #expect(AcceptancePolicy.ours.verdict(length: 3624, persistent: true, pool: empty) == .accept)
        #expect(AcceptancePolicy.ours.verdict(length: 3625, persistent: true, pool: empty) == .compressPoor)
        #expect(AcceptancePolicy.ours.verdict(length: 3904, persistent: false, pool: empty) == .accept)
        #expect(AcceptancePolicy.zswap.verdict(length: 4096, persistent: true, pool: empty) == .accept)
    }

    @Test func namesAreTheCommandLineSpellings() {
        #expect(AcceptancePolicy.allCases.map(\.rawValue) == ["zcache-2010", "kztmem", "ours", "zswap"])
    }
}
