import Foundation
import Testing
import TmemControl
import TmemTestSupport

/// Reading and merging, checked against zram-generator 1.1.2's documented and observed behaviour
/// (zram-generator.conf(5), its tests/04-dropins fixture, rust-ini 0.18 and liboverdrop 0.0.2 as Debian ships them).
@Suite struct ConfigReaderTests {
    func read(_ files: [String: String], links: [String: String] = [:]) throws -> (TmemConfig, FakeRoot) {
        let fake = try FakeRoot()
        for (path, text) in files { _ = try fake.file(path, text) }
        for (path, target) in links {
            try fake.directory((path as NSString).deletingLastPathComponent)
            try FileManager.default.createSymbolicLink(atPath: fake.directory.appendingPathComponent(path).path,
                                                       withDestinationPath: target)
        }
        return (ConfigReader(root: fake.root).read(), fake)
    }

    @Test func mainFileSearchOrderTakesTheFirstOfRunEtcLocalLib() throws {
        let (c, _) = try read([
            "usr/lib/tmemctl/tmemctl.conf": "[zram1]\n",
            "etc/tmemctl/tmemctl.conf": "[zram2]\n",
        ])
        #expect(c.sources.family == .tmemctl)
        #expect(c.sources.files.map(\.displayPath) == ["/etc/tmemctl/tmemctl.conf"])
        #expect(Array(c.devices.keys) == [2])
    }

    @Test func zramGeneratorFilesWhenTmemctlHasNone() throws {
        let (c, _) = try read(["etc/systemd/zram-generator.conf": "[zram0]\nzram-size = ram\n"])
        #expect(c.sources.family == .zramGenerator)
        #expect(c.devices[0]?.zramSize?.value.text == "ram")
        #expect(c.devices[0]?.zramSize?.origin == ConfigOrigin(file: "/etc/systemd/zram-generator.conf", line: 2))
    }

