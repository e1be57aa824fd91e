import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// Issue 10 item 13 on the live kernel: what really holds a zram device is found before reset/remove, which
    /// the kernel would otherwise answer with EBUSY (or, for swap through a second node, let through to a
    /// failing reset): a process with the node open is named with its pid and name, swap enabled through a
    /// node made with mknod elsewhere is swap.
    @Suite struct ZramHoldersLive {
        @Test func aProcessHoldingTheNodeIsNamed() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { device in
                    try device.setDisksize(16 << 20)
                    let holder = Process()
                    holder.executableURL = URL(fileURLWithPath: "/bin/sh")
                    holder.arguments = ["-c", "exec 3<\"$0\"; exec sleep 60", device.devicePath]
                    try holder.run()
                    defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
                    let fd = "/proc/\(holder.processIdentifier)/fd/3"
                    var open = false
                    for _ in 0..<500 {
                        let comm = (try? String(contentsOfFile: "/proc/\(holder.processIdentifier)/comm", encoding: .utf8)) ?? ""
                        if comm == "sleep\n", (try? FileManager.default.destinationOfSymbolicLink(atPath: fd)) == device.devicePath {
                            open = true
                            break
                        }
                        usleep(10_000)
                    }
                    try #require(open, "the holder never had \(device.devicePath) open")
                    let r = try TmemctlRunner.run(["zram", "reset", device.name])
                    #expect(r.status == 1, "\(r.stderr)")
                    #expect(r.stderr == "tmemctl: \(device.name) is open in process \(holder.processIdentifier) (sleep); stop it or make it close /dev/\(device.name) before you reset it\n", "\(r.stderr)")
                    let dry = try TmemctlRunner.run(["zram", "remove", device.name, "--dry-run"])
                    #expect(dry.status == 1 && dry.stderr.contains("would fail: \(device.name) is open in process"), "\(dry.stderr)")
                    #expect(try device.isInitialized(), "the refused reset changed nothing")
                    kill(holder.processIdentifier, SIGKILL)
                    holder.waitUntilExit()
                    let after = try TmemctlRunner.run(["zram", "reset", device.name])
                    #expect(after.status == 0, "once the holder is gone the reset goes through: \(after.stderr)")
                }
            }
        }

        @Test func swapThroughASecondNodeIsSwap() throws {
            try LiveKernel.exclusive { () throws -> Void in
                try LiveKernel.withScratchZram { device in
                    try device.setDisksize(16 << 20)
                    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zram-node-\(UUID().uuidString)")
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: dir) }
                    let node = dir.appendingPathComponent("other").path
                    var st = stat()
                    try #require(stat(device.devicePath, &st) == 0)
                    try #require(mknod(node, S_IFBLK | 0o600, st.st_rdev) == 0, "mknod: \(errno)")
                    try #require(try ToolProcess.run("mkswap", [node]).status == 0)
                    let on = try ToolProcess.run("swapon", ["-p", "3", node])
                    try #require(on.status == 0, "\(on.output)")
                    defer { _ = try? ToolProcess.run("swapoff", [node]) }
                    #expect(try String(contentsOfFile: "/proc/swaps", encoding: .utf8).contains(node), "swap is listed under the second node")
                    for verb in ["reset", "remove"] {
                        let r = try TmemctlRunner.run(["zram", verb, device.name])
                        #expect(r.status == 1, "\(verb): \(r.stderr)")
                        #expect(r.stderr.contains("\(device.name) is active swap (priority 3)"), "\(verb): \(r.stderr)")
                    }
                    let initialized = try device.isInitialized()
                    #expect(device.exists && initialized)
                    let off = try ToolProcess.run("swapoff", [node])
                    #expect(off.status == 0, "\(off.output)")
                }
            }
        }
    }
}
