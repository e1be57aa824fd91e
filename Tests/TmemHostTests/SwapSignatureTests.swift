import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

@Suite struct SwapSignatureTests {
    let uuid: [UInt8] = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x4d, 0xef, 0x81, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]

    @Test func headerFieldsAtTheKernelsOffsets() {
        // 1 MiB = 256 pages, so last_page = 255; offsets from `union swap_header` worked out by hand:
        // bootbits[1024], version@1024, last_page@1028, nr_badpages@1032, uuid@1036, label@1052, magic@4086.
        let page = SwapSignature(lastPage: 255, uuid: uuid, label: "tmem").page
        #expect(page.count == 4096)
        #expect(page[0..<1024].allSatisfy { $0 == 0 })
        #expect(Array(page[1024..<1036]) == [1, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(page[1036..<1052]) == uuid)
        #expect(Array(page[1052..<1068]) == [0x74, 0x6d, 0x65, 0x6d] + [UInt8](repeating: 0, count: 12))
        #expect(String(decoding: page[4086..<4096], as: UTF8.self) == "SWAPSPACE2")
        #expect(SwapSignature(page: page) == SwapSignature(lastPage: 255, uuid: uuid, label: "tmem"))
    }

    @Test func sameFirstPageAsUtilLinuxMkswap() throws {
        let mkswap = "/usr/sbin/mkswap"
        try #require(FileManager.default.isExecutableFile(atPath: mkswap), "util-linux mkswap is needed for this comparison")
        let fake = try FakeRoot()
        let file = try fake.file("swapfile", String(repeating: "\u{1}", count: 1 << 20), mode: 0o600)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: mkswap)
        p.arguments = ["-q", "-U", "12345678-9abc-4def-8123-456789abcdef", "-L", "tmem", file.path]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        let theirs = Array(try Data(contentsOf: file).prefix(4096))
        let ours = SwapSignature(lastPage: 255, uuid: uuid, label: "tmem").page
        #expect(ours == theirs)
    }

    @Test func writesTheHeaderIntoTheDeviceNode() throws {
        let fake = try FakeRoot()
        let node = try fake.file("dev/zram3", String(repeating: "x", count: 8192), mode: 0o600)
        var rng = SplitMix64(seed: 7)
        let sig = try SwapSignature(deviceSize: 1 << 20, label: "z", random: &rng)
        #expect(sig.lastPage == 255)
        #expect(sig.uuid[6] >> 4 == 4 && sig.uuid[8] >> 6 == 2)   // RFC 4122 version 4, variant 10
        try sig.write(to: node.path)
        #expect(try SwapSignature.read(from: node.path) == sig)
        let data = try Data(contentsOf: node)
        #expect(data.count == 8192 && data[4096] == UInt8(ascii: "x"))
    }

    @Test func refusesDevicesSmallerThanTenPagesAndLongLabels() {
        #expect(throws: HostError.self) { try SwapSignature(deviceSize: 9 * 4096) }
        #expect(throws: HostError.self) { try SwapSignature(deviceSize: 1 << 20, label: String(repeating: "l", count: 17)) }
    }

    @Test func swapOnAFakeRootIsRefusedBeforeAnySystemCall() throws {
        let fake = try FakeRoot()
        try fake.file("dev/zram3", "")
        let swap = SwapControl(root: fake.root)
        let e = try #require(throws: HostError.self) { try swap.swapOn("dev/zram3", priority: 5) }
        #expect(e.errno == .notPermitted && e.hint?.contains("live root") == true)
        let p = try #require(throws: HostError.self) { try swap.swapOn("dev/zram3", priority: -2) }
        #expect(p.errno == .invalidArgument)
    }
}
