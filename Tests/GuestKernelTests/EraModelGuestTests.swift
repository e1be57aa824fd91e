import Foundation
import Testing
import TmemTestSupport

/// `tmemctl model --kernel ERA` run on this host predicts what Debian's kernel of that era reports: each era's
/// guest writes the built-in mix (2,000 pages, seed 1; the same pages on both sides) to a fresh zram device per
/// algorithm with `tmemctl verify --algorithm all` (the block path), and every mm_stat field the guest's kernel
/// shows must equal the host's prediction for that era, or stay within the bound the host states for a bounded
/// compressor (zstd on 6.1 and 7.2). The guest's own verify must pass too.
@Suite struct EraModelGuestTests {
    struct Live: Decodable {
        struct Result: Decodable {
            struct Field: Decodable { let field: String; let live: Int?; let source: String; let allowed: Int? }
            let algorithm: String; let status: String; let fields: [Field]
        }
        let passed: Bool; let results: [Result]
    }
    struct Model: Decodable {
        struct Exactness: Decodable {
            let status: String; let compr_data_size_percent: Double?; let mem_used_total_percent: Double?
        }
        struct Result: Decodable { let algorithm: String; let exactness: Exactness; let mm_stat: [String: Int?] }
        let results: [Result]
    }

    /// What a field may differ by under the model's stated exactness: nothing when exact; for a bounded
    /// compressor the stated percentage of the predicted size fields (huge pages by the guest's own allowance).
    static func allowed(_ field: String, predicted: Int, exactness: Model.Exactness, guestAllowed: Int?) -> Int {
        guard exactness.status == "bounded" else { return 0 }
        switch field {
        case "compr_data_size": return Int((Double(predicted) * (exactness.compr_data_size_percent ?? 0) / 100).rounded(.up))
        case "mem_used_total", "mem_used_max": return Int((Double(predicted) * (exactness.mem_used_total_percent ?? 0) / 100).rounded(.up))
        case "huge_pages", "huge_pages_since": return guestAllowed ?? 0
        default: return 0
        }
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
                    // no_timer_check: under TCG on a busy host the IO-APIC timer check can fail and panic 6.1.
                    // 6.1's zram reaches lz4hc and zstd through the crypto API: load those modules first.
                    "--append", "no_timer_check", "--",
                    "sh", "-c", "modprobe zram num_devices=1 && for m in lz4hc zstd; do modprobe $m 2>/dev/null; done; tmemctl verify --algorithm all --pages 2000 --json"],
                    timeoutSeconds: 600)
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
                // Exact compressors must match to the byte; a bounded one (zstd on 6.1 and 7.2) within the bound
                // the host states for that era, never silently.
                if predicted.exactness.status == "bounded" { print("era \(era) \(r.algorithm): bounded, checked against the stated bound") }
                #expect(predicted.exactness.status != "unmeasured", "era \(era) \(r.algorithm): the default level must be measured")
                for f in fields {
                    let p = (predicted.mm_stat[f.field] ?? nil) ?? 0
                    let tolerance = Self.allowed(f.field, predicted: p, exactness: predicted.exactness, guestAllowed: f.allowed)
                    #expect(abs((f.live ?? -1) - p) <= tolerance,
                            "era \(era) \(r.algorithm) \(f.field): guest kernel \(f.live.map(String.init) ?? "-"), host model --kernel \(era) \(p) (allowed ±\(tolerance), \(predicted.exactness.status))")
                }
            }
        }
        print("guest eras verify vs host model: \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall in all")
    }
}
