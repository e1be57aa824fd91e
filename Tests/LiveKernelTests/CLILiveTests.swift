import Foundation
import Testing
import SystemPackage
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport
import CShimSystem
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// The CLI against the running kernel, every value checked against sysfs/procfs read directly.
    @Suite struct CLILive {
        func sysfs(_ dev: String, _ attr: String) throws -> String {
            try String(contentsOfFile: "/sys/block/\(dev)/\(attr)", encoding: .utf8)
        }

        func mmStatFields(_ dev: String) throws -> [UInt64] {
            try sysfs(dev, "mm_stat").split(separator: " ").compactMap { UInt64($0.trimmingWhitespace()) }
        }

        /// Runs `tmemctl zram add ...` and always removes what it created, even when expectations fail.
        func withAddedDevice(_ args: [String], _ body: (String) throws -> Void) throws {
            let r = try TmemctlRunner.run(["zram", "add"] + args)
            let name = r.stdout.trimmingWhitespace()
            if let dev = ZramDevice(name: name, root: LiveKernel.root), dev.id != 0 {
                defer {
                    do { try ScratchZram.remove(dev) } catch { Issue.record("could not remove \(dev.name): \(error)") }
                }
                #expect(r.status == 0, "\(r.stderr)")
                try body(name)
            } else {
                Issue.record("zram add printed '\(r.stdout)', stderr: \(r.stderr)")
            }
        }

        @Test func addWithEveryAlgorithmThisKernelOffers() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let offered = try String(contentsOfFile: "/sys/block/zram0/comp_algorithm", encoding: .utf8)
                    .split(separator: " ").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                    .map { $0.hasPrefix("[") ? String($0.dropFirst().dropLast()) : $0 }
                #expect(!offered.isEmpty)
                for alg in offered {
                    try withAddedDevice(["--size", "16M", "--algorithm", alg]) { (name: String) throws -> Void in
                        #expect(try sysfs(name, "comp_algorithm").contains("[\(alg)]"))
                        #expect(try sysfs(name, "disksize") == "16777216\n")
                        #expect(try sysfs(name, "initstate") == "1\n")
                    }
                }
            }
        }

        @Test func memLimitAndStatusAgreeWithSysfs() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try withAddedDevice(["--size", "32M", "--algorithm", "lzo", "--mem-limit", "8M"]) { (name: String) throws -> Void in
                    #expect(try mmStatFields(name)[3] == 8 << 20)
                    let set = try TmemctlRunner.run(["zram", "set", name, "--mem-limit", "12M", "--compact", "--reset-mem-used-max"])
                    #expect(set.status == 0, "\(set.stderr)")
                    #expect(try mmStatFields(name)[3] == 12 << 20)

                    let json = try TmemctlRunner.run(["status", name, "--json"])
                    #expect(json.status == 0)
                    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
                    let dev = try #require((doc["zram"] as? [[String: Any]])?.first)
                    let mm = try #require(dev["mm_stat"] as? [String: UInt64])
                    let kernel = try mmStatFields(name)
                    let names = ["orig_data_size", "compr_data_size", "mem_used_total", "mem_limit", "mem_used_max",
                                 "same_pages", "pages_compacted", "huge_pages", "huge_pages_since"]
                    for (i, n) in names.enumerated() { #expect(mm[n] == kernel[i], "\(n)") }
                    #expect(dev["disksize"] as? Int == 32 << 20)
                    #expect(dev["comp_algorithm"] as? String == "lzo")

                    let text = try TmemctlRunner.run(["status", name, "-o", "NAME,ALGORITHM,DISKSIZE,MEM-LIMIT", "--bytes", "--noheadings", "--raw"])
                    #expect(text.stdout == "/dev/\(name) lzo 33554432 12582912\n")
                }
            }
        }

        @Test func swapWithPriorityThenRemoveOnlyWithForce() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try withAddedDevice(["--size", "32M", "--algorithm", "lz4", "--swap", "--priority", "77"]) { (name: String) throws -> Void in
                    let swaps = try String(contentsOfFile: "/proc/swaps", encoding: .utf8)
                    let line = try #require(swaps.split(separator: "\n").first { $0.hasPrefix("/dev/\(name) ") })
                    let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    #expect(fields[1] == "partition" && fields[4] == "77")
                    #expect(fields[2] == "32764")   // 8192 pages minus the header page, in KiB

                    let text = try TmemctlRunner.run(["status", name, "-o", "NAME,MOUNTPOINT,SWAP,SWAP-PRIORITY", "--raw", "--noheadings"])
                    #expect(text.stdout == "/dev/\(name) [SWAP] yes 77\n")
                    let json = try TmemctlRunner.run(["status", "--json"])
                    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
                    let dev = try #require((doc["zram"] as? [[String: Any]])?.first { $0["name"] as? String == name })
                    #expect(dev["is_swap"] as? Bool == true && dev["swap_priority"] as? Int == 77)
                    // The swap header is the one page stored: orig_data_size 4096 (docs/kernel-notes.md#swap-path).
                    #expect((dev["mm_stat"] as? [String: Int])?["orig_data_size"] == 4096)
                    #expect(try mmStatFields(name)[0] == 4096)

                    let refused = try TmemctlRunner.run(["zram", "remove", name])
                    #expect(refused.status == 1)   // a refused state, not a usage error (issue 10 item 21)
                    #expect(refused.stderr.contains("is active swap (priority 77); pass --force"))
                    #expect(FileManager.default.fileExists(atPath: "/sys/block/\(name)"))
                    let reset = try TmemctlRunner.run(["zram", "reset", name])
                    #expect(reset.status == 1)

                    let removed = try TmemctlRunner.run(["zram", "remove", "--force", name])
                    #expect(removed.status == 0, "\(removed.stderr)")
                    #expect(!FileManager.default.fileExists(atPath: "/sys/block/\(name)"))
                    #expect(try !String(contentsOfFile: "/proc/swaps", encoding: .utf8).contains("/dev/\(name) "))
                }
            }
        }

        @Test func badInputChangesNothingOnTheLiveHost() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let before = ZramControl(root: LiveKernel.root).devices().map(\.id)
                let zram0 = try sysfs("zram0", "comp_algorithm") + sysfs("zram0", "disksize")
                for args in [["zram", "add", "--size", "0"], ["zram", "add", "--size", "64M", "--algorithm", "zstd"],
                             ["zram", "add", "--size", "64M", "--swap", "--priority", "-7"], ["zram", "add", "--size", "1P"],
                             ["zram", "reset", "../zram0"], ["zram", "reset", "zram00"], ["status", "-o", "NAME,BOGUS"]] {
                    let r = try TmemctlRunner.run(args)
                    #expect(r.status == 64, "\(args): \(r.stderr)")
                }
                // A device that is not there is the host's state: exit 1.
                let missing = try TmemctlRunner.run(["zram", "remove", "zram999"])
                #expect(missing.status == 1 && missing.stderr == "tmemctl: zram999 does not exist; `tmemctl status` lists the zram devices\n", "\(missing.stderr)")
                #expect(ZramControl(root: LiveKernel.root).devices().map(\.id) == before)
                #expect(try sysfs("zram0", "comp_algorithm") + sysfs("zram0", "disksize") == zram0)
            }
        }

        @Test func writesPastMemLimitFailWithEIOAsTheKernelDocuments() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (dev: ZramDevice) throws -> Void in
                    try dev.setAlgorithm("lzo")
                    try dev.setMemLimit(1 << 20)          // 256 pages
                    try dev.setDisksize(64 << 20)
                    // Random pages do not compress below huge_class_size, so each is stored whole in a 1-page zspage:
                    // 256 writes fit; the 257th allocation makes the pool 257 pages > 256, is freed, and fails ENOMEM,
                    // which the block layer reports as EIO. mem_used_max was raised to 257 pages first (docs/kernel-notes.md#zram-write-accounting).
                    let fd = cshim_open_direct("/dev/\(dev.name)", O_WRONLY)
                    try #require(fd >= 0)
                    defer { close(fd) }
                    var buf: UnsafeMutableRawPointer?
                    try #require(posix_memalign(&buf, 4096, 4096) == 0)
                    defer { free(buf) }
                    var rng = SplitMix64(seed: 2026)
                    var written = 0
                    var failure: Int32 = 0
                    for i in 0..<1024 {
                        let words = buf!.bindMemory(to: UInt64.self, capacity: 512)
                        for w in 0..<512 { words[w] = rng.next() }
                        if pwrite(fd, buf, 4096, off_t(i * 4096)) != 4096 {
                            failure = errno
                            break
                        }
                        written += 1
                    }
                    #expect(failure == EIO)
                    #expect(written == 256)
                    let mm = try dev.mmStat()
                    #expect(mm.memLimit == 1 << 20)
                    #expect(mm.memUsedTotal == 256 * 4096)
                    #expect(mm.memUsedMax == 257 * 4096)
                    #expect(mm.hugePages == 256)
                    let io = try #require(try dev.ioStat())
                    #expect(io.failedWrites == 1)
                    let cli = try TmemctlRunner.run(["status", dev.name, "-o", "NAME,MEM-LIMIT,MEM-USED,HUGE", "--bytes", "--raw", "--noheadings"])
                    #expect(cli.stdout == "/dev/\(dev.name) 1048576 1052672 256\n")
                }
            }
        }

        @Test func zswapSetSaveRestoreThroughTheCLI() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let z = Zswap(root: LiveKernel.root)
                try #require(z.isAvailable)
                let saved = try z.parameters()
                defer {
                    for (p, v) in saved where p != .enabled && (try? z.value(p)) != v { try? z.set(p, to: v) }
                    if (try? z.value(.enabled)) != saved[.enabled] { try? z.set(.enabled, to: saved[.enabled] ?? "N") }
                }
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-zswap-\(getpid()).json").path
                defer { try? FileManager.default.removeItem(atPath: file) }
                let pct = saved[.maxPoolPercent] == "23" ? "24" : "23"
                let set = try TmemctlRunner.run(["zswap", "set", "--max-pool-percent", pct, "--accept-threshold-percent", "80", "--save", file])
                #expect(set.status == 0, "\(set.stderr)")
                #expect(try String(contentsOfFile: "/sys/module/zswap/parameters/max_pool_percent", encoding: .utf8) == pct + "\n")
                #expect(try String(contentsOfFile: "/sys/module/zswap/parameters/accept_threshold_percent", encoding: .utf8) == "80\n")
                let show = try TmemctlRunner.run(["zswap", "show", "--json"])
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
                #expect(doc["max_pool_percent"] as? Int == Int(pct))
                let restore = try TmemctlRunner.run(["zswap", "restore", file])
                #expect(restore.status == 0, "\(restore.stderr)")
                #expect(try z.parameters() == saved)
            }
        }
    }
}
