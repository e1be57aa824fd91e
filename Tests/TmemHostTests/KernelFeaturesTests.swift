import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

@Suite struct KernelFeaturesTests {
    static let config = "# comment\nCONFIG_ZSMALLOC=y\nCONFIG_ZSMALLOC_CHAIN_SIZE=16\nCONFIG_ZRAM=y\n"

    @Test func readsChainSizeFromProcConfigGz() throws {
        let fake = try FakeRoot()
        try fake.file("proc/sys/kernel/osrelease", "6.18.44-fc-v595\n")
        try fake.gzippedFile("proc/config.gz", Self.config)
        let features = KernelFeatures.detect(root: fake.root)
        #expect(features.chainRule == .leastWaste(chainSize: 16))
        #expect(features.chainRuleSource == .procConfig)
        #expect(features.hugeClassSize == 3833)
        #expect(features.release == "6.18.44-fc-v595")
    }

    @Test func fallsBackToBootConfig() throws {
        let fake = try FakeRoot()
        try fake.file("proc/sys/kernel/osrelease", "6.6.1\n")
        try fake.file("boot/config-6.6.1", "CONFIG_ZSMALLOC_CHAIN_SIZE=4\n")
        let features = KernelFeatures.detect(root: fake.root)
        #expect(features.chainRule == .leastWaste(chainSize: 4) && features.chainRuleSource == .bootConfig)
        #expect(features.hugeClassSize == 3257)
    }

    @Test func versionFallback() throws {
        let new = try FakeRoot()
        try new.file("proc/sys/kernel/osrelease", "6.12.19\n")
        #expect(KernelFeatures.detect(root: new.root).chainRule == .leastWaste(chainSize: 8))
        #expect(KernelFeatures.detect(root: new.root).hugeClassSize == 3625)
        let old = try FakeRoot()
        try old.file("proc/sys/kernel/osrelease", "6.1.0-13-amd64\n")
        // Even with a stray config line, a 6.1 kernel has no chain size.
        try old.file("boot/config-6.1.0-13-amd64", "CONFIG_ZSMALLOC_CHAIN_SIZE=8\n")
        let f = KernelFeatures.detect(root: old.root)
        #expect(f.chainRule == .usagePercent && f.chainRuleSource == .kernelVersion && f.hugeClassSize == 3257)
    }

    @Test func parsesReleases() {
        #expect(KernelFeatures.version(ofRelease: "6.18.44-fc-v595")! == (6, 18))
        #expect(KernelFeatures.version(ofRelease: "5.15.0-91-generic")! == (5, 15))
        #expect(KernelFeatures.version(ofRelease: "garbage") == nil)
        #expect(KernelFeatures.chainSize(in: KernelConfig(source: .bootConfig, path: "", text: "CONFIG_ZSMALLOC_CHAIN_SIZE=3\n")) == nil)
        #expect(KernelFeatures.chainSize(in: KernelConfig(source: .bootConfig, path: "", text: "# CONFIG_ZSMALLOC is not set\n")) == nil)
    }
}
