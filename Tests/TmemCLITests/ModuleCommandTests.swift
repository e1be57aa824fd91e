import Foundation
import Testing
import TmemTestSupport

/// `tmemctl module ...` through the built binary on fake roots: exit codes, streams and the advice given.
@Suite struct ModuleCommandTests {
    func builtinHost(zramControl: Bool = true) throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/sys/kernel/osrelease", "6.18.44-test\n")
        try f.file("proc/cmdline", "console=ttyS0 nomodule\n")
        if zramControl { try f.file("sys/class/zram-control/hot_add", "1\n") }
        return f
    }

    @Test func statusReportsBuiltinZramAsJSON() throws {
        let f = try builtinHost()
        let r = try TmemctlRunner.run(["module", "status", "zram", "--json", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let modules = try #require(json["modules"] as? [[String: Any]])
        #expect(modules.count == 1)
        #expect(modules.first?["name"] as? String == "zram")
        #expect(modules.first?["state"] as? String == "builtin")
        let support = try #require(json["support"] as? [String: Any])
        #expect(support["loadable_modules"] as? Bool == false)
        #expect(support["command_line_nomodule"] as? Bool == true)
    }

    @Test func loadingOptionsIntoABuiltinZramPointsToTheCommandLine() throws {
        let f = try builtinHost()
        let r = try TmemctlRunner.run(["module", "load", "--num-devices", "2", "--root", f.directory.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("tmemctl: zram: cannot apply num_devices=2 ("))
        #expect(r.stderr.contains("put zram.num_devices=2 on the kernel command line"))
        let plain = try TmemctlRunner.run(["module", "load", "--root", f.directory.path])
        #expect(plain.status == 0)
        #expect(plain.stdout == "zram: builtin (nothing loaded)\n")
    }

    @Test func withoutModuleSupportOtherModulesFailWithENOSYS() throws {
        let f = try builtinHost()
        let r = try TmemctlRunner.run(["module", "load", "lz4", "--root", f.directory.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tmemctl: lz4: cannot load module: ENOSYS (this kernel has no loadable module support"))
    }

    @Test func zramAddExplainsAMissingZram() throws {
        let f = try builtinHost(zramControl: false)
        try f.file("proc/meminfo", "MemTotal:        8000000 kB\n")
        let r = try TmemctlRunner.run(["zram", "add", "--size", "64M", "--root", f.directory.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("zram is not available: this kernel has no loadable module support"), "\(r.stderr)")
    }

    /// A request that is wrong whatever the kernel (too small for swap, a relative backing device) is a usage
    /// error before tmemctl looks for zram, let alone loads it.
    @Test(arguments: [
        ["zram", "add", "--size", "16K", "--swap"],
        ["zram", "add", "--size", "64M", "--backing-dev", "sdb2"],
        ["zram", "add", "--size", "8K", "--swap", "--dry-run"],
    ])
    func zramAddRefusesABadRequestBeforeLookingForZram(_ args: [String]) throws {
        let f = try builtinHost(zramControl: false)
        try f.file("proc/meminfo", "MemTotal:        8000000 kB\n")
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(!r.stderr.contains("zram is not available"))
    }

    @Test(arguments: [
        ["module", "load", "--num-devices", "5000"],
        ["module", "load", "--num-devices", "-1"],
        ["module", "load", "zsmalloc", "--num-devices", "2"],
        ["module", "load", "../zram"],
        ["module", "load", "--options", "a=1;reboot"],
        ["module", "status", "bad name"],
    ])
    func badInputIsAUsageError(_ args: [String]) throws {
        let f = try builtinHost()
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
