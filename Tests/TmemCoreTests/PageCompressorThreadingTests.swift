import Foundation
import Testing
import TmemCore

/// Each PageCompressor owns its work memory, so one per thread runs in parallel without interference:
/// both threads must produce exactly the sizes of a single-threaded run.
@Suite struct PageCompressorThreadingTests {
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var sizes: [Int: [Int]] = [:]
        func store(_ k: Int, _ v: [Int]) { lock.lock(); sizes[k] = v; lock.unlock() }
    }

    @Test(arguments: CompressionAlgorithm.allCases)
    func twoThreadsMatchOneThread(_ algorithm: CompressionAlgorithm) {
        let corpus = BuiltinCorpus.generate(pages: 200, seed: 21)
        let sequential = PageCompressor(algorithm)
        let expected = (0..<corpus.pageCount).map { i in corpus.withPage(i) { sequential.compress($0) } }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let mine = PageCompressor(algorithm)
            var sizes: [Int] = []
            for round in 0..<3 {
                // The two threads walk the pages in opposite orders, so their dictionaries never agree.
                let order = (k + round) % 2 == 0 ? Array(0..<corpus.pageCount) : Array((0..<corpus.pageCount).reversed())
                var bySlot = [Int](repeating: 0, count: corpus.pageCount)
                for i in order { bySlot[i] = corpus.withPage(i) { mine.compress($0) } }
                sizes = bySlot
            }
            results.store(k, sizes)
        }
        #expect(results.sizes[0] == expected)
        #expect(results.sizes[1] == expected)
    }
}
