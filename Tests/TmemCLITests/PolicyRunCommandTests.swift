import Foundation
import Testing
import TmemTestSupport

/// `tmemctl policy run` on a fake 6.12 root with a configuration declaring the policy.
@Suite struct PolicyRunCommandTests {
    static let dec3At10 = "1796292000"      // 2026-12-03T10:00:00Z

    func host(_ config: String) throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0])
        try FakeHost.writebackDevice(f, 1, release: "6.12.117+deb13-amd64", config: "CONFIG_ZRAM_WRITEBACK=y\nCONFIG_ZRAM_TRACK_ENTRY_ACTIME=y\n")
        try f.file("etc/tmemctl/tmemctl.conf", config)
        return f
    }

    static let declared = """
        [zram1]
        writeback-device = /dev/vdb
        idle-age = 3600
        writeback-budget = 1M
        writeback-types = huge_idle idle

        """

    @Test func oneRoundFollowsTheDeclaredPolicy() throws {
        let f = try host(Self.declared)
        let r = try TmemctlRunner.run(["policy", "run", "--root", f.directory.path, "--at", Self.dec3At10, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(j["schema_version"] as? Int == 1)
        let round = try #require((j["rounds"] as? [[String: Any]])?.first)
        #expect(round["device"] as? String == "zram1")
        let budget = try #require(round["budget"] as? [String: Any])
        #expect(budget["per_day_bytes"] as? Int == 1_048_576)
        #expect(budget["utc_day"] as? Int == 20790)
        let steps = try #require(round["steps"] as? [[String: Any]])
        #expect(steps.filter { $0["attribute"] as? String == "writeback" }.map { $0["value"] as? String } == ["huge_idle", "idle"])
        #expect(try f.contents("sys/block/zram1/idle") == "3600")
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "256")
        #expect(try f.contents("var/lib/tmemctl/tiering/zram1.json").contains("\"usedBytes\" : 0"))
    }

    @Test func textNamesEveryWriteAndTheBudget() throws {
        let f = try host(Self.declared)
        let r = try TmemctlRunner.run(["policy", "run", "--root", f.directory.path, "--at", Self.dec3At10, "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("zram1: would write idle = 3600 (not written (dry run))\n"))
        #expect(r.stdout.contains("zram1: budget 1048576 bytes per UTC day 20790: used 0 before, 0 after, 1048576 left\n"))
        #expect(try f.contents("sys/block/zram1/idle") == "")
    }

    @Test(arguments: [("[zram1]\nwriteback-budget = lots\n", "writeback-budget"),
                      ("[zram1]\nidle-age = 1h\n", "idle-age"),
                      ("[zram1]\nwriteback-types = idle idle\n", "writeback-types"),
                      ("[zram1]\nrecompress-type = incompressible\n", "recompress-type"),
                      ("[zram1]\nwriteback-device = file:/var/lib/zb\n", "writeback-device")])
    func badKeysExit64NamingTheKey(_ config: String, _ key: String) throws {
        let f = try host(config)
        let r = try TmemctlRunner.run(["policy", "run", "--root", f.directory.path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(key), "\(r.stderr)")
        #expect(try f.contents("sys/block/zram1/idle") == "")
    }

    @Test func usage() throws {
        let f = try host(Self.declared)
        let undeclared = try TmemctlRunner.run(["policy", "run", "--root", f.directory.path, "--device", "zram0"])
        #expect(undeclared.status == 64)
        #expect(undeclared.stderr.contains("declares no tiering policy"), "\(undeclared.stderr)")
        #expect(try TmemctlRunner.run(["policy", "run", "--device", "sda"]).status == 64)
        #expect(try TmemctlRunner.run(["policy", "run", "--at", "0"]).status == 64)     // the live root, not a dry run
    }
}
