import Testing
import TmemControl
import TmemCore

/// The sizing arithmetic with numbers worked out by hand (exact fractions, then floored to whole pages).
@Suite struct AdvisorTests {
    @Test func aFullDeviceCostsPoolPlusSlotTable() {
        // 1 GiB at ratio 4: 256 MiB of pool + 262144 slots × 16 B = 4 MiB.
        let (total, table) = Advisor.ramWhenFull(disksize: 1 << 30, ratio: 4)
        #expect(table == 4 << 20)
        #expect(total == 260 << 20)
    }

    @Test func recommendedDisksizeKeepsAFullDeviceWithinTheBudget() {
        // 25% of 1 GiB = 268435456 B; per byte of disksize 1/2 + 16/4096 = 129/256; 268435456·256/129 =
        // 532709121.98 → 130055 whole pages = 532705280 B.
        #expect(Advisor.recommendedDisksize(memTotal: 1 << 30, percent: 25, ratio: 2) == 532_705_280)
    }

    @Test func bestIsTheSmallestPoolWithTiesInKernelOrder() {
        func cost(_ a: CompressionAlgorithm, _ used: UInt64) -> AdviseReport.AlgorithmCost {
            Advisor.cost(a, stat: MMStat(origDataSize: 8192, comprDataSize: 100, memUsedTotal: used), pages: 2)
        }
        #expect(Advisor.best([cost(.lz4, 4096), cost(.lzo, 8192)]) == .lz4)
        #expect(Advisor.best([cost(.lz4, 4096), cost(.lzoRle, 4096)]) == .lzoRle)
        #expect(cost(.lzo, 4096).ratio == 2)
        #expect(cost(.lzo, 4096).savedBytes == 4096)
    }

    @Test func aWorkloadThatBarelyCompressesIsNotWorthIt() {
        let poor = Advisor.cost(.lzo, stat: MMStat(origDataSize: 100 * 4096, memUsedTotal: 90 * 4096), pages: 100)
        let d = Advisor.disksize(for: poor, memTotal: 1 << 30, poolPercent: 25, disksize: 1 << 30)
        // 1 − 0.9 − 1/256 ≈ 0.096 < 0.2.
        #expect(!d.worthIt)
        #expect(abs(d.netSavingShare - (0.1 - 1.0 / 256)) < 1e-12)
    }
}

@Suite struct AdvisorEmptyPoolTests {
    @Test func onlySameFilledPagesGiveNoRatioAndCostOnlyTheSlotTable() {
        let c = Advisor.cost(.lzo, stat: MMStat(origDataSize: 8 * 4096, samePages: 8), pages: 8)
        #expect(c.ratio == nil)
        #expect(c.sameShare == 1)
        let d = Advisor.disksize(for: c, memTotal: 1 << 30, poolPercent: 25, disksize: 1 << 30)
        #expect(d.ramWhenFull == 4 << 20)
        #expect(d.worthIt)
    }
}

@Suite struct AdvisorAtScaleTests {
    @Test func poolAtScaleChargesEachObjectItsShareOfAZspage() {
        // Chain 8 (docs/kernel-notes.md#zsmalloc-class-tables): 100 + 8 → class 112, 7 pages per 256 objects; ≥ 3625 → a whole page;
        // same-filled → nothing. 2·7/256 + 1 = 1.0546875 pages = 4320 bytes.
        let table = ZsmallocClassTable(chainSize: 8)
        let contents: [PageContent] = [.compressed(100), .compressed(100), .compressed(3700), .sameFilled(7)]
        #expect(Advisor.poolAtScale(contents, table: table) == 4320)
    }

    @Test func rankingUsesThePoolAtScale() {
        let a = Advisor.cost(.lz4, stat: MMStat(origDataSize: 1 << 20, memUsedTotal: 300_000), pages: 256, atScale: 200_000)
        let b = Advisor.cost(.lzo, stat: MMStat(origDataSize: 1 << 20, memUsedTotal: 310_000), pages: 256, atScale: 150_000)
        #expect(Advisor.best([a, b]) == .lzo)
    }
}
