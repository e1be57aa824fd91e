import Foundation
import Testing
import SystemPackage
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// TmemHost against the running kernel: formats, errnos and hints as docs/kernel-notes.md#zram-attributes and #zswap-parameters describe them.
    @Suite struct HostLive {
        let root = LiveKernel.root

        @Test func attributeFormatsAndErrorsOnAScratchDevice() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (dev: ZramDevice) throws -> Void in
                    let list = try dev.algorithms()
                    let raw = try String(contentsOfFile: "/sys/block/\(dev.name)/comp_algorithm", encoding: .utf8)
                    #expect(raw.contains("[\(list.selected ?? "?")]"))
                    #expect(list.available.allSatisfy { raw.contains($0) })

                    // An algorithm the kernel lacks: EINVAL, and the hint lists what it has.
                    let bad = try #require(throws: HostError.self) { try dev.setAlgorithm("zstd-not-here") }
                    #expect(bad.errno == .invalidArgument)
                    #expect(bad.hint == "not built into this kernel; available: \(list.availableText)")

                    // memparse + PAGE_ALIGN: 1 MiB + 1 byte becomes 257 pages = 1052672 in mm_stat.
                    try dev.setMemLimit((1 << 20) + 1)
                    // disksize rounds up to a page: 1,000,000 → 245 pages = 1,003,520.
                    try dev.setDisksize(1_000_000)
                    #expect(try dev.disksize() == 1_003_520)
                    #expect(try dev.isInitialized())
                    #expect(try dev.mmStat().memLimit == 1_052_672)

                    let again = try #require(throws: HostError.self) { try dev.setDisksize(2 << 20) }
                    #expect(again.errno == .resourceBusy)
                    #expect(again.hint?.contains("already initialized") == true)
                    let late = try #require(throws: HostError.self) { try dev.setAlgorithm("lzo") }
                    #expect(late.errno == .resourceBusy)

                    let io = try #require(try dev.ioStat())
                    #expect(io == IOStat(failedReads: 0, failedWrites: 0, invalidIo: nil, notifyFree: 0))
                    let debug = try #require(try dev.debugStat())
                    #expect(debug.version == 1)
                    try dev.compact()
                    try dev.resetMemUsedMax()
                    try dev.markIdle()

                    // Attributes this kernel (6.18, no WRITEBACK/MULTI_COMP) lacks are absent, not errors.
                    let hasWriteback = FileManager.default.fileExists(atPath: "/sys/block/\(dev.name)/backing_dev")
                    #expect((try dev.backingDevice() == nil) == !hasWriteback)
                    let hasStreams = FileManager.default.fileExists(atPath: "/sys/block/\(dev.name)/max_comp_streams")
                    #expect((try dev.maxCompStreams() == nil) == !hasStreams)

                    try dev.reset()
                    #expect(try dev.isInitialized() == false)
                    #expect(try dev.algorithms().selected == list.selected)
                }
            }
        }

        @Test func swapSignatureSwaponPriorityAndBusyHints() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { (dev: ZramDevice) throws -> Void in
                    try dev.setDisksize(16 << 20)
                    let node = "dev/\(dev.name)"
                    try SwapSignature(deviceSize: 16 << 20, label: "tmemtest").write(to: "/" + node)
                    let swap = SwapControl(root: root)
                    try swap.swapOn(node, priority: 123)
                    defer { try? swap.swapOff(node) }
                    let area = try #require(try swap.areas().first { $0.filename == "/\(node)" })
                    // 4096 pages minus the header page, in bytes.
                    #expect(area.size == 4095 * 4096)
                    #expect(area.priority == 123)
                    #expect(dev.holders() == [.swap(priority: 123)])

                    let twice = try #require(throws: HostError.self) { try swap.swapOn(node, priority: 1) }
                    #expect(twice.errno == .resourceBusy)
                    let reset = try #require(throws: HostError.self) { try dev.reset() }
                    #expect(reset.errno == .resourceBusy)
                    #expect(reset.hint?.contains("active swap (priority 123") == true)
                    #expect(reset.hint?.contains("swapoff /dev/\(dev.name)") == true)

                    try swap.swapOff(node)
                    #expect(try swap.areas().allSatisfy { $0.filename != "/\(node)" })
                    let off = try #require(throws: HostError.self) { try swap.swapOff(node) }
                    #expect(off.errno == .invalidArgument)
                }
            }
        }

        @Test func zswapSetReadsBackAndRestores() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let z = Zswap(root: root)
                try #require(z.isAvailable)
                let saved = try z.parameters()
                defer { for (p, v) in saved where p != .enabled { try? z.set(p, to: v) }; try? z.set(.enabled, to: saved[.enabled] ?? "N") }
                let original = try #require(saved[.maxPoolPercent])
                let other = original == "21" ? "22" : "21"
                // Any write to `enabled` makes a lazily initialized zswap set itself up (6.18 zswap_enabled_param_set);
                // only then are compressor names checked against the crypto API. Rewriting the current value changes nothing else.
                try z.set(.enabled, to: try #require(saved[.enabled]))
                try z.set(.maxPoolPercent, to: other)
                #expect(try String(contentsOfFile: "/sys/module/zswap/parameters/max_pool_percent", encoding: .utf8) == other + "\n")
                let e = try #require(throws: HostError.self) { try z.set(.compressor, to: "no-such-compressor") }
                #expect(e.errno == .noSuchFileOrDirectory)
                #expect(e.hint?.contains("/proc/crypto") == true)
                try z.set(.maxPoolPercent, to: original)
                #expect(try z.parameters() == saved)
            }
        }

        @Test func memoryCgroupCreateLimitMoveRemove() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try #require(MemoryCgroupV1.isAvailable(root: root))
                let g = try MemoryCgroupV1(name: "tmemctl-hosttest-\(getpid())", root: root)
                let sleeper = Process()
                sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
                sleeper.arguments = ["30"]
                try sleeper.run()
                defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit(); try? g.remove() }
                try g.create()
                #expect(try g.setLimit(64 << 20) == 64 << 20)
                // The kernel keeps whole pages: 1 MiB + 100 bytes is stored as 1 MiB.
                #expect(try g.setLimit((1 << 20) + 100) == 1 << 20)
                try g.add(pid: sleeper.processIdentifier)
                #expect(try g.processes() == [sleeper.processIdentifier])
                let procs = try String(contentsOfFile: "/sys/fs/cgroup/memory/\(g.name)/cgroup.procs", encoding: .utf8)
                #expect(procs == "\(sleeper.processIdentifier)\n")
                try g.remove()
                #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/\(g.name)"))
            }
        }
    }
}
