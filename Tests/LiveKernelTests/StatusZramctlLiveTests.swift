import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// Differential test of `tmemctl status` against util-linux's zramctl on this kernel's devices (issue 10
    /// item 18): for zramctl's columns and options, both print the same bytes. The devices hold real data (a
    /// binary, zero pages, random bytes), half of it overwritten and compacted, so sizes, ZERO-PAGES and MIGRATED
    /// are not all zero; the other is active swap (MOUNTPOINT [SWAP]). Whatever the kernel's counters are, both
    /// tools read the same mm_stat, so the comparison does not depend on them.
    @Suite struct StatusZramctlLive {
        static let zramctl = ["/usr/sbin/zramctl", "/sbin/zramctl", "/usr/bin/zramctl"].first { FileManager.default.isExecutableFile(atPath: $0) }

        /// zramctl's own columns, in its --output-all order.
        static let zramctlColumns = "NAME,DISKSIZE,DATA,COMPR,ALGORITHM,STREAMS,ZERO-PAGES,TOTAL,MEM-LIMIT,MEM-USED,MIGRATED,MOUNTPOINT"

        static func run(_ path: String, _ args: [String]) throws -> (status: Int32, stdout: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = args
            var env = ProcessInfo.processInfo.environment
            env["LC_ALL"] = "C"
            env["LIBSMARTCOLS_DEBUG"] = nil
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        static func fill(_ d: ZramDevice) throws {
            let io = try ZramBlockIO(device: d)
            var rng = SplitMix64(seed: 18)
            let binary = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe"))
            var index = 0
            for start in stride(from: 0, to: min(binary.count, 600 * pageSize), by: pageSize) where binary.count - start >= pageSize {
                try io.writePage([UInt8](binary[start..<start + pageSize]), at: index)
                index += 1
            }
            for _ in 0..<64 { try io.writePage([UInt8](repeating: 0, count: pageSize), at: index); index += 1 }
            for _ in 0..<200 { try io.writePage((0..<pageSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: index); index += 1 }
            // Free every other object, then compact, so zsmalloc has something to migrate.
            for i in stride(from: 0, to: index, by: 2) { try io.writePage([UInt8](repeating: 7, count: pageSize), at: i) }
            try d.compact()
        }

        @Test func statusPrintsWhatZramctlPrints() throws {
            guard let zramctl = Self.zramctl else {
                print("skipped: no zramctl binary (util-linux) on this host")
                return
            }
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { data in
                    try LiveKernel.withScratchZram { swap in
                        if let alg = try data.algorithms().available.first(where: { $0 != "lzo-rle" }) { try data.setAlgorithm(alg) }
                        try data.setMemLimit(48 << 20)
                        try data.setDisksize(64 << 20)
                        try Self.fill(data)
                        try swap.setDisksize(32 << 20)
                        try SwapSignature(deviceSize: 32 << 20).write(to: swap.devicePath)
                        try SwapControl(root: LiveKernel.root).swapOn(swap, priority: 5)
                        defer { try? SwapControl(root: LiveKernel.root).swapOff(swap) }

                        // zramctl shows one named device at a time.
                        var compared = 0
                        var zramctlText = ""
                        for device in ["/dev/\(data.name)", "/dev/\(swap.name)"] {
                            for options in [[], ["--raw"], ["--bytes"], ["-b", "--raw"], ["-n"], ["-n", "--raw", "-b"]] {
                                let theirs = try Self.run(zramctl, ["--output-all"] + options + [device])
                                let ours = try TmemctlRunner.run(["status", "-o", Self.zramctlColumns] + options + [device])
                                #expect(theirs.status == 0 && ours.status == 0, "\(options): \(ours.stderr)")
                                #expect(ours.stdout == theirs.stdout, "zramctl --output-all \(options.joined(separator: " ")) \(device)")
                                zramctlText += theirs.stdout
                                compared += 1
                            }
                            // zramctl's default columns against tmemctl's defaults without its extra SWAP column.
                            let theirs = try Self.run(zramctl, [device])
                            let ours = try TmemctlRunner.run(["status", "-o", "NAME,ALGORITHM,DISKSIZE,DATA,COMPR,TOTAL,STREAMS,MOUNTPOINT", device])
                            #expect(ours.stdout == theirs.stdout, "zramctl \(device) (default columns)")
                            compared += 1
                        }
                        // The data device really has data, zero pages and compaction in it, and the other is swap.
                        #expect(zramctlText.contains("[SWAP]"))
                        let mm = try data.memoryStats()
                        #expect(mm.origDataSize > 0 && mm.samePages > 0)
                        print("zramctl differential: \(compared) comparisons on 2 devices; pages_compacted \(mm.pagesCompacted)")
                    }
                }
            }
        }
    }
}
