import ArgumentParser
import Foundation
import Testing
@testable import TmemCLI
import TmemControl
import TmemCore

@Suite struct ModelCommandTests {
    @Test func usageErrors() {
        for args in [[String](), ["--corpus", "f", "--builtin"], ["--builtin", "--chain-size", "3"],
                     ["--builtin", "--chain-size", "17"], ["--builtin", "--algorithm", "zst"],
                     ["--builtin", "--algorithm", "zstd", "--level", "23"], ["--builtin", "--level", "3"],
                     ["--builtin", "--algorithm", "lz4", "--level", "3"],
                     ["--builtin", "--kernel", "6.1", "--algorithm", "zstd", "--level", "3"],
                     ["--builtin", "--kernel", "6.12", "--algorithm", "deflate", "--window-bits", "-12"],
                     ["--builtin", "--algorithm", "deflate", "--window-bits", "-8"],
                     ["--builtin", "--pages", "0"], ["--builtin", "--mem-limit", "lots"]] {
            do {
                _ = try ModelCommand.parse(args)
                Issue.record("accepted \(args)")
            } catch {
                #expect(ModelCommand.exitCode(for: error).rawValue == 64, "\(args)")
            }
        }
        #expect(throws: Never.self) { try ModelCommand.parse(["--builtin", "--chain-size", "16", "--algorithm", "lz4"]) }
        #expect(throws: Never.self) { try ModelCommand.parse(["--builtin", "--kernel", "7.2", "--algorithm", "deflate", "--window-bits", "-12"]) }
        #expect(throws: Never.self) { try ModelCommand.parse(["--builtin", "--kernel", "6.12", "--algorithm", "zstd", "--level", "19"]) }
    }

    /// The JSON shape issue 4 fixes: corpus {path, pages}, results [{algorithm, mm_stat{nine fields}}].
    /// One zero page and one "hello" page: lzo gives 64 bytes (kernel-abi §5.5) in class 80 (5 pages).
    @Test func jsonShapeAndValues() throws {
        var bytes = [UInt8](repeating: 0, count: 2 * pageSize)
        for (k, b) in "hello".utf8.enumerated() { bytes[pageSize + 100 + k] = b }
        let corpus = try PageCorpus(bytes: bytes)
        let report = ModelRun.run(corpus: corpus, info: .init(path: "two.pages", pages: 2), algorithms: [.lzo],
                                  settings: .init(chainRule: .leastWaste(chainSize: 8)))
        let object = try JSONSerialization.jsonObject(with: Data(Output.json(report).utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["schema_version", "corpus", "results"])
        let c = object["corpus"] as! [String: Any]
        #expect(Set(c.keys) == ["path", "pages", "seed"] && c["path"] as? String == "two.pages" && c["pages"] as? Int == 2)
        #expect(c["seed"] is NSNull)   // a file has no seed: the key stays, null
        let results = object["results"] as! [[String: Any]]
        #expect(results.count == 1 && results[0]["algorithm"] as? String == "lzo")
        let stat = results[0]["mm_stat"] as! [String: Int]
        #expect(stat == ["orig_data_size": 8192, "compr_data_size": 64, "mem_used_total": 5 * 4096, "mem_limit": 0,
                         "mem_used_max": 5 * 4096, "same_pages": 1, "pages_compacted": 0, "huge_pages": 0,
                         "huge_pages_since": 0])
    }

    @Test func builtinCorpusReportsNullPathAndSeed() throws {
        let report = ModelReport(corpus: .init(path: nil, pages: 3, seed: 9), results: [])
        let json = try Output.json(report)
        let c = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["corpus"] as! [String: Any]
        #expect(c["path"] is NSNull && c["seed"] as? Int == 9)
    }

    @Test func textTableHasOneColumnPerAlgorithm() throws {
        let corpus = BuiltinCorpus.generate(pages: 8, seed: 1)
        let report = ModelRun.run(corpus: corpus, info: .init(path: "x", pages: 8), algorithms: [.lzoRle, .lzo, .lz4],
                                  settings: .init(chainRule: .leastWaste(chainSize: 8)))
        let text = ModelTable.render(report, chainRule: .leastWaste(chainSize: 8), ruleSource: "--chain-size")
        #expect(text.contains("huge_class_size 3625"))
        let header = text.split(separator: "\n").first { $0.hasPrefix("field") }
        #expect(header?.split(separator: " ").map(String.init) == ["field", "lzo-rle", "lzo", "lz4"])
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("huge_pages_since") }.count == 1)
    }
}

@Suite struct CorpusCommandTests {
    @Test func builtinWritesWholePages() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-corpus-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var cmd = try CorpusCommand.Builtin.parse(["-o", path, "--pages", "5", "--seed", "3"])
        try cmd.run()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == 5 * 4096)
        #expect(Array(data) == BuiltinCorpus.generate(pages: 5, seed: 3).bytes)
    }

    @Test func usageErrors() {
        for args in [["-o", "x", "--pages", "0"]] {
            #expect(throws: (any Error).self) { try CorpusCommand.Builtin.parse(args) }
        }
        for args in [["--pid", "0", "-o", "x"], ["--pid", "1", "-o", "x", "--max-pages", "0"], ["-o", "x"]] {
            do { _ = try CorpusCommand.Capture.parse(args); Issue.record("accepted \(args)") } catch {
                #expect(CorpusCommand.Capture.exitCode(for: error).rawValue == 64)
            }
        }
    }
}
