import Foundation
import Testing
import TmemControl
import TmemHost
import TmemTestSupport

@Suite struct ZswapChangeTests {
    let z = "sys/module/zswap/parameters/"

    @Test func enablingComesLastAndUnchangedValuesAreLeftAlone() throws {
        let f = try FakeHost.make()
        let c = try ZswapChange(["enabled": "yes", "compressor": "lzo-rle", "max_pool_percent": "20", "shrinker_enabled": "1"], root: f.root)
        #expect(c.writes.map(\.parameter) == [.compressor, .shrinkerEnabled, .enabled])
        #expect(c.writes.map(\.value) == ["lzo-rle", "Y", "Y"])
        #expect(c.writes.map(\.previous) == ["lzo", "N", "N"])
        try c.apply(root: f.root)
        #expect(try f.contents(z + "enabled") == "Y")
        #expect(try f.contents(z + "max_pool_percent") == "20\n")   // not rewritten
    }

    @Test func disablingComesFirst() throws {
        let f = try FakeHost.make()
        try f.file(z + "enabled", "Y\n")
        let c = try ZswapChange(["enabled": "N", "max_pool_percent": "30"], root: f.root)
        #expect(c.writes.map(\.parameter) == [.enabled, .maxPoolPercent])
    }

    @Test(arguments: [
        (["zpool": "zsmalloc"], "this kernel has no zswap parameter zpool"),
        (["frobnicate": "1"], "'frobnicate' is not a zswap parameter"),
        (["enabled": "perhaps"], "invalid value 'perhaps' for zswap enabled"),
        (["max_pool_percent": "101"], "give 0...100"),
        (["compressor": "zstd"], "not registered in /proc/crypto (available: lzo-rle lzo)"),
    ])
    func invalidChangesAreRefusedBeforeAnyWrite(_ values: [String: String], _ message: String) throws {
        let f = try FakeHost.make()
        let e = #expect(throws: InvalidRequest.self) { try ZswapChange(values.merging(["enabled": "Y"]) { a, _ in a }, root: f.root) }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "-")")
        #expect(try f.contents(z + "enabled") == "N\n")
    }

    @Test func aFailedWritePutsBackWhatWasAlreadyChanged() throws {
        let f = try FakeHost.make()
        let c = try ZswapChange(["compressor": "lzo-rle", "enabled": "Y"], root: f.root)
        try FakeHost.breakAttribute(f, z + "enabled")   // written last, fails
        #expect(throws: HostError.self) { try c.apply(root: f.root) }
        #expect(try f.contents(z + "compressor") == "lzo")
    }

    @Test func settingsFileRoundTripAndRestoreSkipsAbsentParameters() throws {
        let f = try FakeHost.make()
        let file = f.directory.appendingPathComponent("zswap.json").path
        try ZswapSettings.current(root: f.root).save(to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("\"max_pool_percent\" : \"20\""))
        try f.file(z + "max_pool_percent", "33\n")
        var loaded = try ZswapSettings.load(from: file)
        loaded.zswap["zpool"] = "zbud"   // as saved on a 6.12 kernel
        let c = try ZswapChange(loaded.zswap, root: f.root, ignoreAbsent: true)
        #expect(c.skipped == ["zpool"])
        #expect(c.writes.map(\.parameter) == [.maxPoolPercent])
        try c.apply(root: f.root)
        #expect(try f.contents(z + "max_pool_percent") == "20")
        try f.file("bad.json", "{\"enabled\": \"Y\"}")
        #expect(throws: InvalidRequest.self) { try ZswapSettings.load(from: f.directory.appendingPathComponent("bad.json").path) }
        #expect(throws: HostError.self) { try ZswapSettings.load(from: "/nonexistent/zswap.json") }
    }
}