    /// zram-generator's tests/04-dropins layout: drop-ins sorted by name across directories, a later directory's
    /// same-named file replaces the earlier one, a /dev/null link masks it.
    @Test func dropInsMergeByNameWithMasking() throws {
        let (c, _) = try read([
            "usr/lib/tmemctl/tmemctl.conf.d/01-a.conf": "[zram0]\nzram-size = 100\nswap-priority = 1\n",
            "usr/lib/tmemctl/tmemctl.conf.d/02-b.conf": "[zram0]\nswap-priority = 2\n",
            "usr/lib/tmemctl/tmemctl.conf.d/03-c.conf": "[zram0]\nzram-size = 300\n",
            "etc/tmemctl/tmemctl.conf.d/02-b.conf": "[zram0]\nswap-priority = 22\n",
            "run/tmemctl/tmemctl.conf.d/04-d.conf": "",
            "etc/tmemctl/tmemctl.conf.d/notconf.txt": "[zram9]\n",
            "etc/tmemctl/tmemctl.conf.d/.hidden.conf": "[zram8]\n",
        ], links: ["etc/tmemctl/tmemctl.conf.d/03-c.conf": "/dev/null"])
        #expect(c.sources.files.map(\.displayPath) == [
            "/usr/lib/tmemctl/tmemctl.conf.d/01-a.conf", "/etc/tmemctl/tmemctl.conf.d/02-b.conf", "/run/tmemctl/tmemctl.conf.d/04-d.conf",
        ])
        #expect(c.devices.keys.sorted() == [0])
        #expect(c.devices[0]?.zramSize?.text == "100")
        #expect(c.devices[0]?.swapPriority?.value == 22)
        #expect(c.devices[0]?.swapPriority?.origin == ConfigOrigin(file: "/etc/tmemctl/tmemctl.conf.d/02-b.conf", line: 2))
    }

    @Test func rustIniDialect() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": """
            # comment
            ; comment
            [ zram0 ]
            compression-algorithm: zstd
            options = "discard,pri=5"  tail
            fs-type = 'ext4'
            mount-point = /var//./tmp/
            zram-size = ram \\
            / 4
            """])
        let d = try #require(c.devices[0])
        #expect(c.errors.isEmpty, "\(c.errors)")
        #expect(d.compression?.value.algorithms.map(\.name) == ["zstd"])
        #expect(d.options?.value == "discard,pri=5  tail")
        #expect(d.fsType?.value == "ext4")
        #expect(d.mountPoint?.value == "/var/tmp")
        #expect(d.zramSize?.value.text == "ram / 4")
    }

    @Test func indentedCommentIsAnErrorAsInRustIni() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": "[zram0]\n  # indented\n"])
        #expect(c.errors.map(\.origin) == [ConfigOrigin(file: "/etc/tmemctl/tmemctl.conf", line: 2)])
    }

    @Test func everyErrorAtOnceWithFileLineAndKey() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": """
            [zram0]
            zram-size = -1 +
            swap-priority = 40000
            mount-point = var/tmp
            host-memory-limit = lots
            [zram1]
            zram-size = foo * 2
            zram-fraction = -0.5
            """])
        #expect(c.errors.map(\.description).map { String($0.prefix(while: { $0 != " " })) } == [
            "/etc/tmemctl/tmemctl.conf:2:", "/etc/tmemctl/tmemctl.conf:3:", "/etc/tmemctl/tmemctl.conf:4:",
            "/etc/tmemctl/tmemctl.conf:5:", "/etc/tmemctl/tmemctl.conf:7:", "/etc/tmemctl/tmemctl.conf:8:",
        ])
        #expect(c.errors.map(\.key) == ["zram-size", "swap-priority", "mount-point", "host-memory-limit", "zram-size", "zram-fraction"])
    }

    @Test func setBangIsRefusedWithTheReason() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": "set!top = echo 3\n[zram0]\nzram-size = top\n"])
        #expect(c.errors.first?.key == "set!top")
        #expect(c.errors.first?.message.contains("runs no shell") == true)
    }

    @Test func unknownSectionsAndKeysAreWarnings() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": "[zramX]\na = 1\n[zram0]\nbogus = 1\n"])
        #expect(c.errors.isEmpty)
        #expect(c.warnings.map(\.key) == ["[zramX]", "bogus"])
        #expect(c.warnings.map(\.origin.line) == [1, 4])
    }

    @Test func zram00WarnsNamingZram0() throws {
        let (c, _) = try read(["etc/tmemctl/tmemctl.conf": "[zram00]\nzram-size = 5\n"])
        #expect(c.warnings.first?.message.contains("zram0") == true)
        #expect(c.devices[0]?.zramSize?.text == "5")
    }

    @Test func kernelSwitchLastUnderstoodWordWins() {
        #expect(KernelZramSwitch.parse("systemd.zram=0 quiet systemd.zram") == true)
        #expect(KernelZramSwitch.parse("systemd.zram systemd.zram=off") == false)
        #expect(KernelZramSwitch.parse("systemd.zram=0 systemd.zram=maybe") == false)
        #expect(KernelZramSwitch.parse("quiet") == nil)
    }
}

/// Sizes and decisions, with expected values worked by hand from zram-generator.conf(5) and src/config.rs.
@Suite struct ConfigResolverTests {
    func resolve(_ text: String, kB: UInt64 = 8_013_220, cmdline: Bool? = nil) throws -> ConfigResolver.Resolution {
        let fake = try FakeRoot()
        _ = try fake.file("etc/tmemctl/tmemctl.conf", text)
        let c = ConfigReader(root: fake.root).read()
        #expect(c.errors.isEmpty, "\(c.errors)")
        return ConfigResolver(memTotalKB: kB, kernelSwitch: cmdline).resolve(c)
    }

    @Test func defaultIsHalfOfRamCappedAt4096MB() throws {
        // 8013220 kB → 7825 MB; 7825 / 2 = 3912.5 MB = 4102553600 bytes.
        let r = try resolve("[zram0]\n")
        #expect(r.state.devices.first?.disksize == UInt64(4_102_553_600))
        #expect(r.state.devices.first?.swap == DesiredState.Swap(priority: 100, options: "discard"))
        let big = try resolve("[zram0]\n", kB: 32 << 20)
        #expect(big.state.devices.first?.disksize == UInt64(4096) << 20)
    }

    @Test func hostMemoryLimitBelowRamSkips() throws {
        let r = try resolve("[zram0]\nhost-memory-limit = 7824\n[zram1]\nhost-memory-limit = 7825\n")
        #expect(r.state.devices.map { $0.skipped != nil } == [true, false])
    }

    @Test func obsoleteFractionAndMax() throws {
        // 0.3 × 7825 = 2347.5 → 2347 MB; capped by max 2000.
        let r = try resolve("[zram0]\nzram-fraction = 0.3\n[zram1]\nzram-fraction = 0.3\nmax-zram-size = 2000\n[zram2]\nmax-zram-size = none\n")
        let want: [UInt64] = [2347 << 20, 2000 << 20, 3912 << 20]
        #expect(r.state.devices.map(\.disksize) == want)
    }

    @Test func kernelSwitch() throws {
        let on = try resolve("", cmdline: true)
        #expect(on.state.devices.map(\.name) == ["zram0"])
        let off = try resolve("[zram1]\n", cmdline: false)
        #expect(off.state.devices.first?.skipped?.contains("systemd.zram=0") == true)
    }

    @Test func negativeAndNaNAreErrorsInfinitySaturates() throws {
        #expect(try resolve("[zram0]\nzram-size = ram - 8000\n").errors.count == 1)
        #expect(try resolve("[zram0]\nzram-size = (ram - 7825) / 0\n").errors.count == 1)
        #expect(try resolve("[zram0]\nzram-size = (ram - 7824) / 0\n").state.devices.first?.disksize == UInt64.max)
    }

    @Test func mountAndAlgorithms() throws {
        let r = try resolve("[zram1]\nmount-point = /var/tmp\ncompression-algorithm = zstd(level=3,x=1) lz4 (max_pages=10)\nzram-resident-limit = disksize / 4\nzram-size = 1024\n")
        let d = try #require(r.state.devices.first)
        #expect(d.mount == DesiredState.Mount(point: "/var/tmp", fsType: "ext2", options: "discard"))
        #expect(d.swap == nil)
        #expect(d.compAlgorithm == "zstd")
        #expect(d.algorithmParams == "level=3 x=1")
        #expect(d.recompression == [DesiredState.Recompression(algorithm: "lz4", params: nil, priority: 1)])
        #expect(d.memLimit == UInt64(256) << 20)
    }

    @Test func ratioIsLeftToApply() throws {
        let r = try resolve("[zram0]\nzram-resident-limit = disksize / ratio * 1.2\nratio-from = /var/lib/c.corpus\n")
        #expect(r.state.devices.first?.residentLimit?.ratioFrom == "/var/lib/c.corpus")
        // 3912.5 MB / 2.5 × 1.2 = 1878 MB.
        let vars: [String: Double] = ["disksize": 3912.5, "ratio": 2.5, "ram": 7825]
        let bytes = try ConfigSizeEvaluator().bytes(of: "disksize / ratio * 1.2", variables: vars)
        #expect(bytes == UInt64(1878) << 20)
    }
}
