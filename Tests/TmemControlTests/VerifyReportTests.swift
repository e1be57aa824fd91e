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
        let kernel = VerifyReport.Kernel(release: "6.18", chainSize: 8, chainSizeSource: "/proc/config.gz", hugeClassSize: 3625)
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

@Suite struct VerifyCleanupFailureTests {
    struct Boom: Error {}

    @Test func aCleanupFailureFailsTheAlgorithmAndTheReport() {
        let kernel = VerifyReport.Kernel(release: "6.18", chainSize: 8, chainSizeSource: "/proc/config.gz", hugeClassSize: 3625)
        let corpus = VerifyReport.Corpus(path: nil, pages: 1)
        let ok = AlgorithmVerification(algorithm: .lzo, device: "zram1",
                                       fields: [FieldComparison(source: "mm_stat", field: "a", predicted: 1, live: 1)])
        let leaky = ok.withCleanupFailures(["remove zram1: busy"])
        #expect(ok.withCleanupFailures([]).status == .passed)
        #expect(leaky.status == .failed)
        #expect(leaky.cleanupFailures == ["remove zram1: busy"])
        #expect(VerifyReport(corpus: corpus, path: .block, zswap: false, kernel: kernel, results: [ok]).passed)
        #expect(!VerifyReport(corpus: corpus, path: .block, zswap: false, kernel: kernel, results: [ok, leaky]).passed)
        let skippedLeaky = AlgorithmVerification.skipped(.lz4, reason: "no lz4").withCleanupFailures(["remove zram2: busy"])
        #expect(!VerifyReport(corpus: corpus, path: .block, zswap: false, kernel: kernel, results: [ok, skippedLeaky]).passed)
    }

    @Test func anInterruptionOnlyClaimsACleanExitWhenItWasOne() {
        #expect(Interrupted(signal: 2).description.contains("everything created was removed"))
        let leaky = Interrupted(signal: 15, cleanupFailures: ["remove zram1: busy"])
        #expect(!leaky.description.contains("everything created was removed"))
        #expect(leaky.description.contains("remove zram1: busy"))
        #expect(leaky.exitCode == 143)
    }

    @Test func theErrorPathCarriesCleanupFailures() throws {
        // A failing undo after an ordinary error: the error is kept and the leftover named.
        #expect {
            _ = try CleanupStack.run { cleanup -> Int in
                cleanup.push("remove zram1") { throw Boom() }
                throw Boom()
            }
        } throws: { error in
            guard let e = error as? CleanupIncomplete else { return false }
            return e.error is Boom && e.failures.count == 1 && e.failures[0].hasPrefix("remove zram1: ")
        }
        // An interruption stays an interruption (same signal, exit 128+signal) and names the leftover.
        #expect {
            _ = try CleanupStack.run { cleanup -> Int in
                cleanup.push("remove zram1") { throw Boom() }
                throw Interrupted(signal: 2)
            }
        } throws: { error in
            guard let e = error as? Interrupted else { return false }
            return e.signal == 2 && e.cleanupFailures.count == 1
        }
        // Nothing failed: the original error unchanged.
        #expect(throws: Boom.self) { _ = try CleanupStack.run { _ -> Int in throw Boom() } }
        let (value, failures) = try CleanupStack.run { cleanup -> Int in
            cleanup.push("remove zram1") { throw Boom() }
            return 7
        }
        #expect(value == 7)
        #expect(failures.count == 1)
    }
}
