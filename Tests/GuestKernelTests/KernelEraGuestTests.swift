import Foundation
import Testing
import TmemTestSupport

/// Boots Debian's kernels of each era (6.1 bookworm, 6.12 trixie, 7.2 sid) through scripts/qemu-guest and reads
/// what their zram and zswap offer (scripts/guest/zram-probe). The expectations come from each package's own
/// kernel configuration (/boot/config-*, printed by the guest) and from page counts worked out by hand, never from
/// tmemctl: the probe writes 64 pages of random bytes and 64 zero pages to a fresh device.
@Suite(.tags(.guest, .slow)) struct KernelEraGuestTests {
    /// "key: value" lines of the probe's output.
    static func fields(_ output: String) -> [String: String] {
        var f: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.range(of: ": ") else { continue }
            f[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        return f
    }

    static func config(_ f: [String: String]) -> [String: String] {
        var c: [String: String] = [:]
        for item in (f["config"] ?? "").split(separator: " ") {
            let kv = item.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { c[String(kv[0])] = String(kv[1]) }
        }
        return c
    }

    static func words(_ s: String?) -> Set<String> { Set((s ?? "").split(separator: " ").map(String.init)) }

    @Test(.enabled(if: GuestHarness.skipReason == nil, Comment(rawValue: GuestHarness.skipReason ?? "")), .timeLimit(.minutes(15)))
    func eachEraOffersWhatItsConfigSays() throws {
        let probe = GuestHarness.repository.appendingPathComponent("scripts/guest/zram-probe").path
        let start = Date()
        let results = GuestHarness.forEachEra { era in
            Result { try GuestHarness.run(era: era, binary: nil, arguments: ["--script", probe]) }
        }
        for era in GuestHarness.eras {
            let r = try #require(try results[era]?.get())
            print("guest \(era): \(String(format: "%.1f", r.seconds)) s wall")
            #expect(r.status == 0, "era \(era): harness exit \(r.status)\n\(r.console)")
            let f = Self.fields(r.stdout), c = Self.config(f)
            #expect(f["kernel"]?.hasPrefix(era + ".") == true, "era \(era) booted \(f["kernel"] ?? "nothing")")
            // The algorithms zram takes are the ones the config builds: zram's own backends from 6.12 on,
            // any crypto-API compressor in 6.1.
            let names = ["lzo": "LZO", "lzo-rle": "LZO", "lz4": "LZ4", "lz4hc": "LZ4HC", "zstd": "ZSTD", "deflate": "DEFLATE", "842": "842"]
            let built: Set<String> = Set(names.filter { _, option in
                if c["CONFIG_ZRAM_BACKEND_LZ4"] != nil { return c["CONFIG_ZRAM_BACKEND_\(option)"] == "y" }
                return ["y", "m"].contains(c["CONFIG_CRYPTO_\(option)"] ?? "n")
            }.keys)
            #expect(Self.words(f["zram comp_algorithm accepts"]) == built, "era \(era): \(f["zram comp_algorithm accepts"] ?? "") vs config \(built.sorted())")
            let defaultAlgorithm = (c["CONFIG_ZRAM_DEF_COMP"] ?? "").replacingOccurrences(of: "\"", with: "")
            #expect(f["zram default comp_algorithm"]?.contains("[\(defaultAlgorithm)]") == true, "era \(era)")
            let present = Self.words(f["zram present"])
            #expect(present.contains("writeback") == (c["CONFIG_ZRAM_WRITEBACK"] == "y"), "era \(era)")
            #expect(present.contains("recomp_algorithm") == (c["CONFIG_ZRAM_MULTI_COMP"] == "y"), "era \(era)")
            #expect(present.contains("algorithm_params") == (era != "6.1"), "era \(era): algorithm_params arrived in 6.12")
            // 64 random pages (stored huge) and 64 zero pages (same-filled, no memory): orig_data_size is 128
            // pages, same_pages 64, huge_pages 64; 9 fields in every era.
            let mm = (f["mm_stat"] ?? "").split(separator: "(").first.map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
            #expect(mm.count == 9, "era \(era): mm_stat \(f["mm_stat"] ?? "")")
            if mm.count == 9 {
                #expect(mm[0] == 128 * 4096 && mm[5] == 64 && mm[7] == 64 && mm[8] == 64, "era \(era): mm_stat \(mm)")
            }
            // zswap's compressor is any crypto-API compressor the config builds (CONFIG_CRYPTO_*).
            let crypto = Set(names.filter { ["y", "m"].contains(c["CONFIG_CRYPTO_\($0.value)"] ?? "n") }.keys)
            #expect(Self.words(f["zswap compressor accepts"]) == crypto, "era \(era): \(f["zswap compressor accepts"] ?? "")")
        }
        print("guest eras \(GuestHarness.eras.joined(separator: ", ")): \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall in all")
    }
}
