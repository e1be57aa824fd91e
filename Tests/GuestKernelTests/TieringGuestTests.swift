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

    /// `writeback-device = file:PATH SIZE` set up by `tmemctl apply` on Debian's 6.12 kernel (loop as a module, the
    /// file on tmpfs, which has direct I/O since 6.6): the loop device has dio on and the file behind it, the
    /// day's budget is the kernel's writeback_limit from setup (800K = 200 units), a policy round writes 200 idle
    /// pages back, and each of the 200 non-zero 4 KiB blocks in the file is one of the corpus's pages, unchanged
    /// (zram writes pages back decompressed); zram reads back byte-identical; teardown leaves no loop device.
    static let fileConfig = """
        [zram1]
        zram-size = 16
        compression-algorithm = lz4
        writeback-device = file:/var/lib/tm/zram1.backing 16M
        writeback-budget = 800K
        idle-age = 0
        writeback-types = idle

        """

    static let fileScript = """
        set -u
        modprobe zram num_devices=1 || exit 1
        modprobe loop || exit 1
        mkdir -p /var/lib/tm && mount -t tmpfs -o size=64M tm /var/lib/tm || exit 1
        tmemctl apply --device zram1 --no-activate --config /in/file.conf > /out/apply.out 2> /out/apply.err || echo "apply failed" >> /out/errors
        tmemctl apply --check --device zram1 --no-activate --config /in/file.conf > /out/check.out 2>&1; echo $? > /out/check
        B=$(cat /sys/block/zram1/backing_dev); L=${B##*/}
        echo "$B" > /out/backing_dev
        cat /sys/block/$L/loop/dio > /out/dio; cat /sys/block/$L/loop/backing_file > /out/backing_file
        cat /sys/block/zram1/writeback_limit_enable /sys/block/zram1/writeback_limit > /out/limit
        stat -c '%a %s' /var/lib/tm/zram1.backing > /out/stat
        dd if=/in/mix.pages of=/dev/zram1 bs=4096 oflag=direct 2>/dev/null || echo "dd failed" >> /out/errors
        tmemctl policy run --device zram1 --config /in/file.conf --json > /out/round.json 2>> /out/stderr || echo "round failed" >> /out/errors
        cat /sys/block/zram1/bd_stat > /out/bd_stat
        dd if=/dev/zram1 bs=4096 count=400 iflag=direct 2>/dev/null | cmp - /in/mix.pages && echo identical > /out/readback
        tmemctl apply --teardown --device zram1 --config /in/file.conf > /dev/null 2>> /out/stderr || echo "teardown failed" >> /out/errors
        for i in 1 2 3 4 5 6 7 8 9 10; do [ -e /sys/block/$L/loop/backing_file ] || break; sleep 0.5; done
        if [ -e /sys/block/$L/loop/backing_file ]; then echo bound > /out/after; else echo gone > /out/after; fi
        [ -e /sys/block/zram1 ] && echo "zram1 still there" >> /out/errors
        cp /var/lib/tm/zram1.backing /out/backing
        echo done
        """

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(10)))
    func aFileBackedDeviceWritesIdlePagesIntoItsFileThroughADirectIOLoopDevice() throws {
        let start = Date()
        let binary = try #require(TmemctlRunner.binary)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-tierfile-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mix = dir.appendingPathComponent("mix.pages")
        let c = try TmemctlRunner.run(["corpus", "builtin", "--pages", "400", "--seed", "1", "-o", mix.path])
        try #require(c.status == 0, "\(c.stderr)")
        let conf = dir.appendingPathComponent("file.conf"), sh = dir.appendingPathComponent("file.sh")
        try Self.fileConfig.write(to: conf, atomically: true, encoding: .utf8)
        try Self.fileScript.write(to: sh, atomically: true, encoding: .utf8)
        let g = try GuestHarness.run(era: "6.12", binary: binary, arguments: [
            "--append", "no_timer_check", "--file", mix.path, "--file", conf.path, "--script", sh.path], keepOutput: true, timeoutSeconds: 240)
        defer { if let d = g.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
        print("guest 6.12 file backing: \(String(format: "%.1f", g.seconds)) s wall")
        #expect(g.status == 0 && g.stdout.contains("done"), "exit \(g.status)\n\(g.stdout.suffix(1000))\n\(g.console.suffix(3000))")
        let out = try #require(g.outputDirectory)
        func text(_ name: String) -> String { (try? String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        #expect(text("errors").isEmpty, "\(text("errors")) \(text("apply.err")) \(text("stderr"))")
        let backingDev = text("backing_dev").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(backingDev.hasPrefix("/dev/loop"), "backing_dev \(backingDev); apply: \(text("apply.err"))")
        #expect(text("dio") == "1\n", "the loop device has direct I/O off")
        #expect(text("check") == "0\n", "a second apply would change the device on its own file: \(text("check.out"))")
        #expect(text("backing_file") == "/var/lib/tm/zram1.backing\n")
        #expect(Self.numbers(text("limit")) == [1, 200], "writeback_limit_enable, writeback_limit at setup: \(text("limit"))")
        #expect(text("stat") == "600 16777216\n", "mode and size of the file: \(text("stat"))")
        #expect(Self.numbers(text("bd_stat")) == [200, 0, 200], "bd_stat \(text("bd_stat"))")
        #expect(text("readback") == "identical\n", "zram1 does not read back as written")
        #expect(text("after") == "gone\n", "the loop device outlived zram's reset and hot_remove")

        // The file holds exactly the 200 pages written back, each one of the corpus's pages as it was.
        let pages = try Data(contentsOf: mix)
        let corpus = Set(stride(from: 0, to: pages.count, by: 4096).map { pages.subdata(in: $0..<$0 + 4096) })
        let file = try Data(contentsOf: out.appendingPathComponent("backing"))
        #expect(file.count == 16 << 20)
        let written = stride(from: 0, to: file.count, by: 4096).map { file.subdata(in: $0..<$0 + 4096) }.filter { $0.contains { $0 != 0 } }
        #expect(written.count == 200, "\(written.count) non-zero blocks in the backing file")
        #expect(written.allSatisfy { corpus.contains($0) }, "a block in the backing file is no page of the corpus")
        print("TieringGuestTests file backing: \(written.count) pages in the file, \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall")
    }

    /// `writeback-encrypt = yes` on Debian 12's 6.1 kernel, with Debian 12's cryptsetup in the guest (the file on
    /// ext4 made by its e2fsprogs): backing_dev is a dm-crypt mapping named tmemctl-zram1 over a direct-I/O loop
    /// device over the file; a round writes back all 362 idle pages; none of the 362 non-zero blocks in the file
    /// is a page of the corpus (what reaches the disk is ciphertext), yet zram reads back byte-identical; after
    /// teardown neither the mapping nor the loop device is left.
    static let cryptConfig = """
        [zram1]
        zram-size = 16
        compression-algorithm = lz4
        writeback-device = file:/var/lib/tm/zram1.backing 16M
        writeback-encrypt = yes
        idle-age = 0
        writeback-types = idle

        """

    static let cryptScript = """
        set -u
        modprobe zram num_devices=1 && modprobe loop && modprobe dm-crypt || exit 1
        mkdir -p /var/lib/tm && mkfs.ext4 -q /dev/guest/fs && mount -t ext4 /dev/guest/fs /var/lib/tm || exit 1
        tmemctl apply --device zram1 --no-activate --config /in/crypt.conf > /out/apply.out 2> /out/apply.err || echo "apply failed" >> /out/errors
        tmemctl apply --check --device zram1 --no-activate --config /in/crypt.conf > /out/check.out 2>&1; echo $? > /out/check
        cat /sys/block/zram1/backing_dev > /out/backing_dev
        for d in /sys/block/dm-*; do echo "$(cat $d/dm/name) $(ls $d/slaves)"; done > /out/mappings
        L=$(ls /sys/block/dm-0/slaves); cat /sys/block/$L/loop/dio > /out/dio; cat /sys/block/$L/loop/backing_file > /out/backing_file
        dd if=/in/mix.pages of=/dev/zram1 bs=4096 oflag=direct 2>/dev/null || echo "dd failed" >> /out/errors
        tmemctl policy run --device zram1 --config /in/crypt.conf --json > /out/round.json 2>> /out/stderr || echo "round failed" >> /out/errors
        cat /sys/block/zram1/bd_stat > /out/bd_stat
        dd if=/dev/zram1 bs=4096 count=400 iflag=direct 2>/dev/null | cmp - /in/mix.pages && echo identical > /out/readback
        tmemctl apply --teardown --device zram1 --config /in/crypt.conf > /dev/null 2>> /out/stderr || echo "teardown failed" >> /out/errors
        for i in 1 2 3 4 5 6 7 8 9 10; do [ -e /sys/block/dm-0 ] || [ -e /sys/block/$L/loop/backing_file ] || break; sleep 0.5; done
        ls /sys/block | grep -E '^dm-' > /out/after-dm
        [ -e /sys/block/$L/loop/backing_file ] && echo "$L still bound" >> /out/errors
        cp /var/lib/tm/zram1.backing /out/backing
        echo done
        """

    /// The guest's cryptsetup comes from Debian 12 with the host's libraries (the harness copies them).
    static let cryptLibraries = ["libcryptsetup.so.12", "libpopt.so.0", "libdevmapper.so.1.02.1"]

    @Test(.enabled(if: GuestHarness.skipReason == nil && TmemctlRunner.binary != nil,
                   Comment(rawValue: GuestHarness.skipReason ?? "no built tmemctl next to the test bundle")),
          .timeLimit(.minutes(10)))
    func anEncryptedBackingFileHoldsNoPlaintextAndGoesAwayWithTheDevice() throws {
        let missing = Self.cryptLibraries.filter { lib in
            !["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"].contains { FileManager.default.fileExists(atPath: "\($0)/\(lib)") }
        }
        guard missing.isEmpty else {
            print("skipped: the host lacks \(missing.joined(separator: ", ")), which the guest's cryptsetup is given from the host (apt-get install libcryptsetup12 libpopt0)")
            return
        }
        let start = Date()
        let binary = try #require(TmemctlRunner.binary)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-tiercrypt-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mix = dir.appendingPathComponent("mix.pages")
        let c = try TmemctlRunner.run(["corpus", "builtin", "--pages", "400", "--seed", "1", "-o", mix.path])
        try #require(c.status == 0, "\(c.stderr)")
        let conf = dir.appendingPathComponent("crypt.conf"), sh = dir.appendingPathComponent("crypt.sh")
        try Self.cryptConfig.write(to: conf, atomically: true, encoding: .utf8)
        try Self.cryptScript.write(to: sh, atomically: true, encoding: .utf8)
        let g = try GuestHarness.run(era: "6.1", binary: binary, arguments: [
            "--append", "no_timer_check", "--package", "cryptsetup-bin", "--package", "e2fsprogs", "--scratch", "64M:fs",
            "--file", mix.path, "--file", conf.path, "--script", sh.path], keepOutput: true, timeoutSeconds: 240)
        defer { if let d = g.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
        print("guest 6.1 encrypted file backing: \(String(format: "%.1f", g.seconds)) s wall")
        #expect(g.status == 0 && g.stdout.contains("done"), "exit \(g.status)\n\(g.stdout.suffix(1000))\n\(g.console.suffix(3000))")
        let out = try #require(g.outputDirectory)
        func text(_ name: String) -> String { (try? String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        #expect(text("errors").isEmpty, "\(text("errors")) \(text("apply.err")) \(text("stderr"))")
        #expect(text("backing_dev").hasPrefix("/dev/mapper/tmemctl-zram1") || text("backing_dev") == "/dev/dm-0\n", "backing_dev \(text("backing_dev"))")
        let mapping = text("mappings").split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(mapping.count == 2 && mapping[0] == "tmemctl-zram1" && mapping[1].hasPrefix("loop"), "dm devices: \(text("mappings"))")
        #expect(text("dio") == "1\n", "the loop device under dm-crypt has direct I/O off")
        #expect(text("check") == "0\n", "a second apply would change the device on its encrypted file: \(text("check.out"))")
        #expect(text("backing_file") == "/var/lib/tm/zram1.backing\n")
        #expect(Self.numbers(text("bd_stat")) == [362, 0, 362], "bd_stat \(text("bd_stat"))")
        #expect(text("readback") == "identical\n", "zram1 does not read back as written through dm-crypt")
        #expect(text("after-dm").isEmpty, "dm devices left after teardown: \(text("after-dm"))")

        let pages = try Data(contentsOf: mix)
        let corpus = Set(stride(from: 0, to: pages.count, by: 4096).map { pages.subdata(in: $0..<$0 + 4096) })
        let file = try Data(contentsOf: out.appendingPathComponent("backing"))
        #expect(file.count == 16 << 20)
        let written = stride(from: 0, to: file.count, by: 4096).map { file.subdata(in: $0..<$0 + 4096) }.filter { $0.contains { $0 != 0 } }
        #expect(written.count == 362, "\(written.count) non-zero blocks in the backing file")
        #expect(!written.contains { corpus.contains($0) }, "a page of the corpus reached the backing file in plaintext")
        print("TieringGuestTests encrypted backing: \(written.count) ciphertext blocks, \(String(format: "%.1f", Date().timeIntervalSince(start))) s wall")
    }
}
