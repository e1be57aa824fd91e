import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `bench model` on the live kernel at 1 vs 1 and 2 vs 2: every scratch device's mm_stat (one device per
    /// writer, each holding its half of the pages) equals the model's prediction for that half, and no device is
    /// left behind. Speed targets are not checked here.
    @Suite struct ModelBenchLiveTests {
        @Test func bothPairingsPredictEveryDeviceAndRemoveThem() throws {
            try LiveKernel.exclusive {
                let before = ZramControl(root: LiveKernel.root).devices().map(\.name)
                let settings = VerifySettings(root: LiveKernel.root, features: KernelFeatures.detect(root: LiveKernel.root))
                let corpus = BuiltinCorpus.generate(pages: 512, seed: 5)
                let r = try ModelBench.run(corpus: corpus, seed: 5, algorithms: [.lzo], threads: 2, rounds: 1, settings: settings)
                #expect(r.results.count == 1)
                let pairings = r.results[0].pairings
                #expect(pairings.map(\.threads) == [1, 2])
                for p in pairings {
                    #expect(p.mmStatEqual, "\(p.threads) vs \(p.threads)")
                    #expect(p.roundRatios.count == 1 && p.modelMbPerS > 0 && p.kernelWriteMbPerS > 0)
                }
                #expect(ZramControl(root: LiveKernel.root).devices().map(\.name) == before)
            }
        }
    }
}
