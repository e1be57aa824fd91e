import Foundation
import Testing
import TmemTestSupport

/// Every compressor each era's zram lists, page by page, in that era's Debian kernel: the guest writes a corpus of
/// 2,048 varied pages (1,024 of the built-in mix and 1,024 of this test process's own anonymous memory, captured
/// with `tmemctl corpus capture`) one page at a time (`verify --per-page`), at the default levels, and a
/// 300-page slice of it at other levels. The kernel's per-page compressed sizes must equal the host compressor's
/// where the host claims exact, and stay within the stated bound where it claims bounded; and the host's
/// `tmemctl model --kernel ERA` on the same file must give the guest's mm_stat (within the bound).
@Suite struct CompressorEraGuestTests {
    struct Verify: Decodable {
        struct Result: Decodable {
            struct Field: Decodable { let field: String; let live: Int; let source: String; let status: String }
            struct Exactness: Decodable { let status: String; let page_bytes: Int?; let compr_data_size_percent: Double?; let mem_used_total_percent: Double? }
            struct PerPage: Decodable { let pages: Int; let different: Int; let max_difference: Int; let total_difference: Int }
            let algorithm: String; let level: Int?; let window_bits: Int?; let status: String; let reason: String?
            let fields: [Field]; let exactness: Exactness?; let per_page: PerPage?
        }
        let passed: Bool; let results: [Result]
    }
    struct Model: Decodable {
        struct Result: Decodable { let algorithm: String; let level: Int?; let mm_stat: [String: Int] }
        let results: [Result]
    }

    /// Runs at other levels on the small corpus, per era (6.1's crypto API takes no levels).
    static func levelRuns(_ era: String) -> [[String]] {
        if era == "6.1" { return [] }
        var runs = [["lz4hc", "--level", "1"], ["lz4hc", "--level", "16"], ["zstd", "--level", "1"],
                    ["zstd", "--level", "9"], ["zstd", "--level", "19"], ["deflate", "--level", "1"],
                    ["deflate", "--level", "9"]]
        if era == "7.2" { runs.append(["deflate", "--window-bits=-15"]) }
        return runs
    }

    static func corpora(in dir: URL) throws -> (mixed: URL, small: URL) {
        let mix = dir.appendingPathComponent("mix.pages"), own = dir.appendingPathComponent("own.pages")
        let b = try TmemctlRunner.run(["corpus", "builtin", "-o", mix.path, "--pages", "1024", "--seed", "5"])
        #expect(b.status == 0, "\(b.stderr)")
        let c = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(getpid())", "-o", own.path, "--max-pages", "1024"])
        #expect(c.status == 0, "\(c.stderr)")
        let bytes = try Data(contentsOf: mix) + Data(contentsOf: own)
        let mixed = dir.appendingPathComponent("mixed.pages"), small = dir.appendingPathComponent("small.pages")
        try bytes.write(to: mixed)
        // 150 pages of each kind for the level runs.
        let half = 150 * 4096
        try (bytes.prefix(half) + bytes.suffix(from: 1024 * 4096).prefix(half)).write(to: small)
        return (mixed, small)
    }

