import Foundation
import Testing
import TmemHost
import TmemTestSupport

/// Module state and loading decisions on fake roots, each built to look like one kind of host.
@Suite struct KernelModulesTests {
    /// A kernel like this machine's: no /proc/modules, zram-control present, nothing else to go by.
    func noModuleSupport() throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/sys/kernel/osrelease", "6.18.44-test\n")
        try f.file("proc/cmdline", "console=ttyS0 nomodule quiet\n")
        try f.file("sys/class/zram-control/hot_add", "1\n")
        return f
    }

    /// A modular kernel with an (empty) module tree for its release.
    func modular(release: String = "6.1.0-13-amd64") throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/sys/kernel/osrelease", release + "\n")
        try f.file("proc/cmdline", "root=/dev/vda1 ro\n")
        try f.file("proc/modules", "")
        try f.directory("lib/modules/\(release)")
        return f
    }

    @Test func withoutModuleSupportZramIsBuiltInAndLoadingExplainsWhy() throws {
        let f = try noModuleSupport()
        let k = KernelModules(root: f.root)
        #expect(k.support.loadableModules == false)
        #expect(k.support.commandLineNomodule)
        #expect(k.status(of: .zram).state == .builtin)
        #expect(k.status(of: .zsmalloc).state == .unsupported)
        #expect(throws: Never.self) { _ = try k.load("zram") }
        #expect(try k.load("zram").outcome == .alreadyPresent)
        do {
            _ = try k.load("zram", options: "num_devices=2")
            Issue.record("options for a built-in zram were accepted")
        } catch {
            #expect(error.description.contains("put zram.num_devices=2 on the kernel command line"), "\(error)")
        }
        do {
            _ = try k.load("zsmalloc")
            Issue.record("loaded a module without module support")
        } catch {
            #expect(error.errno == .noFunction)
            #expect(error.description.contains("no loadable module support"), "\(error)")
            #expect(error.description.contains("'nomodule'"), "\(error)")
        }
    }

    @Test func initstateDecidesLoadedStates() throws {
        let f = try modular()
        for (text, state) in [("live\n", ModuleState.live), ("coming\n", .coming), ("going\n", .going)] {
            try f.file("sys/module/zram/initstate", text)
            #expect(KernelModules(root: f.root).status(of: .zram).state == state)
        }
        try f.file("sys/module/zram/initstate", "live\n")
        let r = try KernelModules(root: f.root).load("zram", options: "num_devices=4")
        #expect(r.outcome == .alreadyPresent)
        #expect(r.note?.contains("num_devices=4 did not apply") == true)
        try f.file("sys/module/zram/initstate", "going\n")
        #expect(throws: HostError.self) { _ = try KernelModules(root: f.root).load("zram") }
    }

    @Test func builtInFromSysModuleModulesBuiltinOrConfig() throws {
        let a = try modular()
        try a.directory("sys/module/zram/parameters")          // a built-in module with parameters: no initstate
        #expect(KernelModules(root: a.root).status(of: .zram).state == .builtin)

        let b = try modular(release: "6.1.0-13-amd64")
        try b.file("lib/modules/6.1.0-13-amd64/modules.builtin", "kernel/mm/zsmalloc.ko\nkernel/drivers/block/zram/zram.ko\n")
        #expect(KernelModules(root: b.root).status(of: "zram").state == .builtin)
        #expect(KernelModules(root: b.root).status(of: "zsmalloc").state == .builtin)

        let c = try modular(release: "6.1.0-13-amd64")
        try c.file("boot/config-6.1.0-13-amd64", "CONFIG_ZSMALLOC=m\nCONFIG_ZRAM=y\n")
        let s = KernelModules(root: c.root).status(of: .zram)
        #expect(s.state == .builtin)
        #expect(s.evidence == "CONFIG_ZRAM=y in \(c.root.absolute("boot/config-6.1.0-13-amd64"))")
        #expect(KernelModules(root: c.root).status(of: .zsmalloc).state == .notFound)   // =m, and not in the tree
    }

    @Test func aMissingModuleIsENOENTNamingTheTree() throws {
        let f = try modular()
        let s = KernelModules(root: f.root).status(of: "zram")
        #expect(s.state == .notFound)
        do {
            _ = try KernelModules(root: f.root).load("zram")
            Issue.record("loaded a module that is not in the tree")
        } catch {
            #expect(error.errno == .noSuchFileOrDirectory)
            #expect(error.description.contains("module zram not found in \(f.root.absolute("lib/modules/6.1.0-13-amd64"))"), "\(error)")
        }
        // No tree at all for the running release: the package to install is named.
        let g = try FakeRoot()
        try g.file("proc/sys/kernel/osrelease", "6.1.0-13-amd64\n")
        try g.file("proc/modules", "")
        #expect(throws: HostError.self) { _ = try KernelModules(root: g.root).load("zram") }
        #expect(KernelModules(root: g.root).support.limitation?.contains("linux-image-6.1.0-13-amd64") == true)
    }

    @Test func modprobeDBlacklistUnderTheRootIsRead() throws {
        let f = try modular()
        try f.file("etc/modprobe.d/local.conf", "# keep zram out\nblacklist zram\noptions zsmalloc foo=1\n")
        #expect(KernelModules(root: f.root).status(of: "zram").blacklisted)
        #expect(!KernelModules(root: f.root).status(of: "zsmalloc").blacklisted)
    }

    @Test func namesAreNormalizedAsTheKernelDoes() {
        #expect(KernelModules.normalized("zram") == "zram")
        #expect(KernelModules.normalized("lz4-compress") == "lz4_compress")
    }
}
