import Foundation
import Testing
import TmemTestSupport

/// The declared tiering policy on each era's Debian kernel (docs/kernel-notes.md#zram-tiering-probes,
/// #zram-writeback-accounting). One boot per era, two devices, each with a 64 MiB virtio scratch disk as its
/// backing device:
///
/// - zram1 (not swap) holds 400 pages of the built-in mix (38 same-filled, 362 with an object). Rounds of
///   `tmemctl policy run` with writeback-budget = 800K (200 units of 4 KiB a day): idle-age 86400 is beyond the
///   uptime, which tmemctl refuses to mark with (7.2 would mark every page), so nothing is written; idle-age 0 marks all, and the kernel's
///   writeback_limit stops the round at 200 pages; a second round the same day and one with the clock set a day
///   back write nothing; one with the clock a day ahead writes the other 162. The end state is the host model's
///   `mark-idle,idle` prediction, every mm_stat and bd_stat field exactly, and the device reads back
///   byte-identical to the corpus (through the backing disk).
/// - zram2 is swap: a tmpfs file written inside a memory cgroup is pushed out to it by memory.reclaim, a round
///   (no budget) writes it back, and reading the file faults it in through the backing disk: it must compare
///   equal to the original, byte for byte.
///
/// The clock moves with `date -s`; idle ages use the boot-time clock, which `date` does not move.
@Suite(.tags(.guest, .slow)) struct TieringGuestTests {
    struct Round: Decodable {
        struct Budget: Decodable { let utc_day: Int; let used_after_bytes: Int; let remaining_bytes: Int? }
        struct Stats: Decodable { let bd_stat: [String: Int]? }
        let budget: Budget; let skipped: [String]; let after: Stats?
    }
    struct Rounds: Decodable { let rounds: [Round] }
    struct Model: Decodable {
        struct Result: Decodable { let mm_stat: [String: Int?]; let bd_stat: [String: Int]? }
        let results: [Result]
    }

    static let policy = """
        [zram1]
        writeback-device = /dev/guest/wb
        idle-age = AGE
        writeback-budget = 800K
        writeback-types = idle

        [zram2]
        writeback-device = /dev/guest/wb2
        idle-age = 0
        writeback-types = huge idle

        """

    /// Busybox sh in the guest; every result goes to /out.
    static let script = """
        set -u
        modprobe zram num_devices=1 || exit 1
        D1=$(tmemctl zram add --size 16M --algorithm lz4 --backing-dev /dev/guest/wb) || exit 1
        D2=$(tmemctl zram add --size 32M --algorithm lz4 --backing-dev /dev/guest/wb2 --swap) || exit 1
        [ "$D1" = zram1 ] && [ "$D2" = zram2 ] || { echo "devices $D1 $D2"; exit 1; }
        dd if=/in/mix.pages of=/dev/zram1 bs=4096 oflag=direct 2>/dev/null || exit 1
        run() { tmemctl policy run --device zram1 --config "$1" --json > "/out/$2.json" 2>> /out/stderr || echo "round $2 failed" >> /out/errors; }
        t0=$(date +%s)
        run /in/old.conf r0
        run /in/tier.conf r1
        run /in/tier.conf r2
        date -s @$((t0 - 86400)) > /dev/null; run /in/tier.conf r3
        date -s @$((t0 + 86400)) > /dev/null; run /in/tier.conf r4
        cat /sys/block/zram1/mm_stat > /out/mm_stat; cat /sys/block/zram1/bd_stat > /out/bd_stat
        cat /sys/block/zram1/writeback_limit > /out/writeback_limit
        dd if=/dev/zram1 bs=4096 count=400 iflag=direct 2>/dev/null | cmp - /in/mix.pages && echo identical > /out/block-readback
        # Swap integrity on zram2.
        mkdir -p /sys/fs/cgroup /mnt/t && mount -t cgroup2 none /sys/fs/cgroup && mount -t tmpfs none /mnt/t || exit 1
        echo +memory > /sys/fs/cgroup/cgroup.subtree_control; mkdir /sys/fs/cgroup/g
        sh -c 'echo $$ > /sys/fs/cgroup/g/cgroup.procs; cp /in/big.pages /mnt/t/data' || exit 1
        echo 64M > /sys/fs/cgroup/g/memory.reclaim 2>/dev/null
        cat /sys/block/zram2/mm_stat > /out/swap-mm_stat
        tmemctl policy run --device zram2 --config /in/tier.conf --json > /out/swap-round.json 2>> /out/stderr || echo "swap round failed" >> /out/errors
        cmp /mnt/t/data /in/big.pages && echo identical > /out/swap-readback
        cat /sys/block/zram2/bd_stat > /out/swap-bd_stat
        echo done
        """

    static func numbers(_ text: String) -> [Int] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) } }

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(10)))
    func thePolicyStaysWithinBudgetAndTheKernelDoesWhatTheModelPredicts() throws {
        let start = Date()
        let binary = try #require(TmemctlRunner.binary)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-tiering-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mix = dir.appendingPathComponent("mix.pages"), big = dir.appendingPathComponent("big.pages")
        for (file, pages, seed) in [(mix, "400", "1"), (big, "2048", "7")] {
            let c = try TmemctlRunner.run(["corpus", "builtin", "--pages", pages, "--seed", seed, "-o", file.path])
            try #require(c.status == 0, "\(c.stderr)")
        }
        let old = dir.appendingPathComponent("old.conf"), tier = dir.appendingPathComponent("tier.conf"), sh = dir.appendingPathComponent("tier.sh")
        try Self.policy.replacingOccurrences(of: "AGE", with: "86400").write(to: old, atomically: true, encoding: .utf8)
        try Self.policy.replacingOccurrences(of: "AGE", with: "0").write(to: tier, atomically: true, encoding: .utf8)
        try Self.script.write(to: sh, atomically: true, encoding: .utf8)

        let guests = GuestHarness.forEachEra { era in
            Result { () throws -> GuestHarness.Result in
                try GuestHarness.run(era: era, binary: binary, arguments: [
                    "--append", "no_timer_check", "--scratch", "64M:wb", "--scratch", "64M:wb2",
                    "--file", mix.path, "--file", big.path, "--file", old.path, "--file", tier.path,
                    "--script", sh.path], keepOutput: true, timeoutSeconds: 400)
            }
        }
        for era in GuestHarness.eras {
            let g = try #require(try guests[era]?.get())
            print("guest \(era) tiering: \(String(format: "%.1f", g.seconds)) s wall")
            defer { if let d = g.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
            #expect(g.status == 0 && g.stdout.contains("done"), "era \(era): exit \(g.status)\n\(g.stdout.suffix(1000))\n\(g.console.suffix(3000))")
            let out = try #require(g.outputDirectory)
            func text(_ name: String) -> String { (try? String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)) ?? "" }
            #expect(text("errors").isEmpty, "era \(era): \(text("errors")) \(text("stderr"))")
            func round(_ name: String) throws -> Round {
                try #require(try JSONDecoder().decode(Rounds.self, from: Data(contentsOf: out.appendingPathComponent("\(name).json"))).rounds.first)
            }
            func bdWrites(_ r: Round) -> Int? { r.after?.bd_stat?["bd_writes"] }
            let r0 = try round("r0"), r1 = try round("r1"), r2 = try round("r2"), r3 = try round("r3"), r4 = try round("r4")
            #expect(bdWrites(r0) == 0 && r0.skipped.contains { $0.contains("uptime") }, "era \(era): idle-age 86400 must mark nothing: \(r0)")
            #expect(bdWrites(r1) == 200 && r1.budget.used_after_bytes == 819_200 && r1.budget.remaining_bytes == 0, "era \(era) r1: \(r1)")
            #expect(bdWrites(r2) == 200 && r2.skipped.contains { $0.contains("budget is used up") }, "era \(era) r2: \(r2)")
            #expect(bdWrites(r3) == 200 && r3.budget.utc_day == r1.budget.utc_day, "era \(era): a clock set back refilled the budget: \(r3)")
            #expect(bdWrites(r4) == 362 && r4.budget.utc_day == r1.budget.utc_day + 1 && r4.budget.used_after_bytes == 162 * 4096,
                    "era \(era) r4: \(r4)")
            #expect(Self.numbers(text("writeback_limit")) == [38], "era \(era): 200 − 162 units left on the kernel's limit")

            let host = try TmemctlRunner.run(["model", "--corpus", mix.path, "--kernel", era, "--algorithm", "lz4",
                                              "--writeback", "mark-idle,idle", "--backing-size", "64M", "--json"])
            try #require(host.status == 0, "\(host.stderr)")
            let m = try #require(try JSONDecoder().decode(Model.self, from: Data(host.stdout.utf8)).results.first)
            let mmNames = ["orig_data_size", "compr_data_size", "mem_used_total", "mem_limit", "mem_used_max", "same_pages",
                           "pages_compacted", "huge_pages", "huge_pages_since"]
            let mm = Self.numbers(text("mm_stat"))
            #expect(mm.count == 9, "era \(era): mm_stat \(text("mm_stat"))")
            for (i, name) in mmNames.enumerated() where i < mm.count {
                #expect(mm[i] == (m.mm_stat[name] ?? nil), "era \(era) mm_stat \(name): guest \(mm[i]), model \(String(describing: m.mm_stat[name]))")
            }
            let bd = Self.numbers(text("bd_stat"))
            #expect(bd == [m.bd_stat?["bd_count"], m.bd_stat?["bd_reads"], m.bd_stat?["bd_writes"]].compactMap { $0 },
                    "era \(era) bd_stat: guest \(bd), model \(String(describing: m.bd_stat))")
            #expect(text("block-readback") == "identical\n", "era \(era): zram1 does not read back as written")

            let swapped = Self.numbers(text("swap-mm_stat")).first ?? 0
            let swapBd = Self.numbers(text("swap-bd_stat"))
            #expect(swapped > 0, "era \(era): memory.reclaim pushed nothing to zram2")
            #expect(swapBd.count == 3 && swapBd[2] > 0 && swapBd[1] > 0, "era \(era): swap bd_stat \(swapBd) (writes and read-backs expected)")
            #expect(text("swap-readback") == "identical\n", "era \(era): the tmpfs file changed after writeback and fault-in")
            print("era \(era): zram1 rounds wrote 0, 200, 0, 0, 162 pages; zram2 swapped \(swapped) bytes, bd_stat \(swapBd)")
        }
        print("TieringGuestTests: \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall")
    }
}
