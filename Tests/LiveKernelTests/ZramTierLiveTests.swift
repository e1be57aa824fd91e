import Foundation
import Testing
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `tmemctl zram idle|writeback|recompress` on the running kernel: what it has is used, what it lacks is
    /// refused naming the option, and the refusal matches what the kernel itself answers
    /// (docs/kernel-notes.md#zram-tiering-probes).
    @Suite struct ZramTierLive {
        let config = KernelConfig.read(root: LiveKernel.root)

        func built(_ option: String) -> Bool { config?.value(option) == "y" }

        /// A scratch device with 16 stored pages (two kinds of content), handed to `body`.
        func withFilledDevice(_ body: (ZramDevice) throws -> Void) throws {
            try LiveKernel.exclusive {
                try LiveKernel.withScratchZram { dev in
                    try dev.setDisksize(16 << 20)
                    let io = try ZramBlockIO(device: dev)
                    for i in 0..<16 {
                        try io.writePage((0..<4096).map { UInt8(truncatingIfNeeded: ($0 / 64) &* (i + 3)) }, at: i)
                    }
                    try body(dev)
                }
            }
        }

        @Test func idleAllIsAcceptedByTheKernel() throws {
            try withFilledDevice { dev in
                let before = try dev.mmStat()
                let r = try TmemctlRunner.run(["zram", "idle", dev.name, "--all", "--json"])
                #expect(r.status == 0, "\(r.stderr)")
                let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
                let after = try #require((j["after"] as? [String: Any])?["mm_stat"] as? [String: Any])
                // Marking idle moves no data: the stored bytes read directly are the same before and after.
                #expect(after["orig_data_size"] as? Int == Int(before.origDataSize))
                #expect(after["compr_data_size"] as? Int == Int(before.comprDataSize))
                #expect(before.origDataSize == 16 * 4096)
            }
        }

        @Test func idleByAgeFollowsTheKernelConfig() throws {
            try withFilledDevice { dev in
                let tracks = built("CONFIG_ZRAM_TRACK_ENTRY_ACTIME") || built("CONFIG_ZRAM_MEMORY_TRACKING")
                let r = try TmemctlRunner.run(["zram", "idle", dev.name, "--age", "3600"])
                if tracks {
                    #expect(r.status == 0, "\(r.stderr)")
                } else {
                    #expect(r.status == 1)
                    #expect(r.stderr.contains("CONFIG_ZRAM_TRACK_ENTRY_ACTIME"), "\(r.stderr)")
                    // The kernel agrees: its idle parser takes no number without access times.
                    #expect(throws: HostError.self) { try dev.markIdle("3600") }
                }
            }
        }

        @Test func writebackAndRecompressRefuseWhatTheKernelLacks() throws {
            try withFilledDevice { dev in
                let cases: [(args: [String], attribute: ZramAttribute, option: String)] = [
                    (["writeback", dev.name, "--type", "idle"], .writeback, "CONFIG_ZRAM_WRITEBACK"),
                    (["recompress", dev.name, "--type", "huge"], .recompress, "CONFIG_ZRAM_MULTI_COMP"),
                ]
                for c in cases {
                    guard !dev.has(c.attribute) else {
                        print("skipped the \(c.option) refusal: this kernel has \(c.attribute.rawValue)")
                        continue
                    }
                    #expect(!built(c.option), "the config says \(c.option)=y but \(c.attribute.rawValue) is missing")
                    let before = try dev.mmStat()
                    let r = try TmemctlRunner.run(["zram"] + c.args)
                    #expect(r.status == 1)
                    #expect(r.stdout.isEmpty)
                    #expect(r.stderr.contains(c.option), "\(r.stderr)")
                    #expect(try dev.mmStat() == before)
                }
            }
        }
    }
}
