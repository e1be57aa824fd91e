import Foundation
import Testing
import TmemCore
import TmemTestSupport

/// The commands read corpora a chunk at a time and write `compress` as they go (issue 14 item 4). What they print
/// must not change: the fixtures in Tests/Fixtures were written by tmemctl before the change (commit 39ee689,
/// which loaded the corpus whole and encoded each document at the end), and the peak memory of a run on a corpus
/// larger than the bound must stay under it.
@Suite struct StreamingCorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A private file of the built-in mix (written by `tmemctl corpus builtin`), removed by the caller.
    static func mixFile(pages: Int, seed: UInt64) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-stream-\(UUID().uuidString)").path
        let r = try TmemctlRunner.run(["corpus", "builtin", "--pages", "\(pages)", "--seed", "\(seed)", "-o", path])
        #expect(r.status == 0, "\(r.output)")
        return path
    }

    static let compressCases: [(arguments: [String], pages: Int, seed: UInt64, fixture: String)] = [
        (["--algorithm", "lzo-rle", "--json"], 48, 7, "compress/lzo-rle-builtin-48-seed7.json"),
        (["--algorithm", "all", "--json"], 12, 3, "compress/all-builtin-12-seed3.json"),
        (["--algorithm", "zstd", "--level", "9", "--json"], 24, 5, "compress/zstd-level9-builtin-24-seed5.json"),
        (["--algorithm", "lz4"], 40, 2, "compress/lz4-builtin-40-seed2.txt"),
        (["--algorithm", "all", "--summary"], 40, 2, "compress/all-builtin-40-seed2-summary.txt"),
    ]

    /// Streamed `compress` output is byte for byte the whole document tmemctl printed before, from the built-in
    /// mix (in memory) and from the same pages in a file (read in chunks).
    @Test(arguments: 0..<5) func compressOutputIsByteIdenticalToTheWholeDocument(_ k: Int) throws {
        let c = Self.compressCases[k]
        let expected = try Self.fixture(c.fixture)
        let builtin = try TmemctlRunner.run(["compress"] + c.arguments + ["--builtin", "--pages", "\(c.pages)", "--seed", "\(c.seed)"])
        #expect(builtin.status == 0, "\(builtin.stderr)")
        #expect(Data(builtin.stdout.utf8) == expected, "\(c.arguments) --builtin differs from \(c.fixture)")
        let path = try Self.mixFile(pages: c.pages, seed: c.seed)
        defer { unlink(path) }
        let file = try TmemctlRunner.run(["compress"] + c.arguments + ["--corpus", path])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(Data(file.stdout.utf8) == expected, "\(c.arguments) --corpus differs from \(c.fixture)")
    }

    /// `corpus builtin` writes the mix a chunk at a time (256 pages): 600 pages cross two chunk boundaries and must
    /// be the bytes the whole-corpus writer wrote (SHA-256 of its output, seed 3).
    @Test func corpusBuiltinStreamsTheSameBytes() throws {
        let path = try Self.mixFile(pages: 600, seed: 3)
        defer { unlink(path) }
        let sum = try ToolProcess.run("sha256sum", [path])
        #expect(sum.stdout.hasPrefix("041b02b2de2cd5a1a7862dfd14b3335383ae82408ccb441b9901343e9440c2de "), "\(sum.output)")
    }

    /// `model` over 24576 pages (more than one 16384-page analysis window) from a file predicts what the model
    /// predicted for the whole corpus in memory.
    @Test func modelOverSeveralWindowsMatchesTheWholeCorpusPrediction() throws {
        let path = try Self.mixFile(pages: 24576, seed: 4)
        defer { unlink(path) }
        let r = try TmemctlRunner.run(["model", "--algorithm", "all", "--kernel", "6.12", "--corpus", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let want = try JSONSerialization.jsonObject(with: Self.fixture("model-all-kernel6.12-builtin-24576-seed4.json")) as! [String: Any]
        #expect((got["results"] as! NSArray) == (want["results"] as! NSArray))
        #expect((got["corpus"] as? [String: Any])?["pages"] as? Int == 24576)
    }

    /// `advise` ranks the same from a file over two windows (17000 pages) as it did from the whole mix; the
    /// host-dependent disksize part is not compared.
    @Test(.tags(.slow)) func adviseOverSeveralWindowsMatchesTheWholeCorpusRanking() throws {
        let path = try Self.mixFile(pages: 17000, seed: 4)
        defer { unlink(path) }
        let r = try TmemctlRunner.run(["advise", "--no-cpu", "--kernel", "6.12", "--levels", "default", "--corpus", path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let want = try JSONSerialization.jsonObject(with: Self.fixture("advise-kernel6.12-default-nocpu-builtin-17000-seed4.json")) as! [String: Any]
        #expect((got["results"] as! NSArray) == (want["results"] as! NSArray))
        #expect(got["best_name"] as? String == want["best_name"] as? String)
    }

    /// The bound the README states: 64 MiB plus what does not depend on the corpus. A 96 MiB corpus file, which a
    /// command that loads it whole cannot stay under (it peaked at corpus + 25 MB), read by each streaming command.
    @Test func peakMemoryStaysUnderTheBoundOnACorpusLargerThanIt() throws {
        guard let exe = TmemctlRunner.binary?.path else { Issue.record("no tmemctl binary"); return }
        let pages = 24576
        let path = try Self.mixFile(pages: pages, seed: 4)
        defer { unlink(path) }
        let bound = 64 << 20
        let runs: [[String]] = [
            ["compress", "--algorithm", "lzo-rle", "--json", "--corpus", path],
            ["compress", "--algorithm", "lz4", "--corpus", path],
            ["model", "--algorithm", "lz4", "--kernel", "6.12", "--corpus", path, "--json"],
            ["simulate", "--workload", "usemem", "--memory", "16M", "--corpus", path],
        ]
        for args in runs {
            let r = try PeakMemoryRun.run(exe, args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.maxResidentBytes < bound, "\(args.prefix(3)): peak RSS \(r.maxResidentBytes) bytes on a \(pages * pageSize)-byte corpus")
        }
        // The JSON written as it goes is the document, complete: 24576 page objects and the totals after them.
        let r = try PeakMemoryRun.run(exe, ["compress", "--algorithm", "lzo-rle", "--json", "--corpus", path])
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as! [String: Any]
        #expect((doc["pages"] as? [Any])?.count == pages)
        #expect(doc["total_compressed_size"] is Int)
    }
}
