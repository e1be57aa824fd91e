import Testing
@testable import TmemControl
import TmemCore

/// The bench's bookkeeping, worked by hand: which corpora count as having duplicates, and which rounds the
/// shared busy-round rule keeps. Speeds are never asserted here; the live side is TmemBenchLiveTests.
@Suite struct TmemBenchTests {
    static func page(_ seed: UInt8) -> [UInt8] { (0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed } }

    /// A, B, A, zero, zero, C, B, same-filled 0x07 twice: A and B repeat once each (2); the repeated zero and
    /// 0x07 pages are same-filled, which tmem keeps as a fill word without deduplication, so they do not count.
    @Test func duplicatesAreExactRepeatsOfPagesThatAreNotSameFilled() throws {
        let zero = [UInt8](repeating: 0, count: pageSize), seven = [UInt8](repeating: 7, count: pageSize)
        var near = Self.page(1)
        near[pageSize - 1] ^= 1      // differs from A in its last byte only: not a duplicate
        let pages = [Self.page(1), Self.page(2), Self.page(1), zero, zero, Self.page(3), Self.page(2), seven, seven, near]
        let corpus = try PageCorpus(bytes: Array(pages.joined()))
        #expect(TmemBench.duplicatePages(corpus) == 2)
        #expect(TmemBench.duplicatePages(try PageCorpus(bytes: Array([Self.page(4), Self.page(5), zero, zero].joined()))) == 0)
    }

    /// Two threads, share 0.8: a round needs 1.6 cores on every side. Attempts 2 and 4 fall short, so five
    /// rounds take seven attempts; with every attempt short, the rounds are the last discarded ones, flagged.
    @Test func roundsOnBusyCoresAreDiscardedRetriedAndFlagged() {
        let cores: [[Double]] = [[2, 1.9], [2, 1.2], [1.7, 1.6], [0.9, 2], [1.8, 1.8], [2, 2], [1.95, 1.99]]
        var seen: [Int] = []
        let r = BenchStatistics.roundsOnFreeCores(5, threads: 2, share: 0.8) { attempt, _, _ in
            seen.append(attempt)
            return (attempt, cores[attempt - 1])
        }
        #expect(seen == [1, 2, 3, 4, 5, 6, 7])
        #expect(r.kept == [1, 3, 5, 6, 7])
        #expect(r.discarded == 2)
        #expect(r.onFreeCores)

        let busy = BenchStatistics.roundsOnFreeCores(3, threads: 2, share: 0.8) { attempt, _, _ in (attempt, [1.0, 2.0]) }
        #expect(busy.kept == [9, 8, 7])
        #expect(busy.discarded == 9)
        #expect(!busy.onFreeCores)
    }

    @Test func spreadIsTheLowestAndHighestRound() {
        let s = BenchSpread([0.93, 0.88, 1.02, 0.95])
        #expect(s.min == 0.88 && s.max == 1.02)
    }
}
