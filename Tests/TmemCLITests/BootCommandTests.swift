import Foundation
import Testing
import TmemTestSupport

/// `tmemctl boot ...` through the built binary on fake roots. Expected files are written out by hand.
@Suite struct BootCommandTests {
    static let grub = """
    # If you change this file, run 'update-grub' afterwards
    GRUB_DEFAULT=0
    GRUB_CMDLINE_LINUX_DEFAULT="quiet zswap.enabled=0"
    GRUB_CMDLINE_LINUX="root=UUID=0b1c ro"

    """

    /// The 6.18 host's shape (zram built in) with a command line and, optionally, boot configuration files.
    func host(grub: String? = Self.grub, kernelCmdline: String? = nil, modularZram: Bool = false) throws -> FakeRoot {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=UUID=0b1c ro quiet zswap.enabled=0\n")
        if let g = grub { try f.file("etc/default/grub", g) }
        if let k = kernelCmdline { try f.file("etc/kernel/cmdline", k) }
        try f.directory("etc/modprobe.d")
        if modularZram {
            try FileManager.default.removeItem(at: f.directory.appendingPathComponent("sys/class/zram-control"))
            try f.file("proc/modules", "zram 49152 0 - Live 0x0000000000000000\n")
            try f.file("sys/module/zram/initstate", "live\n")
        }
        return f
    }

