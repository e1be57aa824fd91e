import CShimSystem
import Foundation
import Testing
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `writeback-device = file:PATH SIZE` on this machine's kernel: the file tmemctl makes, the loop device over
    /// it (through the loop ioctls, not losetup) with direct I/O and autoclear as sysfs reports them, bytes written
    /// through the loop device landing in the file, and the device gone by itself once its last opener closes it.
    /// With CONFIG_ZRAM_WRITEBACK the loop device also becomes a scratch zram device's backing_dev, idle pages are
    /// written back into the file (bd_stat), and reset + hot_remove leave no loop device behind. The file and its
    /// directory are removed whatever happens.
    @Suite struct BackingFileLive {
        static let size: UInt64 = 16 << 20

        /// A fresh directory on a file system with direct I/O (/var/tmp is on the root file system), removed afterwards.
        func withDirectory(_ body: (String) throws -> Void) throws {
            let dir = "/var/tmp/tmemctl-backing-live-\(getpid())"
            try? FileManager.default.removeItem(atPath: dir)
            #expect(mkdir(dir, 0o700) == 0)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try body(dir)
        }

        /// Polls (5 s at most) until the loop device is unbound: autoclear runs in the kernel at the last close.
        func waitUnbound(_ name: String) -> Bool {
            for _ in 0..<250 {
                if LoopDevice.state(name: name, root: LiveKernel.root).backingFile == nil { return true }
                usleep(20_000)
            }
            return false
        }

        @Test func aBackingFileBecomesADirectIOLoopDeviceThatClearsItself() throws {
            try LiveKernel.exclusive {
                try withDirectory { dir in
                    let path = dir + "/zram-backing"
                    let file = try OpenBackingFile.open(path: path, sizeBytes: Self.size, root: LiveKernel.root)
                    #expect(file.created)
                    var st = stat()
                    #expect(lstat(path, &st) == 0)
                    #expect(st.st_mode & S_IFMT == S_IFREG && st.st_mode & 0o777 == 0o600 && UInt64(st.st_size) == Self.size)
                    #expect(UInt64(st.st_blocks) * 512 >= Self.size, "fallocate left holes: \(st.st_blocks) blocks")

                    var name = ""
                    do {
                        let loop = try LoopAttachment.attach(file, root: LiveKernel.root)
                        name = loop.name
                        let s = LoopDevice.state(name: loop.name, root: LiveKernel.root)
                        #expect(s.directIO == true, "sys/block/\(loop.name)/loop/dio is not 1")
                        #expect(s.autoclear == true)
                        #expect(s.backingFile == path)
                        #expect(s.sizeBytes == Self.size)
                        #expect(!loop.usedLegacyIoctls, "this kernel has LOOP_CONFIGURE (5.8+)")
                        #expect(try String(contentsOfFile: "/sys/block/\(loop.name)/queue/logical_block_size", encoding: .utf8)
                            .trimmingCharacters(in: .whitespacesAndNewlines) == "4096")

                        // A page written through the loop device (O_DIRECT) is in the file at the same offset.
                        let page = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
                        let fd = cshim_open_direct(loop.node, O_WRONLY)
                        #expect(fd >= 0, "open \(loop.node): \(errno)")
                        let buf = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 4096)
                        defer { buf.deallocate() }
                        page.withUnsafeBytes { buf.copyMemory(from: $0.baseAddress!, byteCount: 4096) }
                        #expect(pwrite(fd, buf, 4096, 8192) == 4096)
                        close(fd)
                        let onDisk = try #require(FileHandle(forReadingAtPath: path))
                        try onDisk.seek(toOffset: 8192)
                        #expect(Array(try onDisk.read(upToCount: 4096) ?? Data()) == page)
                        try onDisk.close()
                        withExtendedLifetime(loop) {}
                    }
                    // The attachment's descriptor was the only opener: the kernel has unbound the device.
                    #expect(waitUnbound(name), "\(name) is still bound to \(LoopDevice.state(name: name, root: LiveKernel.root).backingFile ?? "?") after its last close")
                    withExtendedLifetime(file) {}
                }
            }
        }

        @Test func anExistingFileIsReusedOnlyWhenItIsExactlyWhatTmemctlWouldHaveMade() throws {
            try LiveKernel.exclusive {
                try withDirectory { dir in
                    let path = dir + "/zram-backing"
                    do { _ = try OpenBackingFile.open(path: path, sizeBytes: Self.size, root: LiveKernel.root) }
                    let again = try OpenBackingFile.open(path: path, sizeBytes: Self.size, root: LiveKernel.root)
                    #expect(!again.created)
                    // Another size: refused, and the file is left as it was.
                    let e = try #require(throws: HostError.self) { try OpenBackingFile.open(path: path, sizeBytes: Self.size * 2, root: LiveKernel.root) }
                    #expect(e.description.contains("tmemctl never resizes"), "\(e)")
                    var st = stat()
                    #expect(stat(path, &st) == 0 && UInt64(st.st_size) == Self.size)
                    // Readable by others: refused.
                    #expect(chmod(path, 0o644) == 0)
                    let open = try #require(throws: HostError.self) { try OpenBackingFile.open(path: path, sizeBytes: Self.size, root: LiveKernel.root) }
                    #expect(open.description.contains("mode 644"), "\(open)")
                    // A link: not followed.
                    let link = dir + "/link"
                    #expect(symlink(path, link) == 0)
                    let l = try #require(throws: HostError.self) { try OpenBackingFile.open(path: link, sizeBytes: Self.size, root: LiveKernel.root) }
                    #expect(l.errno == .tooManySymbolicLinkLevels, "\(l)")
                    withExtendedLifetime(again) {}
                }
            }
        }

        @Test func zramWritesIdlePagesBackIntoTheFileAndItsLoopDeviceGoesWithIt() throws {
            let config = KernelConfig.read(root: LiveKernel.root)
            guard config?.value("CONFIG_ZRAM_WRITEBACK") == "y" else {
                print("skipped the zram half: this kernel has no CONFIG_ZRAM_WRITEBACK (\(config == nil ? "no kernel config readable" : "not set")); TieringGuestTests proves it on Debian's kernels")
                return
            }
            try LiveKernel.exclusive {
                try withDirectory { dir in
                    let path = dir + "/zram-backing"
                    var loopName = ""
                    try LiveKernel.withScratchZram { dev in
                        do {
                            let file = try OpenBackingFile.open(path: path, sizeBytes: Self.size, root: LiveKernel.root)
                            let loop = try LoopAttachment.attach(file, root: LiveKernel.root)
                            loopName = loop.name
                            try dev.setBackingDevice(loop.node)
                            withExtendedLifetime(loop) {}
                        }
                        // zram holds it now: closing ours left it bound.
                        #expect(LoopDevice.state(name: loopName, root: LiveKernel.root).backingFile == path)
                        #expect(try dev.backingDevice() == "/dev/\(loopName)")
                        #expect(BackingChain.resolve(backingDev: try dev.backingDevice() ?? "", root: LiveKernel.root).file == path)
                        try dev.setDisksize(8 << 20)
                        let io = try ZramBlockIO(device: dev)
                        for i in 0..<32 { try io.writePage((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* (i + 3) / 5) }, at: i) }
                        try dev.markIdle("all")
                        try dev.writeback("idle")
                        let bd = try #require(try dev.bdStat())
                        #expect(bd.bdCount == 32 && bd.bdWrites == 32, "bd_stat \(bd)")
                        // The pages are in the file: it is no longer all zeros where zram wrote.
                        let data = try Data(contentsOf: URL(fileURLWithPath: path))
                        #expect(data.prefix(32 * 4096).contains { $0 != 0 })
                        // And read back through zram from the file as written.
                        var back = [UInt8](repeating: 0, count: 4096)
                        try back.withUnsafeMutableBytes { try io.readPage(at: 5, into: $0) }
                        #expect(back == (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 8 / 5) })
                    }
                    #expect(waitUnbound(loopName), "\(loopName) outlived zram's reset and hot_remove")
                }
            }
        }
    
        /// This host has no cryptsetup (and its kernel no device-mapper): `writeback-encrypt = yes` is refused by the
        /// plan on the live root, naming what to install, and nothing is made.
        @Test func encryptionWithoutCryptsetupIsRefusedNamingThePackage() throws {
            guard SystemProgram("cryptsetup") == nil else {
                print("skipped: cryptsetup is installed here, so the refusal cannot be seen (and this kernel has \(FileManager.default.fileExists(atPath: "/dev/mapper/control") ? "" : "no ")device-mapper)")
                return
            }
            try LiveKernel.exclusive {
                try withDirectory { dir in
                    let config = dir + "/tmemctl.conf"
                    try "[zram9]\nzram-size = 16\nwriteback-device = file:\(dir)/never 16M\nwriteback-encrypt = yes\n".write(toFile: config, atomically: true, encoding: .utf8)
                    let r = try TmemctlRunner.run(["plan", "--config", config])
                    #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
                    #expect((r.stdout + r.stderr).contains("writeback-encrypt needs cryptsetup, and there is none in /usr/sbin, /usr/bin, /sbin, /bin: install cryptsetup-bin, or set writeback-encrypt = no"),
                            "\(r.stdout)\n\(r.stderr)")
                    #expect(!FileManager.default.fileExists(atPath: dir + "/never"))
                }
            }
        }
    }
}
