import Foundation
import Testing
import TmemTestSupport

/// `tmemctl watch` on fake roots: rates worked out from the fixture's counters, devices appearing and
/// disappearing between samples, and a clean exit on SIGTERM.
@Suite struct WatchCommandTests {
    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test func jsonLinesCarryEveryKeyAndTheSchemaVersion() throws {
        let f = try FakeHost.make(devices: [1])
        try f.file("sys/block/zram1/stat", String(repeating: "       0", count: 17) + "\n")
        try f.file("sys/block/zram1/mm_stat", "  8192  2048  12288  16384  12288  0  0  0  0\n")
        let r = try TmemctlRunner.run(["watch", "--root", f.directory.path, "--json", "--interval", "0.1", "--count", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try lines(r.stdout)
        #expect(objects.count == 2)
        for o in objects {
            #expect(o["schema_version"] as? Int == 1)
            #expect(o["type"] as? String == "sample")
            let d = try #require((o["devices"] as? [[String: Any]])?.first)
            #expect(d["device"] as? String == "zram1")
            // Counters stood still: zero rates, not unknown ones.
            #expect(d["pages_stored_per_second"] as? Double == 0)
            #expect(d["ratio"] as? Double == 4)             // 8192 / 2048
            #expect(d["mem_used_share_of_limit"] as? Double == 0.75)   // 12288 / 16384
            let zswap = try #require(o["zswap"] as? [String: Any])
            // No debugfs in the fixture: rejects are unknown, and the key is still there.
            #expect(zswap.keys.contains("rejects_per_second") && zswap["rejects_per_second"] is NSNull)
            #expect((o["swap"] as? [String: Any])?.keys.sorted() == ["in_per_second", "out_per_second"])
        }
    }

    /// Without a kernel to listen to (a fake root), a device that appears or disappears is seen at the next
    /// sample, from the listing; the vanished device is reported, the watch goes on and exits 0 on SIGTERM.
    @Test func devicesAppearingAndDisappearingAreReportedAndSigtermEndsCleanly() throws {
        let f = try FakeHost.make(devices: [1])
        try f.file("sys/block/zram1/stat", String(repeating: "       0", count: 17) + "\n")
        let watch = try TmemctlProcess(["watch", "--root", f.directory.path, "--json", "--interval", "0.2"])
        #expect(watch.waitForOutput(seconds: 10) { $0.contains("\"type\":\"sample\"") })
        try FakeHost.device(f, 4)
        try f.file("sys/block/zram4/stat", String(repeating: "       0", count: 17) + "\n")
        #expect(watch.waitForOutput(seconds: 10) { $0.contains("\"action\":\"appeared\",\"device\":\"zram4\"") })
        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("sys/block/zram4"))
        #expect(watch.waitForOutput(seconds: 10) { $0.contains("\"action\":\"disappeared\",\"device\":\"zram4\"") })
        watch.signal(SIGTERM)
        #expect(watch.wait(seconds: 10) == 0, "\(watch.stderr)")
        let objects = try lines(watch.stdout)
        let events = objects.filter { $0["type"] as? String == "event" }
        #expect(events.map { "\($0["action"]!) \($0["device"]!) \($0["source"]!)" } == ["appeared zram4 listing", "disappeared zram4 listing"])
        // After it disappeared, samples carry zram1 only.
        let last = try #require(objects.last { $0["type"] as? String == "sample" })
        #expect((last["devices"] as? [[String: Any]])?.compactMap { $0["device"] as? String } == ["zram1"])
    }

    @Test func textShowsRatesAndUnknownsAsDashes() throws {
        let f = try FakeHost.make(devices: [1])
        try f.file("sys/block/zram1/stat", String(repeating: "       0", count: 17) + "\n")
        let r = try TmemctlRunner.run(["watch", "--root", f.directory.path, "--interval", "0.1", "--count", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(out.first?.prefix(5) == ["time", "device", "stored/s", "loaded/s", "freed/s"])
        #expect(out.count == 3)
        #expect(out[1].dropFirst().elementsEqual(["zram1", "0.0", "0.0", "0.0", "0B", "0B", "-", "0B", "-", "-"]))
        #expect(r.stdout.contains("rejects/s - "))
    }

    @Test func badIntervalsAreUsageErrors() throws {
        #expect(try TmemctlRunner.run(["watch", "--interval", "0"]).status == 64)
        #expect(try TmemctlRunner.run(["watch", "--count", "0"]).status == 64)
    }
}
