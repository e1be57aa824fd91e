import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 7: grub-mkconfig sources /etc/default/grub and then /etc/default/grub.d/*.cfg in glob order, so
/// the last file assigning a variable decides it (docs/kernel-notes.md#grub-defaults). `boot show` names that
/// file and `boot set`/`unset` edit it, or refuse naming it. Expected files and output are written out by hand.
@Suite struct GrubDropInTests {
    static let grub = """
    GRUB_DEFAULT=0
    GRUB_CMDLINE_LINUX_DEFAULT="quiet splash"
    GRUB_CMDLINE_LINUX="root=UUID=0b1c ro"

    """

    /// What Ubuntu's cloud images ship (shape of 50-cloudimg-settings.cfg).
    static let cloud = """
    # Cloud Image specific Grub settings for Generic Cloud Images
    GRUB_CMDLINE_LINUX_DEFAULT="console=tty1 console=ttyS0"
    GRUB_TIMEOUT=0

    """
    static let cloudFile = "etc/default/grub.d/50-cloudimg-settings.cfg"

    func host(grub: String? = Self.grub, dropIns: [String: String] = [:]) throws -> FakeRoot {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=UUID=0b1c ro console=tty1 console=ttyS0\n")
        try f.directory("etc/modprobe.d")
        if let grub { try f.file("etc/default/grub", grub) }
        try f.directory("etc/default/grub.d")
        for (name, text) in dropIns { try f.file("etc/default/grub.d/\(name)", text) }
        return f
    }

    func run(_ f: FakeRoot, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        return (r.status, r.stdout, r.stderr)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func showNamesTheCfgThatOverridesLinuxDefault() throws {
        let f = try host(dropIns: ["50-cloudimg-settings.cfg": Self.cloud.replacingOccurrences(of: "ttyS0\"", with: "ttyS0 zswap.enabled=1\"")])
        let p = f.directory.path
        let text = try run(f, ["boot", "show"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("""
        grub: \(p)/etc/default/grub: zswap.enabled=1
          GRUB_CMDLINE_LINUX="root=UUID=0b1c ro" (decided by \(p)/etc/default/grub)
          GRUB_CMDLINE_LINUX_DEFAULT="console=tty1 console=ttyS0 zswap.enabled=1" (decided by \(p)/\(Self.cloudFile))

        """), "\(text.stdout)")
        let r = try run(f, ["boot", "show", "--json"])
        let grub = try #require((try json(r.stdout)["configurations"] as? [[String: Any]])?.first)
        #expect(grub["command_line"] as? String == "root=UUID=0b1c ro console=tty1 console=ttyS0 zswap.enabled=1")
        #expect(grub["sourced_files"] as? [String] == ["\(p)/etc/default/grub", "\(p)/\(Self.cloudFile)"])
        let variables = try #require(grub["variables"] as? [[String: Any]])
        #expect(variables.map { $0["decided_by"] as? String } == ["\(p)/etc/default/grub", "\(p)/\(Self.cloudFile)"])
        #expect(variables.allSatisfy { $0["problem"] is NSNull })
        let params = try #require(try json(r.stdout)["parameters"] as? [[String: Any]])
        let enabled = try #require(params.first { $0["name"] as? String == "zswap.enabled" })
        #expect(enabled["next_boot"] as? String == "1")
        #expect(enabled["next_boot_source"] as? String == "\(p)/\(Self.cloudFile)")
    }

    @Test func setEditsTheCfgThatDecidesLinuxDefaultAndKeepsItsModeAndABackup() throws {
        let f = try host(dropIns: ["50-cloudimg-settings.cfg": Self.cloud])
        let url = try f.file(Self.cloudFile, Self.cloud, mode: 0o640)
        let p = f.directory.path
        let dry = try run(f, ["boot", "set", "--zswap-enabled", "Y", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
        --- \(p)/\(Self.cloudFile)
        +++ \(p)/\(Self.cloudFile)
        @@ -1,3 +1,3 @@
         # Cloud Image specific Grub settings for Generic Cloud Images
        -GRUB_CMDLINE_LINUX_DEFAULT="console=tty1 console=ttyS0"
        +GRUB_CMDLINE_LINUX_DEFAULT="console=tty1 console=ttyS0 zswap.enabled=Y"
         GRUB_TIMEOUT=0
        dry run: would edit \(p)/\(Self.cloudFile); nothing written

        """)
        #expect(try f.contents(Self.cloudFile) == Self.cloud)

        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == Self.grub)
        #expect(try f.contents(Self.cloudFile) == """
        # Cloud Image specific Grub settings for Generic Cloud Images
        GRUB_CMDLINE_LINUX_DEFAULT="console=tty1 console=ttyS0 zswap.enabled=Y"
        GRUB_TIMEOUT=0

        """)
        #expect(try f.contents(Self.cloudFile + ".tmemctl-bak") == Self.cloud)
        #expect(r.stdout.contains("edited \(p)/\(Self.cloudFile) (previous version: \(p)/\(Self.cloudFile).tmemctl-bak)"))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(!f.root.exists("etc/default/grub.tmemctl-bak"))
    }

    /// Glob order is byte order: 10-early.cfg is sourced before 9-late.cfg, so 9-late.cfg wins.
    @Test func ofTwoCfgFilesTheLaterInGlobOrderWins() throws {
        let early = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=1 zswap.max_pool_percent=10\"\n"
        let late = "GRUB_CMDLINE_LINUX_DEFAULT='quiet zswap.max_pool_percent=30'\n"
        let f = try host(dropIns: ["10-early.cfg": early, "9-late.cfg": late])
        let p = f.directory.path
        let show = try run(f, ["boot", "show"])
        #expect(show.stdout.contains("grub: \(p)/etc/default/grub: zswap.max_pool_percent=30\n"), "\(show.stdout)")
        #expect(show.stdout.contains("  GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.max_pool_percent=30\" (decided by \(p)/etc/default/grub.d/9-late.cfg)\n"))

        let r = try run(f, ["boot", "set", "--zswap-max-pool-percent", "25", "--zswap-enabled", "N"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub.d/9-late.cfg") == "GRUB_CMDLINE_LINUX_DEFAULT='quiet zswap.max_pool_percent=25 zswap.enabled=N'\n")
        #expect(try f.contents("etc/default/grub.d/10-early.cfg") == early)
        #expect(try f.contents("etc/default/grub") == Self.grub)

        let u = try run(f, ["boot", "unset", "zswap.enabled"])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(try f.contents("etc/default/grub.d/9-late.cfg") == "GRUB_CMDLINE_LINUX_DEFAULT='quiet zswap.max_pool_percent=25'\n")
        #expect(try f.contents("etc/default/grub.d/10-early.cfg") == early, "a value nothing reads is left alone")
    }

    @Test func aCfgWithAnExpansionIsRefusedByName() throws {
        let cfg = "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT console=ttyS0\"\n"
        let f = try host(dropIns: ["50-serial.cfg": cfg])
        let p = f.directory.path
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("refusing to edit \(p)/etc/default/grub.d/50-serial.cfg"), "\(r.stderr)")
        #expect(r.stderr.contains("line 1: GRUB_CMDLINE_LINUX_DEFAULT"), "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == Self.grub)
        #expect(try f.contents("etc/default/grub.d/50-serial.cfg") == cfg)
        #expect(f.root.list("etc/default") == ["grub", "grub.d"])

        let show = try run(f, ["boot", "show"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("  GRUB_CMDLINE_LINUX_DEFAULT=unknown (decided by \(p)/etc/default/grub.d/50-serial.cfg)\n"), "\(show.stdout)")
        #expect(show.stdout.contains("[not editable: \(p)/etc/default/grub.d/50-serial.cfg: line 1:"), "\(show.stdout)")
    }

    /// /etc/default/grub itself in a form tmemctl cannot rewrite: a refused state (1), not a usage error (64).
    @Test(arguments: ["GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT quiet\"\n", "GRUB_CMDLINE_LINUX='a'\"b\"\n"])
    func aGrubFileItCannotRewriteIsRefusedByName(_ grub: String) throws {
        let f = try host(grub: grub)
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("refusing to edit \(f.directory.path)/etc/default/grub (line 1: "), "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == grub)
        #expect(f.root.list("etc/default") == ["grub", "grub.d"])
    }

    /// An expansion in /etc/default/grub that a later .cfg overrides does not matter: the .cfg's value is used.
    @Test func anExpansionOverriddenByALaterCfgDoesNotBlock() throws {
        let grub = "GRUB_CMDLINE_LINUX_DEFAULT=\"$EXTRA quiet\"\nGRUB_CMDLINE_LINUX=\"\"\n"
        let f = try host(grub: grub, dropIns: ["50-x.cfg": "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"])
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub.d/50-x.cfg") == "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=Y\"\n")
        #expect(try f.contents("etc/default/grub") == grub)
    }

    /// Only `*.cfg` not starting with `.` is sourced: backups, dpkg leftovers, `.conf` and hidden files are not.
    @Test func filesTheGlobDoesNotMatchAreIgnored() throws {
        let decoy = "GRUB_CMDLINE_LINUX_DEFAULT=\"$(reboot) zswap.enabled=0\"\n"
        let names = ["50-cloudimg-settings.cfg.dpkg-old", "60-x.conf", ".70-hidden.cfg", "README", "80-x.cfg~", "90-x.CFG"]
        var dropIns = Dictionary(uniqueKeysWithValues: names.map { ($0, decoy) })
        dropIns["50-cloudimg-settings.cfg"] = Self.cloud
        let f = try host(dropIns: dropIns)
        let p = f.directory.path
        let show = try run(f, ["boot", "show", "--json"])
        let grub = try #require((try json(show.stdout)["configurations"] as? [[String: Any]])?.first)
        #expect(grub["sourced_files"] as? [String] == ["\(p)/etc/default/grub", "\(p)/\(Self.cloudFile)"])
        #expect(grub["problem"] is NSNull)
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents(Self.cloudFile).contains("GRUB_CMDLINE_LINUX_DEFAULT=\"console=tty1 console=ttyS0 zswap.enabled=Y\"\n"))
        for n in names { #expect(try f.contents("etc/default/grub.d/\(n)") == decoy) }
        #expect(try f.contents("etc/default/grub") == Self.grub)
    }

    @Test func aSymlinkedCfgIsReadButNotEditedThrough() throws {
        let f = try host()
        try f.file("etc/cloud-grub", Self.cloud)
        try FileManager.default.createSymbolicLink(atPath: "\(f.directory.path)/\(Self.cloudFile)", withDestinationPath: "../../cloud-grub")
        let p = f.directory.path
        let show = try run(f, ["boot", "show"])
        #expect(show.stdout.contains("  GRUB_CMDLINE_LINUX_DEFAULT=\"console=tty1 console=ttyS0\" (decided by \(p)/\(Self.cloudFile))\n"), "\(show.stdout)")
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("refusing to edit \(p)/\(Self.cloudFile)") && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(try f.contents("etc/cloud-grub") == Self.cloud)
        #expect(try f.contents("etc/default/grub") == Self.grub)
    }

    /// A directory named *.cfg makes grub-mkconfig fail (`.` cannot source it): nothing can be known or edited.
    @Test func aCfgThatIsNotARegularFileIsRefusedByName() throws {
        let f = try host()
        try f.directory("etc/default/grub.d/40-dir.cfg")
        let p = f.directory.path
        let r = try run(f, ["boot", "set", "--zswap-enabled", "Y"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("refusing to edit \(p)/etc/default/grub.d/40-dir.cfg (it is not a regular file"), "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == Self.grub)
    }

    /// A parameter in GRUB_CMDLINE_LINUX (decided by /etc/default/grub) and in GRUB_CMDLINE_LINUX_DEFAULT (decided
    /// by a .cfg) is removed from both files, each with its backup; when a third file cannot be written, neither is.
    @Test func anEditOfGrubAndACfgIsAllOrNothing() throws {
        let grub = "GRUB_CMDLINE_LINUX=\"ro zswap.enabled=1\"\n"
        let cfg = "GRUB_CMDLINE_LINUX_DEFAULT=\"zswap.enabled=1 quiet\"\n"
        let f = try host(grub: grub, dropIns: ["50-x.cfg": cfg])
        let p = f.directory.path
        let r = try run(f, ["boot", "unset", "zswap.enabled"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX=\"ro\"\n")
        #expect(try f.contents("etc/default/grub.d/50-x.cfg") == "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n")
        #expect(r.stdout.contains("edited \(p)/etc/default/grub (previous version"))
        #expect(r.stdout.contains("edited \(p)/etc/default/grub.d/50-x.cfg (previous version"))

        let g = try host(grub: grub, dropIns: ["50-x.cfg": cfg])
        try FileManager.default.removeItem(at: g.directory.appendingPathComponent("etc/modprobe.d"))
        try g.file("etc/modprobe.d", "not a directory\n")
        try g.file("proc/modules", "zram 49152 0 - Live 0x0000000000000000\n")
        try FileManager.default.removeItem(at: g.directory.appendingPathComponent("sys/class/zram-control"))
        try g.file("sys/module/zram/initstate", "live\n")
        let q = g.directory.path
        let s = try run(g, ["boot", "set", "--zswap-enabled", "0", "--zram-num-devices", "2"])
        #expect(s.status == 1, "\(s.stdout)\(s.stderr)")
        #expect(try g.contents("etc/default/grub") == grub)
        #expect(try g.contents("etc/default/grub.d/50-x.cfg") == cfg)
        #expect(g.root.list("etc/default/grub.d") == ["50-x.cfg"], "no backup or temporary file is left")
        #expect(s.stderr.contains("\(q)/etc/default/grub.d/50-x.cfg: not written") || s.stderr.contains("\(q)/etc/default/grub.d/50-x.cfg: restored"), "\(s.stderr)")
        #expect(s.stderr.contains("nothing was changed"), "\(s.stderr)")
    }
}
