import Foundation
import Testing
import TmemTestSupport

/// Writeback in each era's Debian kernel against the host's model of that era: the guest runs
/// `tmemctl verify --writeback STEPS --backing-device /dev/guest/wb` (a 64 MiB virtio disk) on the built-in mix
/// and on this test process's own captured memory, and the host's `tmemctl model --kernel ERA --writeback STEPS`
/// on the same pages must give every mm_stat, bd_stat and io_stat field the guest's kernel shows, exactly (lz4
/// and lzo-rle are kernel-exact compressors, and writeback is deterministic given the compressed sizes). The
/// steps use what each era's `writeback` takes (docs/kernel-notes.md#zram-writeback-accounting).
@Suite(.tags(.guest, .slow)) struct WritebackGuestTests {
    struct Verify: Decodable {
        struct Result: Decodable {
            struct Field: Decodable { let source: String; let field: String; let live: Int; let status: String }
            let algorithm: String; let status: String; let reason: String?; let fields: [Field]; let notes: [String]
        }
        let passed: Bool; let results: [Result]
    }
    struct Model: Decodable {
        struct Step: Decodable { let step: String; let pages_written: Int; let error: String? }
        struct Result: Decodable {
            let algorithm: String; let mm_stat: [String: Int?]; let bd_stat: [String: Int]?; let io_stat: [String: Int?]?
            let writeback: [Step]?
        }
        let results: [Result]
    }

    /// The scenario per era: idle marking, reads that clear it, writeback of every type the era takes, single
    /// pages, a range (7.2), and an index beyond disksize (refused).
    static func steps(_ era: String) -> String {
        var s = "mark-idle,read=0-99,huge_idle,read=100-199,idle,huge,page_index=120"
        if era != "6.1" { s += ",incompressible" }
        if era == "7.2" { s += ",page_indexes=50-99" }
        return s + ",page_index=99999"
    }

    static func algorithms(_ era: String) -> [String] { era == "6.1" ? ["lz4", "lzo-rle"] : ["lz4"] }

    static let backingSize = "64M"

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(10)))
    func hostModelOfEachEraPredictsTheGuestsWriteback() throws {
        let start = Date()
        let binary = try #require(TmemctlRunner.binary)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-writeback-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let own = dir.appendingPathComponent("own.pages")
        let c = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(getpid())", "-o", own.path, "--max-pages", "1024"])
        try #require(c.status == 0, "\(c.stderr)")
        let corpora: [(name: String, args: [String])] = [("mix", ["--builtin", "--pages", "2000"]), ("own", ["--corpus", own.path])]

        let guests = GuestHarness.forEachEra { era in
            Result { () throws -> GuestHarness.Result in
                var script = "modprobe zram num_devices=1 || exit 1\n"
                for alg in Self.algorithms(era) {
                    for (name, args) in corpora {
                        let corpus = name == "own" ? ["--corpus", "/in/own.pages"] : args
                        script += "tmemctl verify --algorithm \(alg) \(corpus.joined(separator: " ")) --writeback \(Self.steps(era)) --backing-device /dev/guest/wb --json > /out/\(alg)-\(name).json\n"
                    }
                }
                script += "echo done\n"
                let file = dir.appendingPathComponent("script-\(era).sh")
                try script.write(to: file, atomically: true, encoding: .utf8)
                return try GuestHarness.run(era: era, binary: binary, arguments: [
                    "--append", "no_timer_check", "--scratch", "\(Self.backingSize):wb", "--file", own.path,
                    "--script", file.path], keepOutput: true, timeoutSeconds: 500)
            }
        }
        for era in GuestHarness.eras {
            let g = try #require(try guests[era]?.get())
            print("guest \(era) writeback: \(String(format: "%.1f", g.seconds)) s wall")
            defer { if let d = g.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
            #expect(g.status == 0 && g.stdout.contains("done"), "era \(era): exit \(g.status)\n\(g.console.suffix(3000))")
            let out = try #require(g.outputDirectory)
            for alg in Self.algorithms(era) {
                for (name, args) in corpora {
                    let what = "era \(era) \(alg) \(name)"
                    let live = try JSONDecoder().decode(Verify.self, from: Data(contentsOf: out.appendingPathComponent("\(alg)-\(name).json")))
                    let r = try #require(live.results.first, "\(what)")
                    #expect(live.passed && r.status == "passed", "\(what): \(r.status) \(r.reason ?? "") \(r.fields.filter { $0.status != "equal" }.map { "\($0.source) \($0.field)" })")
                    let host = try TmemctlRunner.run(["model"] + args + ["--kernel", era, "--algorithm", alg, "--writeback", Self.steps(era),
                                                                         "--backing-size", Self.backingSize, "--json"])
                    try #require(host.status == 0, "\(what): \(host.stderr)")
                    let m = try #require(try JSONDecoder().decode(Model.self, from: Data(host.stdout.utf8)).results.first)
                    var compared = 0
                    for f in r.fields {
                        let predicted: Int?
                        switch f.source {
                        case "mm_stat": predicted = m.mm_stat[f.field] ?? nil
                        case "bd_stat": predicted = m.bd_stat?[f.field]
                        case "io_stat": predicted = (m.io_stat?[f.field] ?? nil) ?? 0
                        default: continue
                        }
                        compared += 1
                        #expect(predicted == f.live, "\(what) \(f.source) \(f.field): guest kernel \(f.live), host model --kernel \(era) \(predicted.map(String.init) ?? "-")")
                    }
                    #expect(compared == 9 + 3 + 4, "\(what): compared \(compared) fields")
                    let written = (m.writeback ?? []).map(\.pages_written).reduce(0, +)
                    #expect(m.bd_stat?["bd_writes"] == written && written > 0, "\(what): the steps must write pages back")
                    print("\(what): \((m.writeback ?? []).map { "\($0.step) \($0.pages_written)\($0.error.map { " \($0)" } ?? "")" }.joined(separator: ", "))")
                }
            }
        }
        print("WritebackGuestTests: \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall")
    }
}
