import Foundation
import Testing
import TmemTestSupport

@Suite struct ZswapCommandTests {
    let z = "sys/module/zswap/parameters/"

    @Test func setSaveAndRestore() throws {
        let f = try FakeHost.make()
        let file = f.directory.appendingPathComponent("before.json").path
        let root = ["--root", f.directory.path]
        let set = try TmemctlRunner.run(["zswap", "set", "--enabled", "yes", "--max-pool-percent", "25", "--save", file] + root)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "zswap max_pool_percent: 20 -> 25\nzswap enabled: N -> Y\n")
        #expect(try f.contents(z + "enabled") == "Y")
        #expect(try f.contents(z + "max_pool_percent") == "25")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: [String: String]]
        #expect(saved?["zswap"]?["enabled"] == "N" && saved?["zswap"]?["max_pool_percent"] == "20")
        let back = try TmemctlRunner.run(["zswap", "restore", file] + root)
        #expect(back.status == 0)
        #expect(back.stdout == "zswap enabled: Y -> N\nzswap max_pool_percent: 25 -> 20\n")
        #expect(try f.contents(z + "enabled") == "N")
    }

    @Test(arguments: [
        ["zswap", "set"],
        ["zswap", "set", "--max-pool-percent", "150"],
        ["zswap", "set", "--enabled", "maybe"],
        ["zswap", "set", "--compressor", "zstd"],
        ["zswap", "restore", "/nonexistent/file.json"],
    ])
    func badInputExits64AndChangesNothing(_ args: [String]) throws {
        let f = try FakeHost.make()
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(!r.stderr.isEmpty)
        #expect(try f.contents(z + "enabled") == "N\n")
        #expect(try f.contents(z + "compressor") == "lzo\n")
    }

    @Test func showAsJson() throws {
        let f = try FakeHost.make()
        let r = try TmemctlRunner.run(["zswap", "show", "--json", "--root", f.directory.path])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["max_pool_percent"] as? Int == 20)
        #expect(doc["pool_total_size"] as? Int == 2048 * 1024)
        #expect((doc["parameters"] as? [String: String])?["accept_threshold_percent"] == "90")
    }

    @Test func completionsOfferTheColumnNames() throws {
        let r = try TmemctlRunner.run(["--generate-completion-script", "bash"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ZERO-PAGES") && r.stdout.contains("SWAP-PRIORITY"))
    }
}