    /// Every file under the root with its bytes, to prove a command changed nothing.
    func snapshot(_ f: FakeRoot) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = f.directory.path
        let e = FileManager.default.enumerator(atPath: base)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir) else { continue }
            out[rel] = isDir.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel))
        }
        return out
    }

    @Test func setReplacesTheExistingParameterAddsTheRestAndKeepsABackup() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "yes", "--zswap-max-pool-percent", "25",
                                       "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == Self.grub.replacingOccurrences(
            of: "\"quiet zswap.enabled=0\"", with: "\"quiet zswap.enabled=Y zswap.max_pool_percent=25\""))
        #expect(try f.contents("etc/default/grub.tmemctl-bak") == Self.grub)
        #expect(r.stdout.contains("edited \(f.directory.path)/etc/default/grub (previous version: \(f.directory.path)/etc/default/grub.tmemctl-bak)"))
        #expect(r.stdout.contains("next: regenerate GRUB's configuration: update-grub"))
        // Parameters are not written to the live kernel.
        #expect(try f.contents("sys/module/zswap/parameters/enabled") == "N\n")
    }

    @Test func aParameterAlreadyInGrubCmdlineLinuxIsEditedThere() throws {
        let f = try host(grub: "GRUB_CMDLINE_LINUX='ro zram.num_devices=1'\nGRUB_CMDLINE_LINUX_DEFAULT=\n")
        let r = try TmemctlRunner.run(["boot", "set", "--zram-num-devices", "3", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX='ro zram.num_devices=3'\nGRUB_CMDLINE_LINUX_DEFAULT=\n")
    }

    @Test func dryRunPrintsTheDiffAndChangesNothing() throws {
        let f = try host()
        let before = try snapshot(f)
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--dry-run", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try snapshot(f) == before)
        let path = "\(f.directory.path)/etc/default/grub"
        #expect(r.stdout == """
        --- \(path)
        +++ \(path)
        @@ -1,4 +1,4 @@
         # If you change this file, run 'update-grub' afterwards
         GRUB_DEFAULT=0
        -GRUB_CMDLINE_LINUX_DEFAULT="quiet zswap.enabled=0"
        +GRUB_CMDLINE_LINUX_DEFAULT="quiet zswap.enabled=Y"
         GRUB_CMDLINE_LINUX="root=UUID=0b1c ro"
        dry run: would edit \(path); nothing written

        """)
    }

    @Test func kernelCmdlineKeepsOtherParametersExactly() throws {
        let f = try host(grub: nil, kernelCmdline: "root=UUID=0b1c  ro quiet zswap.compressor=lzo\n")
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-compressor", "lzo-rle", "--zswap-shrinker-enabled", "on",
                                       "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/kernel/cmdline") == "root=UUID=0b1c  ro quiet zswap.compressor=lzo-rle zswap.shrinker_enabled=Y\n")
        #expect(r.stdout.contains("next: rebuild the boot entries: kernel-install add"))
        let u = try TmemctlRunner.run(["boot", "unset", "zswap.compressor", "zswap.shrinker-enabled", "--root", f.directory.path])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(try f.contents("etc/kernel/cmdline") == "root=UUID=0b1c  ro quiet\n")
    }

    @Test func explicitKernelCmdlineTargetStartsFromTheRunningCommandLine() throws {
        let f = try host(grub: nil)
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--target", "kernel-cmdline", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/kernel/cmdline") == "root=UUID=0b1c ro quiet zswap.enabled=Y\n")
        #expect(r.stderr.contains("created from the running command line"))
    }

    @Test func modularZramGoesToModprobeAndUnsetRemovesTheFile() throws {
        let f = try host(modularZram: true)
        let r = try TmemctlRunner.run(["boot", "set", "--zram-num-devices", "4", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let conf = try f.contents("etc/modprobe.d/tmemctl-zram.conf")
        #expect(conf.hasSuffix("\noptions zram num_devices=4\n"))
        #expect(conf.split(separator: "\n").allSatisfy { $0.hasPrefix("#") || $0 == "options zram num_devices=4" })
        #expect(try f.contents("etc/default/grub") == Self.grub)
        #expect(r.stdout.contains("next: zram reads these options when it is loaded"))
        let u = try TmemctlRunner.run(["boot", "unset", "zram.num_devices", "--root", f.directory.path])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(f.root.list("etc/modprobe.d") == ["tmemctl-zram.conf.tmemctl-bak"])
    }

    @Test func unsetRemovesTheParameterFromBothGrubVariables() throws {
        let f = try host(grub: "GRUB_CMDLINE_LINUX=\"ro zswap.enabled=1\"\nGRUB_CMDLINE_LINUX_DEFAULT='zswap.enabled=1 quiet'\n")
        let r = try TmemctlRunner.run(["boot", "unset", "zswap.enabled", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX=\"ro\"\nGRUB_CMDLINE_LINUX_DEFAULT='quiet'\n")
    }

    @Test func tmemctlsModprobeFileCanBeRemovedEvenWhenZramIsBuiltIn() throws {
        let f = try host()
        try f.file("etc/modprobe.d/tmemctl-zram.conf", "options zram num_devices=2\n")
        let r = try TmemctlRunner.run(["boot", "unset", "zram.num_devices", "--target", "modprobe", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.root.list("etc/modprobe.d") == ["tmemctl-zram.conf.tmemctl-bak"])
    }

    @Test func builtinZramGoesOnTheCommandLine() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["boot", "set", "--zram-num-devices", "2", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub").contains("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=0 zram.num_devices=2\""))
        #expect(!f.root.exists("etc/modprobe.d/tmemctl-zram.conf"))
    }

    @Test func aKconfigCompressorMissingFromProcCryptoIsAWarning() throws {
        let f = try host()
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-compressor", "zstd", "--dry-run", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: 'zstd' is not registered in /proc/crypto now"))
    }

    static let badInputs: [([String], String?, String?)] = [
        (["boot", "set"], Self.grub, nil),
        (["boot", "set", "--zswap-max-pool-percent", "101"], Self.grub, nil),
        (["boot", "set", "--zswap-accept-threshold-percent", "-1"], Self.grub, nil),
        (["boot", "set", "--zswap-enabled", "maybe"], Self.grub, nil),
        (["boot", "set", "--zswap-compressor", "brotli"], Self.grub, nil),
        (["boot", "set", "--zswap-compressor", "lz4;reboot"], Self.grub, nil),
        (["boot", "set", "--zram-num-devices", "5000"], Self.grub, nil),
        (["boot", "set", "--zram-num-devices", "2", "--target", "modprobe"], Self.grub, nil),
        (["boot", "set", "--zswap-enabled", "Y", "--target", "modprobe"], Self.grub, nil),
        (["boot", "set", "--zswap-enabled", "Y", "--target", "lilo"], Self.grub, nil),
        (["boot", "set", "--zswap-enabled", "Y"], nil, nil),
        (["boot", "set", "--zswap-enabled", "Y"], Self.grub, "ro\n"),
        (["boot", "unset"], Self.grub, nil),
        (["boot", "unset", "zswap.zpool"], Self.grub, nil),
    ]

    @Test(arguments: badInputs)
    func badInputExits64AndChangesNothing(_ args: [String], _ grub: String?, _ kernelCmdline: String?) throws {
        let f = try host(grub: grub, kernelCmdline: kernelCmdline)
        let before = try snapshot(f)
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(!r.stderr.isEmpty)
        #expect(r.stdout.isEmpty)
        #expect(try snapshot(f) == before)
    }

    @Test func showComparesRunningAndNextBoot() throws {
        let f = try host()
        try f.file("etc/default/grub", Self.grub.replacingOccurrences(of: "zswap.enabled=0", with: "zswap.enabled=1 zswap.max_pool_percent=20"))
        try f.file("etc/modprobe.d/old.conf", "options zram num_devices=8\n")
        let r = try TmemctlRunner.run(["boot", "show", "--json", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["running_command_line", "configurations", "zram_module", "zram_module_evidence",
                                   "auto_target", "parameters", "notes", "schema_version"])
        #expect(json["auto_target"] as? String == "grub")
        #expect(json["zram_module"] as? String == "builtin")
        let running = try #require(json["running_command_line"] as? [String: Any])
        #expect(running["parameters"] as? [String: String] == ["zswap.enabled": "0"])
        let configs = try #require(json["configurations"] as? [[String: Any]])
        #expect(configs.map { $0["kind"] as? String } == ["grub", "kernel-cmdline", "modprobe"])
        #expect(configs[0]["command_line"] as? String == "root=UUID=0b1c ro quiet zswap.enabled=1 zswap.max_pool_percent=20")
        #expect(configs[1]["exists"] as? Bool == false)
        #expect(configs[2]["parameters"] as? [String: String] == ["zram.num_devices": "8"])
        let params = try #require(json["parameters"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: params.map { ($0["name"] as! String, $0) })
        #expect(byName.count == 6)
        let enabled = try #require(byName["zswap.enabled"])
        #expect(enabled["running"] as? String == "N")
        #expect(enabled["current_boot"] as? String == "0")
        #expect(enabled["next_boot"] as? String == "1")
        #expect(enabled["differs"] as? Bool == true)
        #expect(byName["zswap.max_pool_percent"]?["differs"] as? Bool == false)
        // Not set for the next boot and not on this boot's line: the kernel default, unknown here, shown as null.
        let compressor = try #require(byName["zswap.compressor"])
        #expect(Set(compressor.keys) == ["name", "running", "current_boot", "next_boot", "next_boot_source", "differs"])
        #expect(compressor["differs"] is NSNull && compressor["next_boot"] is NSNull)
        // Not configured anywhere that reaches a built-in zram, not on this boot's command line either.
        #expect(byName["zram.num_devices"]?["differs"] as? Bool == false)
        #expect((json["notes"] as? [String])?.contains { $0.contains("zram is built in") && $0.contains("old.conf") } == true)
        let text = try TmemctlRunner.run(["boot", "show", "--root", f.directory.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("zswap.enabled                   N        0          1          yes\n"))
    }

    @Test func showWithoutBootConfigurationExplainsWhy() throws {
        let f = try host(grub: nil)
        let r = try TmemctlRunner.run(["boot", "show", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("grub: \(f.directory.path)/etc/default/grub not found"))
        #expect(r.stdout.contains("boot set --target auto writes: nothing (give --target)"))
        #expect(r.stdout.contains("note: no boot configuration found"))
    }
}
