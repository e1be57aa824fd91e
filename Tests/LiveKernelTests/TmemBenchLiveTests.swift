import Testing
import TmemControl
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// The bench's zram side on the live kernel: it measures something, verifies every page it read back (it
    /// throws otherwise), and leaves no scratch device behind. Speed targets are not checked here.
    @Suite(.tags(.slow)) struct TmemBenchLiveTests {
        @Test func benchRunsOnAScratchDeviceAndRemovesIt() throws {
            try LiveKernel.exclusive {
                let before = ZramControl(root: LiveKernel.root).devices().map(\.name)
                let bench = TmemBench(pages: 256, seed: 3, rounds: 1, algorithm: .lzo, root: LiveKernel.root)
                let r = try bench.run()
                #expect(r.device != "zram0")
                #expect(r.results.map(\.threads) == [1, 2])
                for s in r.results {
                    #expect(s.putMbPerS > 0 && s.getMbPerS > 0 && s.zramWriteMbPerS > 0 && s.zramReadMbPerS > 0)
                    // One round asked for, one reported (taken from the discarded ones if the cores were busy).
                    #expect(s.putRoundRatios.count == 1 && s.getRoundRatios.count == 1)
                    #expect(s.measuredOnFreeCores || s.discardedRounds > 0)
                }
                #expect(ZramControl(root: LiveKernel.root).devices().map(\.name) == before)
            }
        }
    }
}
