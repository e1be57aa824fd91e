import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// `tmemctl verify --path swap --zswap` killed with SIGTERM while its swap is active: it must remove the
    /// device, swap, cgroup and debugfs mount it made, put zswap back as it was, and exit with 128 + 15.
    @Suite struct VerifyInterruptLive {
        @Test func sigtermWhileSwapIsActiveUndoesEverything() throws {
            let binary = try #require(TmemctlRunner.binary, "tmemctl binary next to the test bundle")
            // 32768 pages: the built-in mix repeated, so the swap phase lasts long enough to be caught.
            let mix = BuiltinCorpus.generate(pages: 2048, seed: 9)
            var bytes = [UInt8](repeating: 0, count: 16 * mix.bytes.count)
            bytes.withUnsafeMutableBytes { dst in
                mix.bytes.withUnsafeBytes { src in
                    for k in 0..<16 { (dst.baseAddress! + k * src.count).copyMemory(from: src.baseAddress!, byteCount: src.count) }
                }
            }
            let corpus = try PageCorpus(bytes: bytes)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("verify-interrupt-\(getpid()).pages").path
            try CorpusFile.save(corpus, to: file)
            defer { unlink(file) }
            let root = LiveKernel.root
            try LiveKernel.exclusive { () throws -> Void in
                let zswapBefore = try Zswap(root: root).parameters()
                let debugfsBefore = try DebugFS(root: root).isMounted()
                let p = Process()
                p.executableURL = binary
                p.arguments = ["verify", "--path", "swap", "--zswap", "--algorithm", "lzo", "--corpus", file]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                var caught = false
                for _ in 0..<30_000 where p.isRunning {
                    if let areas = try? SwapTable.read(root: root), !areas.isEmpty {
                        kill(p.processIdentifier, SIGTERM)
                        caught = true
                        break
                    }
                    usleep(1000)
                }
                p.waitUntilExit()
                #expect(caught, "the run ended before its swap was seen active")
                if caught { #expect(p.terminationStatus == 128 + SIGTERM) }
                #expect(try SwapTable.read(root: root).isEmpty, "swap removed")
                #expect(ZramControl(root: root).devices().map(\.id) == [0], "device removed")
                #expect(!root.list(MemoryCgroupV1.hierarchy).contains { $0.hasPrefix("tmemctl-verify-") }, "cgroup removed")
                #expect(try Zswap(root: root).parameters() == zswapBefore, "zswap restored")
                #expect(try DebugFS(root: root).isMounted() == debugfsBefore, "debugfs as before")
            }
        }
    }
}
