import Testing
import TmemControl
import TmemTestSupport

/// Imports, checked by reading the result back: the imported text must be a valid configuration that
/// resolves to what the other tool does (sizes worked by hand).
@Suite struct ConfigImportTests {
    func readBack(_ text: String, kB: UInt64 = 8_013_220) throws -> (TmemConfig, ConfigResolver.Resolution) {
        let fake = try FakeRoot()
        _ = try fake.file("etc/tmemctl/tmemctl.conf", text)
        let c = ConfigReader(root: fake.root).read()
        return (c, ConfigResolver(memTotalKB: kB, kernelSwitch: nil).resolve(c))
    }

    @Test func zramToolsPercent() throws {
        // Debian's /etc/default/zramswap with PERCENT set: it wins over SIZE.
        let r = ConfigImport.fromZramTools("# comment\nALGO=zstd\nPERCENT=25\nSIZE=1024\nPRIORITY=50\n", origin: "/etc/default/zramswap")
        let (c, res) = try readBack(r.text)
        #expect(c.errors.isEmpty)
        let d = try #require(res.state.devices.first)
        // 7825 MB × 25 / 100 = 1956.25 MB = 2051276800 bytes.
        #expect(d.disksize == UInt64(2_051_276_800))
        #expect(d.compAlgorithm == "zstd")
        #expect(d.swap == DesiredState.Swap(priority: 50, options: ""))
    }

    @Test func zramToolsDefaults() throws {
        let (_, res) = try readBack(ConfigImport.fromZramTools("#ALGO=lz4\n", origin: "x").text)
        let d = try #require(res.state.devices.first)
        #expect(d.disksize == UInt64(256) << 20)
        #expect(d.compAlgorithm == "lz4")
        #expect(d.swap?.priority == 100)
    }

    @Test func zswapCliBothForms() throws {
        for text in ["enabled = Y\ncompressor = zstd\nmax_pool_percent = 30\nzpool = z3fold\n",
                     "export ZSWAP_ENABLED_VALUE=Y\nZSWAP_COMPRESSOR_VALUE=zstd\nZSWAP_MAX_POOL_PERCENT_VALUE=30\nZSWAP_ZPOOL_VALUE=z3fold\n"] {
            let r = ConfigImport.fromZswapCli(text, origin: "f")
            let (c, res) = try readBack(r.text)
            #expect(c.errors.isEmpty, "\(c.errors)")
            #expect(res.state.zswap == DesiredState.Zswap(enabled: true, compressor: "zstd", maxPoolPercent: 30))
            #expect(r.notes.contains { $0.contains("zpool") })
        }
    }

    @Test func zramGeneratorRoundTrips() throws {
        let fake = try FakeRoot()
        _ = try fake.file("etc/systemd/zram-generator.conf", "[zram0]\nzram-size = min(ram, 8192)\ncompression-algorithm = zstd\n")
        _ = try fake.file("etc/systemd/zram-generator.conf.d/10-prio.conf", "[zram0]\nswap-priority = 7\n")
        let original = ConfigReader(root: fake.root).read()
        let r = ConfigImport.fromZramGenerator(original)
        let (c, res) = try readBack(r.text)
        #expect(c.errors.isEmpty)
        let d = try #require(res.state.devices.first)
        #expect(d.disksize == UInt64(7825) << 20)
        #expect(d.compAlgorithm == "zstd")
        #expect(d.swap?.priority == 7)
        #expect(r.text.contains("# /etc/systemd/zram-generator.conf.d/10-prio.conf:2\nswap-priority = 7\n"))
    }
}

import Foundation
import TmemHost

@Suite struct ExclusiveFileTests {
    @Test func createsOnceRefusesThenReplacesWithoutFollowingLinks() throws {
        let fake = try FakeRoot()
        let path = fake.directory.appendingPathComponent("out.conf").path
        try ExclusiveFile.write(path, "a\n", mode: 0o644, replacing: false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(throws: HostError.self) { try ExclusiveFile.write(path, "b\n", mode: 0o644, replacing: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n")
        // A planted link is refused without --force and replaced (not followed) with it.
        let victim = fake.directory.appendingPathComponent("victim").path
        try "keep\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = fake.directory.appendingPathComponent("link.conf").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        #expect(throws: HostError.self) { try ExclusiveFile.write(link, "x\n", mode: 0o644, replacing: false) }
        try ExclusiveFile.write(link, "x\n", mode: 0o644, replacing: true)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep\n")
        #expect(try String(contentsOfFile: link, encoding: .utf8) == "x\n")
    }
}