    static func check(_ r: Verify.Result, era: String, corpus: URL, pages: Int) throws {
        let what = "era \(era) \(r.algorithm)\(r.level.map { " level \($0)" } ?? "")\(r.window_bits.map { " winbits \($0)" } ?? "")"
        #expect(r.status == "passed", "\(what): \(r.status) \(r.reason ?? "") \(r.fields.filter { $0.status == "different" }.map(\.field))")
        let e = try #require(r.exactness, "\(what)")
        #expect(e.status != "unmeasured", "\(what): the host has no exactness claim for what the guest just measured")
        let pp = try #require(r.per_page, "\(what)")
        #expect(pp.pages == pages, "\(what)")
        if e.status == "exact" {
            #expect(pp.different == 0, "\(what): \(pp.different) pages differ (max \(pp.max_difference) B)")
        } else {
            // A per-page bound is checked where the host claims one (none for zstd: the totals are the claim).
            if let bound = e.page_bytes {
                #expect(pp.max_difference <= bound, "\(what): a page differs by \(pp.max_difference) B, bound \(bound)")
            }
        }
        print("\(what): \(e.status), \(pp.different) of \(pp.pages) pages differ, at most \(pp.max_difference) B, Σ \(pp.total_difference) B")

        // The host's model of the same file, for that era and these parameters.
        var args = ["model", "--corpus", corpus.path, "--kernel", era, "--algorithm", r.algorithm, "--json"]
        if let l = r.level, r.algorithm != "deflate" || l != 6, r.algorithm != "lz4hc" || l != 9, r.algorithm != "zstd" || l != 3 {
            if era != "6.1" { args += ["--level", "\(l)"] }
        }
        if let w = r.window_bits, w != -11 { args += ["--window-bits=\(w)"] }
        let host = try TmemctlRunner.run(args)
        #expect(host.status == 0, "\(what): \(host.stderr)")
        let model = try JSONDecoder().decode(Model.self, from: Data(host.stdout.utf8))
        let m = try #require(model.results.first, "\(what)")
        for f in r.fields where f.source == "mm_stat" {
            let p = m.mm_stat[f.field] ?? -1
            var allowed = 0
            if e.status == "bounded" {
                switch f.field {
                case "compr_data_size": allowed = Int((Double(p) * (e.compr_data_size_percent ?? 0) / 100).rounded(.up))
                case "mem_used_total", "mem_used_max": allowed = Int((Double(p) * (e.mem_used_total_percent ?? 0) / 100).rounded(.up))
                case "huge_pages", "huge_pages_since": allowed = pages
                default: allowed = 0
                }
            }
            #expect(abs(f.live - p) <= allowed, "\(what) \(f.field): guest \(f.live), host model --kernel \(era) \(p) (allowed ±\(allowed))")
        }
    }

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(20)))
    func everyListedCompressorPageByPageInEachEra() throws {
        let start = Date()
        let binary = try #require(TmemctlRunner.binary)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-compressors-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (mixed, small) = try Self.corpora(in: dir)
        let mixedPages = try Data(contentsOf: mixed).count / 4096
        #expect(mixedPages >= 2000, "the per-page test needs 2,000+ pages, has \(mixedPages)")

        let guests = GuestHarness.forEachEra { era in
            Result { () throws -> GuestHarness.Result in
                var script = "modprobe zram num_devices=1 && for m in lz4hc zstd; do modprobe $m 2>/dev/null; done\n"
                script += "tmemctl verify --algorithm all --per-page --corpus /in/mixed.pages --json > /out/default.json\n"
                for (k, run) in Self.levelRuns(era).enumerated() {
                    script += "tmemctl verify --per-page --corpus /in/small.pages --json --algorithm \(run.joined(separator: " ")) > /out/level\(k).json\n"
                }
                script += "echo done\n"
                let file = dir.appendingPathComponent("script-\(era).sh")
                try script.write(to: file, atomically: true, encoding: .utf8)
                return try GuestHarness.run(era: era, binary: binary, arguments: [
                    "--append", "no_timer_check", "--file", mixed.path, "--file", small.path, "--script", file.path],
                    keepOutput: true, timeoutSeconds: 1100)
            }
        }
        for era in GuestHarness.eras {
            let g = try #require(try guests[era]?.get())
            print("guest \(era) compressors: \(String(format: "%.1f", g.seconds)) s wall")
            defer { if let d = g.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
            #expect(g.status == 0 && g.stdout.contains("done"), "era \(era): exit \(g.status)\n\(g.console.suffix(3000))")
            let out = try #require(g.outputDirectory)
            let all = try JSONDecoder().decode(Verify.self, from: Data(contentsOf: out.appendingPathComponent("default.json")))
            let ran = all.results.filter { $0.status != "skipped" }
            #expect(ran.count >= (era == "6.1" ? 5 : 4), "era \(era): ran \(ran.map(\.algorithm))")
            for r in ran { try Self.check(r, era: era, corpus: mixed, pages: mixedPages) }
            for k in Self.levelRuns(era).indices {
                let v = try JSONDecoder().decode(Verify.self, from: Data(contentsOf: out.appendingPathComponent("level\(k).json")))
                for r in v.results { try Self.check(r, era: era, corpus: small, pages: 300) }
            }
        }
        print("CompressorEraGuestTests: \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall")
    }
}
