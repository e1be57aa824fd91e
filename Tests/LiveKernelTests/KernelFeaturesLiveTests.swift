import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    @Suite struct KernelFeaturesLive {
        /// docs/kernel-notes.md#test-host: this host runs 6.18 with CONFIG_ZSMALLOC_CHAIN_SIZE=8 and exposes /proc/config.gz.
        @Test func detectsChain8FromProcConfig() throws {
            try LiveKernel.exclusive {
                let f = KernelFeatures.detect(root: LiveKernel.root)
                #expect(f.chainRule == .leastWaste(chainSize: 8))
                #expect(f.chainRuleSource == .procConfig)
                #expect(f.hugeClassSize == 3625)
            }
        }
    }
}
