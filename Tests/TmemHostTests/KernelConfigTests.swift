import Foundation
import Testing
import TmemHost
import TmemTestSupport

/// The one kernel-configuration reader, on fake roots holding each of its three sources.
@Suite struct KernelConfigTests {
    static let release = "6.12.48+deb13-amd64"

    func root(release: String? = Self.release) throws -> FakeRoot {
        let f = try FakeRoot()
        if let release { try f.file("proc/sys/kernel/osrelease", release + "\n") }
        return f
    }

    @Test func procConfigGzComesFirst() throws {
        let f = try root()
        try f.gzippedFile("proc/config.gz", "CONFIG_ZRAM=y\nCONFIG_ZSMALLOC_CHAIN_SIZE=8\n")
        try f.file("boot/config-\(Self.release)", "CONFIG_ZRAM=m\n")
        let c = try #require(KernelConfig.read(root: f.root))
        #expect(c.source == .procConfigGz)
        #expect(c.path == f.root.absolute("proc/config.gz"))
        #expect(c.value("CONFIG_ZRAM") == "y" && c.integer("CONFIG_ZSMALLOC_CHAIN_SIZE") == 8)
    }

    @Test func bootConfigOfTheRunningRelease() throws {
        let f = try root()
        try f.file("boot/config-6.1.0-13-amd64", "CONFIG_ZRAM=y\n")     // another kernel's
        try f.file("boot/config-\(Self.release)", "CONFIG_ZRAM=m\n# CONFIG_ZRAM_WRITEBACK is not set\nCONFIG_ZRAM_DEF_COMP=\"lz4\"\n")
        try f.file("usr/lib/modules/\(Self.release)/config", "CONFIG_ZRAM=y\n")
        let c = try #require(KernelConfig.read(root: f.root))
        #expect(c.source == .bootConfig)
        #expect(c.path == f.root.absolute("boot/config-\(Self.release)"))
        #expect(c.value("CONFIG_ZRAM") == "m")
        #expect(c.value("CONFIG_ZRAM_WRITEBACK") == nil)
        #expect(c.value("CONFIG_ZRAM_DEF_COMP") == "\"lz4\"")
    }

    /// Debian's newest kernel packages install only /usr/lib/modules/RELEASE/config.
    @Test func modulesConfigWhenThereIsNoOther() throws {
        let f = try root()
        try f.file("usr/lib/modules/\(Self.release)/config", "CONFIG_ZSMALLOC=m\nCONFIG_ZSMALLOC_CHAIN_SIZE=8\n")
        let c = try #require(KernelConfig.read(root: f.root))
        #expect(c.source == .modulesConfig)
        #expect(c.path == f.root.absolute("usr/lib/modules/\(Self.release)/config"))
        #expect(c.value("CONFIG_ZSMALLOC") == "m")
        // The chain size read for the model says where it came from.
        let features = KernelFeatures.detect(root: f.root)
        #expect(features.chainRule == .leastWaste(chainSize: 8) && features.chainRuleSource == .modulesConfig)
        #expect(features.chainRuleOrigin == c.path)
    }

    @Test func noConfigurationAtAll() throws {
        #expect(KernelConfig.read(root: try root().root) == nil)
        // Without a release only /proc/config.gz can be looked for.
        let f = try root(release: nil)
        try f.file("boot/config-", "CONFIG_ZRAM=y\n")
        #expect(KernelConfig.read(root: f.root) == nil)
        let features = KernelFeatures.detect(root: f.root)
        #expect(features.chainRuleSource == .kernelVersion && features.chainRuleOrigin == "kernel version")
    }
}
