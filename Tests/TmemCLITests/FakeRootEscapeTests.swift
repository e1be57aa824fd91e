import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import TmemTestSupport

/// Issue 10 items 3, 4 and 7, second red-team pass, through the CLI: planted links, FIFOs, shell in GRUB's
/// files, and configuration another user can change. Every expectation is written out by hand.
@Suite struct FakeRootEscapeTests {
    func run(_ args: [String], _ f: FakeRoot) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(args + ["--root", f.directory.path])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func modprobeParameters(_ out: String) throws -> [String: String]? {
        let configurations = try #require(try json(out)["configurations"] as? [[String: Any]])
        return configurations.first { $0["kind"] as? String == "modprobe" }?["parameters"] as? [String: String]
    }

    /// `boot show --root R` read the live system's modprobe.d file an absolute link in R named.
    @Test func bootShowDoesNotReadThroughAnAbsoluteLinkOutOfTheRoot() throws {
        let f = try FakeHost.make(), outside = try FakeRoot()
        try f.file("proc/cmdline", "ro\n")
        let victim = try outside.file("zram.conf", "options zram num_devices=7\n")
        try f.directory("etc/modprobe.d")
        #expect(symlink(victim.path, f.directory.appendingPathComponent("etc/modprobe.d/zram.conf").path) == 0)
        let r = try run(["boot", "show", "--json"], f)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try modprobeParameters(r.stdout) == [:], "\(r.stdout)")
        // The same link, its target made inside the tree, is read there.
        try f.file(String(victim.path.dropFirst()), "options zram num_devices=3\n")
        let inside = try run(["boot", "show", "--json"], f)
        #expect(try modprobeParameters(inside.stdout) == ["zram.num_devices": "3"], "\(inside.stdout)")
    }

    /// A FIFO in modprobe.d hung `boot show` in open(2) for ever.
    @Test func aFifoInModprobeDIsReportedNotWaitedOn() throws {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "ro\n")
        try f.directory("etc/modprobe.d")
        #expect(mkfifo(f.directory.appendingPathComponent("etc/modprobe.d/zram.conf").path, 0o644) == 0)
        let exe = try #require(TmemctlRunner.binary)
        let r = try ToolProcess.run("timeout", ["20", exe.path, "boot", "show", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("note: modprobe.d: \(f.directory.path)/etc/modprobe.d/zram.conf: cannot read: EINVAL (not a regular file); the zram options shown may be incomplete"), "\(r.stdout)")
    }

    @Test func groupOrWorldWritableConfigurationIsRefused() throws {
        let f = try FakeHost.make()
        try f.file("etc/tmemctl/tmemctl.conf", "[zram1]\nzram-size = 64\n", mode: 0o666)
        let r = try run(["config", "check"], f)
        #expect(r.status == 64, "config check exits 64 listing every error: \(r.output)")
        #expect(r.output.contains("\(f.directory.path)/etc/tmemctl/tmemctl.conf") || r.output.contains("/etc/tmemctl/tmemctl.conf"), "\(r.output)")
        #expect(r.output.contains("refused: writable by others (mode 0666); chmod go-w it; tmemctl applies it as root"), "\(r.output)")
        try f.file("etc/tmemctl/tmemctl.conf", "[zram1]\nzram-size = 64\n", mode: 0o664)
        #expect(try run(["config", "check"], f).output.contains("refused: writable by its group (mode 0664)"))
        let plan = try run(["apply", "--dry-run"], f)
        #expect(plan.status != 0, "a refused file must not be applied: \(plan.output)")
        try f.file("etc/tmemctl/tmemctl.conf", "[zram1]\nzram-size = 64\n", mode: 0o644)
        #expect(try run(["config", "check"], f).status == 0)
    }

    /// On the live root the owner counts too (read-only: `config check --config FILE` writes nothing).
    @Test func configurationOwnedByAnotherUserIsRefusedOnTheLiveRoot() throws {
        guard getuid() == 0 else { print("skipped: chown needs root"); return }
        let d = try FakeRoot()
        let conf = try d.file("tmemctl.conf", "[zram1]\nzram-size = 64\n", mode: 0o644)
        #expect(chown(conf.path, 65534, 65534) == 0)
        let r = try TmemctlRunner.run(["config", "check", "--config", conf.path])
        #expect(r.status == 64, "\(r.output)")
        #expect(r.output.contains("refused: owned by uid 65534, not root (mode 0644); chown root: it"), "\(r.output)")
        #expect(chown(conf.path, 0, 0) == 0)
        #expect(try TmemctlRunner.run(["config", "check", "--config", conf.path]).status == 0)
    }

    @Test func aWorldWritableRatioFromCorpusIsRefused() throws {
        let f = try FakeHost.make()
        try f.file("proc/meminfo", "MemTotal:        8000000 kB\n")
        let corpusDir = try FakeRoot()
        let corpus = try corpusDir.file("c.corpus", String(repeating: "tmemctl page ", count: 4096 * 4 / 13), mode: 0o666)
        try f.file("etc/tmemctl/tmemctl.conf", """
        [zram1]
        zram-size = 64
        compression-algorithm = lz4
        zram-resident-limit = disksize / ratio * 1.2
        ratio-from = \(corpus.path)

        """)
        let r = try run(["plan"], f)
        #expect(r.status != 0, "\(r.output)")
        #expect(r.output.contains("refusing to use \(corpus.path)") && r.output.contains("writable by others (mode 0666)"), "\(r.output)")
    }

    /// grub-mkconfig sources the file with a shell: `.`/source/eval and assignments inside `if` make the value
    /// unknowable without one, so `boot show` says so and `boot set` refuses instead of editing the wrong line.
    @Test(arguments: [
        ("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n. /etc/default/grub.local\n", "line 2", "runs '.'"),
        ("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nsource /etc/default/grub.local\n", "line 2", "runs 'source'"),
        ("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\neval \"$(cat /etc/extra)\"\n", "line 2", "runs 'eval'"),
        ("if [ -e /etc/cloud ]; then\n  GRUB_CMDLINE_LINUX_DEFAULT=\"console=ttyS0\"\nfi\n", "line 2", "inside a compound command"),
    ])
    func shellThatMaySetTheVariableMakesItUnknown(grub: String, line: String, reason: String) throws {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "ro\n")
        try f.file("etc/default/grub", grub)
        let show = try run(["boot", "show"], f)
        #expect(show.output.contains(line) && show.output.contains(reason), "\(show.output)")
        let set = try run(["boot", "set", "--zswap-enabled", "Y", "--target", "grub"], f)
        #expect(set.status == 1, "\(set.output)")
        #expect(set.output.contains(reason), "\(set.output)")
        #expect(try f.contents("etc/default/grub") == grub, "nothing edited")
    }

    /// A later plain assignment still decides, whatever came before it (both variables, as the command line is
    /// their concatenation).
    @Test func aLaterTopLevelAssignmentDecidesAfterSourcing() throws {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "ro\n")
        try f.file("etc/default/grub", ". /etc/default/grub.local\nif true; then\n  X=1\nfi\nGRUB_CMDLINE_LINUX=\"ro\"\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n")
        let set = try run(["boot", "set", "--zswap-enabled", "Y", "--target", "grub"], f)
        #expect(set.status == 0, "\(set.output)")
        #expect(try f.contents("etc/default/grub") == ". /etc/default/grub.local\nif true; then\n  X=1\nfi\nGRUB_CMDLINE_LINUX=\"ro\"\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=Y\"\n")
    }
}
