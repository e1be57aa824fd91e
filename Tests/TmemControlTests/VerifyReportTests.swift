import Testing
import TmemControl
import TmemCore

@Suite struct VerifyReportTests {
    @Test func fieldStatusIsEqualBoundedOrDifferent() {
        #expect(FieldComparison(source: "mm_stat", field: "x", predicted: 10, live: 10).status == .equal)
        let bounded = FieldComparison(source: "pagemap", field: "x", predicted: 100, live: 97, allowed: 3)
        #expect(bounded.status == .bounded)
        #expect(bounded.difference == -3)
        #expect(FieldComparison(source: "pagemap", field: "x", predicted: 100, live: 96, allowed: 3).status == .different)
        let up = FieldComparison(source: "mm_stat", field: "x", predicted: 5, live: 7)
        #expect(up.status == .different)
        #expect(up.difference == 2)
    }

    @Test func aReportPassesOnlyWhenNothingFailedAndSomethingRan() {
        let kernel = VerifyReport.Kernel(release: "6.18", chainSize: 8, hugeClassSize: 3625)
        let corpus = VerifyReport.Corpus(path: nil, pages: 1)
        let ok = AlgorithmVerification(algorithm: .lzo, device: "zram1",
                                       fields: [FieldComparison(source: "mm_stat", field: "a", predicted: 1, live: 1)])
        let bad = AlgorithmVerification(algorithm: .lz4, device: "zram1",
                                        fields: [FieldComparison(source: "mm_stat", field: "a", predicted: 1, live: 2)])
        let skipped = AlgorithmVerification.skipped(.lz4, reason: "no lz4")
        #expect(ok.status == .passed)
        #expect(bad.status == .failed)
        #expect(VerifyReport(corpus: corpus, path: .block, zswap: false, kernel: kernel, results: [ok, skipped]).passed)
        #expect(!VerifyReport(corpus: corpus, path: .block, zswap: false, kernel: kernel, results: [ok, bad]).passed)
        #expect(!VerifyReport(corpus: corpus, path: .swap, zswap: true, kernel: kernel, results: [skipped]).passed)
    }

    @Test func cleanupRunsLastInFirstOutAndKeepsGoingPastFailures() {
        struct Boom: Error {}
        var order: [Int] = []
        let stack = CleanupStack()
        stack.push("one") { order.append(1) }
        stack.push("two") { throw Boom() }
        stack.push("three") { order.append(3) }
        stack.unwind()
        #expect(order == [3, 1])
        #expect(stack.failures.count == 1)
        #expect(stack.failures.first?.hasPrefix("two: ") == true)
        stack.unwind()
        #expect(order == [3, 1])
    }

    @Test func notReclaimedBoundIsOnePercentWithAFloorOfEightPages() {
        #expect(SwapPathVerification.notReclaimedBound(pages: 100) == 8)
        #expect(SwapPathVerification.notReclaimedBound(pages: 4096) == 40)
    }
}
