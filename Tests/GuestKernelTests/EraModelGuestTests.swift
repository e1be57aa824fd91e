import Foundation
import Testing
import TmemTestSupport

/// `tmemctl model --kernel ERA` run on this host predicts what Debian's kernel of that era reports: each era's
/// guest writes the built-in mix (2,000 pages, seed 1; the same pages on both sides) to a fresh zram device per
/// algorithm with `tmemctl verify --algorithm all` (the block path), and every mm_stat field the guest's kernel
/// shows must equal the host's prediction for that era. The guest's own verify must pass too.
@Suite(.tags(.guest, .slow)) struct EraModelGuestTests {
    struct Live: Decodable {
        struct Result: Decodable {
            struct Field: Decodable { let field: String; let live: Int?; let source: String }
            let algorithm: String; let status: String; let fields: [Field]
        }
        let passed: Bool; let results: [Result]
    }
    struct Model: Decodable {
        struct Result: Decodable { let algorithm: String; let mm_stat: [String: Int?] }
        let results: [Result]
    }

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(15)))
    func hostModelOfEachEraEqualsTheGuestKernel() throws {
        let binary = try #require(TmemctlRunner.binary)
        let start = Date()
        let guests = GuestHarness.forEachEra { era in
            Result {
                try GuestHarness.run(era: era, binary: binary, arguments: [
                    "--", "sh", "-c", "modprobe zram num_devices=1 && tmemctl verify --algorithm all --pages 2000 --json"])
            }
        }
        for era in GuestHarness.eras {
            let g = try #require(try guests[era]?.get())
            print("guest \(era) verify: \(String(format: "%.1f", g.seconds)) s wall")
            #expect(g.status == 0, "era \(era): guest verify exit \(g.status)\n\(g.stdout)\n\(g.console)")
            let live = try JSONDecoder().decode(Live.self, from: Data(g.stdout.utf8))
            #expect(live.passed, "era \(era)")
            let host = try TmemctlRunner.run(["model", "--builtin", "--pages", "2000", "--kernel", era, "--json"])
            #expect(host.status == 0, "\(host.stderr)")
            let model = try JSONDecoder().decode(Model.self, from: Data(host.stdout.utf8))
            let measured = live.results.filter { $0.status != "skipped" }
            #expect(Set(measured.map(\.algorithm)) == Set(model.results.map(\.algorithm)),
                    "era \(era): guest measured \(measured.map(\.algorithm)), host modelled \(model.results.map(\.algorithm))")
            for r in measured {
                let predicted = try #require(model.results.first { $0.algorithm == r.algorithm }, "era \(era) \(r.algorithm)")
                let fields = r.fields.filter { $0.source == "mm_stat" }
                #expect(fields.count == 9, "era \(era) \(r.algorithm)")
                for f in fields {
                    #expect(f.live == predicted.mm_stat[f.field] ?? nil,
                            "era \(era) \(r.algorithm) \(f.field): guest kernel \(f.live.map(String.init) ?? "-"), host model --kernel \(era) \(String(describing: predicted.mm_stat[f.field] ?? nil))")
                }
            }
        }
        print("guest eras verify vs host model: \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall in all")
    }
}
