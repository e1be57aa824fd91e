import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `tmemctl watch` on the running kernel: a device hot_added and hot_removed during a short watch is
    /// announced from the kernel's uevents (not at the next sample), its writes show as pages stored, and the
    /// watch keeps going and ends on SIGINT with exit status 0.
    @Suite struct WatchLive {
        /// "action device source" of each event line printed so far.
        static func events(_ out: String) -> [String] {
            out.split(separator: "\n").compactMap { line in
                guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      o["type"] as? String == "event" else { return nil }
                return "\(o["action"] ?? "") \(o["device"] ?? "") \(o["source"] ?? "")"
            }
        }

        @Test func hotAddedDeviceAppearsAndDisappearsFromUevents() throws {
            try LiveKernel.exclusive { () throws -> Void in
                // A long interval: an event seen before the next sample can only have come from a uevent.
                let watch = try TmemctlProcess(["watch", "--json", "--interval", "2"])
                defer { if watch.process.isRunning { watch.signal(SIGKILL) } }
                usleep(500_000)   // the socket is open before anything happens
                var name = ""
                try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Void in
                    name = device.name
                    #expect(watch.waitForOutput(seconds: 1.5) { Self.events($0).contains("appeared \(name) uevent") },
                            "\(watch.stdout)\n\(watch.stderr)")
                    try device.setDisksize(UInt64(64 * pageSize))
                    func samplesWithDevice(_ out: String) -> Int {
                        out.split(separator: "\n").filter { $0.contains("\"type\":\"sample\"") && $0.contains("\"device\":\"\(name)\"") }.count
                    }
                    // The first sample with the device is its baseline (no rates: it appeared in that interval);
                    // the writes then fall into later intervals, whose rates x intervals add up to them.
                    #expect(watch.waitForOutput(seconds: 5) { samplesWithDevice($0) >= 1 })
                    let io = try ZramBlockIO(device: device)
                    let corpus = BuiltinCorpus.generate(pages: 32, seed: 3)
                    for i in 0..<corpus.pageCount { try io.writePage(corpus.page(i), at: i) }
                    let seen = samplesWithDevice(watch.stdout)
                    #expect(watch.waitForOutput(seconds: 5) { samplesWithDevice($0) > seen })
                }
                #expect(watch.waitForOutput(seconds: 1.5) { Self.events($0).contains("disappeared \(name) uevent") },
                        "\(watch.stdout)\n\(watch.stderr)")
                watch.signal(SIGINT)
                #expect(watch.wait(seconds: 10) == 0, "\(watch.stderr)")
                #expect(!watch.stderr.contains("uevent socket"), "\(watch.stderr)")
                #expect(Self.events(watch.stdout) == ["appeared \(name) uevent", "disappeared \(name) uevent"])

                var stored = 0.0
                for line in watch.stdout.split(separator: "\n") {
                    let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    guard o["type"] as? String == "sample", let devices = o["devices"] as? [[String: Any]],
                          let d = devices.first(where: { $0["device"] as? String == name }),
                          let rate = d["pages_stored_per_second"] as? Double, let dt = o["interval_seconds"] as? Double
                    else { continue }
                    stored += rate * dt
                }
                // Sectors are counted exactly, so rate x interval adds up to the pages written (32), up to float rounding.
                #expect(abs(stored - 32) < 0.01, "pages stored over the samples: \(stored)")
            }
        }
    }
}
