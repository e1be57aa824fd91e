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

/// `zswap set --save`: the saved file keeps the original values. A second save to the same file is refused
/// without --force, and concurrent runs take turns, so restoring the saves in reverse order gives the original.
@Suite struct ZswapSaveTests {
    let z = "sys/module/zswap/parameters/"

    @Test func aSecondSaveToTheSameFileIsRefusedAndTheOriginalKept() throws {
        let f = try FakeHost.make()
        let file = f.directory.appendingPathComponent("before.json").path
        let root = ["--root", f.directory.path]
        #expect(try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "25", "--save", file] + root).status == 0)
        let again = try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "30", "--save", file] + root)
        #expect(again.status == 1)
        #expect(again.stderr.contains(file) && again.stderr.contains("--force"))
        #expect(try f.contents(z + "max_pool_percent") == "25", "nothing changed after the refusal")
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("\"max_pool_percent\" : \"20\""))
        var st = stat()
        #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600)
        let forced = try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "30", "--save", file, "--force"] + root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"max_pool_percent\" : \"25\""))
    }

    @Test func concurrentSetsEachSaveWhatTheyReallyReplaced() async throws {
        for round in 0..<8 {
            let f = try FakeHost.make()
            let root = ["--root", f.directory.path]
            let a = f.directory.appendingPathComponent("a.json").path
            let b = f.directory.appendingPathComponent("b.json").path
            async let ra = TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "31", "--save", a] + root)
            async let rb = TmemctlRunner.run(["zswap", "set", "--max-pool-percent", "32", "--save", b] + root)
            let (x, y) = try await (ra, rb)
            #expect(x.status == 0 && y.status == 0, "\(x.stderr) \(y.stderr)")
            let savedA = try String(contentsOfFile: a, encoding: .utf8)
            let savedB = try String(contentsOfFile: b, encoding: .utf8)
            // Exactly one run saw the original 20; the other saw the first run's value.
            let sawOriginal = [savedA, savedB].filter { $0.contains("\"max_pool_percent\" : \"20\"") }.count
            #expect(sawOriginal == 1, "round \(round): a=\(savedA) b=\(savedB)")
            let last = try f.contents(z + "max_pool_percent")
            if savedA.contains("\"max_pool_percent\" : \"20\"") {
                #expect(savedB.contains("\"max_pool_percent\" : \"31\"") && last == "32", "round \(round)")
            } else {
                #expect(savedA.contains("\"max_pool_percent\" : \"32\"") && last == "31", "round \(round)")
            }
        }
    }
}
