import Foundation
import Glibc
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

@Suite struct ProcessMemoryTests {
    static let maps = """
    55d0c0a00000-55d0c0a21000 rw-p 00000000 00:00 0                          [heap]
    7f1a2b000000-7f1a2b004000 rw-p 00000000 00:00 0 
    7f1a2c000000-7f1a2c002000 r--p 00000000 08:01 1234                       /usr/lib/x86_64-linux-gnu/libc.so.6
    7f1a2c100000-7f1a2c101000 rw-p 00002000 08:01 1234                       /usr/lib/x86_64-linux-gnu/libc.so.6
    7ffd1e000000-7ffd1e021000 rw-p 00000000 00:00 0                          [stack]
    7ffd1e100000-7ffd1e102000 r-xp 00000000 00:00 0                          [vdso]
    """

    @Test func onlyAnonymousPrivateWritableRegionsCount() {
        let regions = ProcessMemory.anonymousRegions(inMaps: Self.maps)
        #expect(regions.map(\.name) == ["[heap]", "", "[stack]"])
        #expect(regions.map(\.pageCount) == [0x21, 4, 0x21])
        #expect(regions[1].start == 0x7f1a_2b00_0000)
    }

    /// A fake /proc/PID/mem is a sparse file whose byte offsets are addresses; page k of the region at
    /// 0x10000 holds the byte k + 1, so the sample order and the even spacing are visible.
    @Test func captureSamplesEvenlyAcrossRegions() throws {
        let fake = try FakeRoot()
        try fake.file("proc/42/maps", """
            00010000-00018000 rw-p 00000000 00:00 0 
            00030000-00038000 rw-p 00000000 00:00 0                          [heap]

            """)
        let mem = try fake.file("proc/42/mem")
        let handle = try FileHandle(forWritingTo: mem)
        for (base, first) in [(0x10000, 1), (0x30000, 9)] {
            for k in 0..<8 {
                try handle.seek(toOffset: UInt64(base + k * 4096))
                try handle.write(contentsOf: Data(repeating: UInt8(first + k), count: 4096))
            }
        }
        try handle.close()
        let memory = ProcessMemory(pid: 42, root: fake.root)
        let all = try memory.capture()
        #expect(all.pageCount == 16)
        #expect((0..<16).map { all.page($0)[0] } == Array(1...16))
        let sample = try memory.capture(maxPages: 4)
        #expect((0..<4).map { sample.page($0)[100] } == [1, 5, 9, 13])
    }

    /// /proc/PID/mem reads nothing once the process has exited: here the fake mem file ends inside the second
    /// region. The streaming capture stops there and says so; the in-memory one refuses the truncated sample.
    @Test func aProcessThatExitsMidCaptureIsReportedWithThePagesRead() throws {
        let fake = try FakeRoot()
        try fake.file("proc/43/maps", """
            00010000-00014000 rw-p 00000000 00:00 0 
            00030000-00038000 rw-p 00000000 00:00 0                          [heap]

            """)
        let mem = try fake.file("proc/43/mem")
        let handle = try FileHandle(forWritingTo: mem)
        try handle.seek(toOffset: 0x31000)  // up to and including the heap's first page
        try handle.write(contentsOf: Data(repeating: 7, count: 4096))
        try handle.close()
        let memory = ProcessMemory(pid: 43, root: fake.root)
        var pages = 0
        let summary = try memory.capture(maxPages: nil) { (_: UnsafeRawBufferPointer) throws(HostError) in pages += 1 }
        #expect(summary.processExited)
        #expect(summary.pagesWanted == 12 && summary.pagesMapped == 12)
        #expect(summary.pagesWritten == 6 && pages == 6)  // 4 of the first region, 2 of the heap
        #expect {
            _ = try memory.capture()
        } throws: { error in
            "\(error)".contains("exited during the capture") && "\(error)".contains("6 of 12 pages")
        }
    }

    @Test func ownAnonymousMappingIsListed() throws {
        let size = 4 * pageSize
        let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        defer { munmap(p, size) }
        memset(p, 0x5A, size)
        let me = ProcessMemory(pid: getpid())
        let address = UInt64(UInt(bitPattern: p))
        let regions = try me.anonymousRegions()
        #expect(regions.contains { $0.start <= address && address + UInt64(size) <= $0.end })
    }

    @Test func aMissingProcessSaysSo() throws {
        let fake = try FakeRoot()
        do {
            _ = try ProcessMemory(pid: 99999, root: fake.root).capture()
            Issue.record("captured a process that does not exist")
        } catch {
            #expect(error.description.contains("no such process"))
        }
    }
}
