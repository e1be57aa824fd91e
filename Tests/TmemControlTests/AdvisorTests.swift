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
        #expect(Advisor.best([cost(.lz4, 4096), cost(.lzo, 8192)])?.algorithm == .lz4)
        #expect(Advisor.best([cost(.lz4, 4096), cost(.lzoRle, 4096)])?.algorithm == .lzoRle)
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
        #expect(Advisor.best([a, b])?.algorithm == .lzo)
    }
}

/// Levels, the balanced choice and mem_limit, with figures worked out by hand.
@Suite struct AdvisorLevelsTests {
    static func entry(_ a: CompressionAlgorithm, level: Int?, pool: UInt64, cpu: Double?) -> AdviseReport.AlgorithmCost {
        let c = cpu.map { CompressorCPUCost(compressNanosecondsPerPage: $0, compressSpread: .init(min: $0, max: $0),
                                            decompressNanosecondsPerPage: 1000, decompressSpread: .init(min: 1000, max: 1000),
                                            pagesTimed: 1, rounds: 1) }
        return Advisor.cost(CompressorSettings(a, level: level), stat: MMStat(origDataSize: 1 << 20, memUsedTotal: pool),
                            pages: 256, atScale: pool, cpu: c)
    }

    @Test func levelsAreRankedOnlyWhereTheKernelTakesAlgorithmParams() {
        // zram's backends (6.12 on) take level=; the crypto API of 6.1 takes no parameters.
        let backend = AdviseCandidates.settings(algorithms: [.lz4, .zstd], path: .zramBackend, levels: .all)
        #expect(backend.filter { $0.algorithm == .lz4 }.count == 1)
        // zstd 1...22: the default (nil, level 3) and the 21 others.
        #expect(backend.filter { $0.algorithm == .zstd }.count == 22)
        #expect(Set(backend.filter { $0.algorithm == .zstd }.map(\.effectiveLevel)).count == 22)
        let crypto = AdviseCandidates.settings(algorithms: [.lz4, .lz4hc, .zstd], path: .cryptoAPI, levels: .all)
        #expect(crypto.map(\.level) == [nil, nil, nil])
        #expect(crypto.allSatisfy { $0.invalidReason == nil })
        let defaults = AdviseCandidates.settings(algorithms: [.lz4hc, .deflate], path: .zramBackend, levels: .default)
        #expect(defaults.map(\.effectiveLevel) == [9, 6])
    }

    @Test func anEntryNamesItsLevelAndTheAlgorithmParamsThatSetIt() {
        let e = Self.entry(.zstd, level: 9, pool: 1, cpu: nil)
        #expect(e.name == "zstd level=9" && e.level == 9 && !e.defaultLevel)
        #expect(e.algorithmParams == "algo=zstd level=9")
        let d = Self.entry(.zstd, level: nil, pool: 1, cpu: nil)
        #expect(d.name == "zstd level=3" && d.defaultLevel && d.algorithmParams == nil)
        #expect(Self.entry(.lz4, level: nil, pool: 1, cpu: nil).name == "lz4")
    }

    @Test func balancedIsTheCheapestWithinFivePercentOfTheBestPool() {
        // Best pool 100000; bound 105000: zstd-22 (100000, 900 µs), zstd-9 (104000, 100 µs) qualify;
        // zstd-3 (106000, 20 µs) does not.
        let results = [Self.entry(.zstd, level: 22, pool: 100_000, cpu: 900_000),
                       Self.entry(.zstd, level: 9, pool: 104_000, cpu: 100_000),
                       Self.entry(.zstd, level: 3, pool: 106_000, cpu: 20_000)]
        #expect(Advisor.best(results)?.name == "zstd level=22")
        #expect(Advisor.balanced(results)?.name == "zstd level=9")
        #expect(Advisor.ranked(results.reversed()).map(\.level) == [22, 9, 3])
        #expect(Advisor.balanced([Self.entry(.zstd, level: 22, pool: 1, cpu: nil)]) == nil)
    }

    @Test func memLimitIsTheBudgetLessTheSlotTable() {
        // 25% of 1 GiB = 268435456; a 1 GiB device has 262144 slots × 16 B = 4194304 → 264241152 (whole pages).
        #expect(Advisor.memLimit(memTotal: 1 << 30, percent: 25, disksize: 1 << 30) == 264_241_152)
        // A slot table larger than the budget leaves nothing: 1% of 1 MiB = 10485 B < 256 GiB's 1 GiB of slots.
        #expect(Advisor.memLimit(memTotal: 1 << 20, percent: 1, disksize: 1 << 38) == 0)
        // Recommended disksize 532705280 at ratio 2 (see above): 130055 slots × 16 = 2080880;
        // 268435456 − 2080880 = 266354576 → 65027 pages = 266350592.
        let c = Advisor.cost(.lzo, stat: MMStat(origDataSize: 8192, memUsedTotal: 4096), pages: 2)
        let d = Advisor.disksize(for: c, memTotal: 1 << 30, poolPercent: 25, disksize: 1 << 30)
        #expect(d.recommendedDisksize == 532_705_280)
        #expect(d.recommendedMemLimit == 266_350_592)
        #expect(d.memLimitForDisksize == 264_241_152)
    }
}
