import Foundation
import Testing
import TmemControl
import TmemHost
import TmemTestSupport

/// The scratch-device lifecycle every run shares, on a fake host whose hot_add answers 3.
@Suite struct ScratchZramTests {
    let claim = "run/tmemctl/claims/zram3"

    func exists(_ f: FakeRoot, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: f.directory.appendingPathComponent(relative).path)
    }

    @Test func claimedConfiguredThroughThePlanThenRemovedAndReleased() throws {
        let f = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        let (_, failures) = try CleanupStack.run { cleanup in
            let scratch = try ScratchZram.create(root: f.root, purpose: "verify --path block", cleanup: cleanup)
            #expect(scratch.device.name == "zram3")
            #expect(try f.contents(claim).contains("purpose=verify --path block\ndevice=zram3\n"))
            #expect(ZramClaims(root: f.root).state(of: scratch.device) != .unclaimed)
            try scratch.configure(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4"))
            #expect(try f.contents("sys/block/zram3/comp_algorithm") == "lz4")
            #expect(try f.contents("sys/block/zram3/disksize") == "1048576")
            #expect(try f.contents("sys/class/zram-control/hot_remove") == "")
        }
        #expect(failures.isEmpty)
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "3")
        #expect(!exists(f, "run/tmemctl"))
    }

    /// The plan's checks apply to scratch devices too: an algorithm this kernel lacks is refused before any write.
    @Test func aRequestThePlanRefusesWritesNothing() throws {
        let f = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        _ = try CleanupStack.run { cleanup in
            let scratch = try ScratchZram.create(root: f.root, purpose: "bench tmem", cleanup: cleanup)
            #expect(throws: InvalidRequest.self) { try scratch.configure(ZramSetupRequest(disksize: 1 << 20, algorithm: "zstd")) }
            #expect(try f.contents("sys/block/zram3/disksize") == "0\n")
        }
        #expect(try f.contents("sys/class/zram-control/hot_remove") == "3")
    }

    /// A device that cannot be removed keeps its claim, so that nobody configures the leftover.
    @Test func aDeviceLeftBehindStaysClaimed() throws {
        let f = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        try FakeHost.breakAttribute(f, "sys/class/zram-control/hot_remove")
        let (_, failures) = try CleanupStack.run { cleanup in
            _ = try ScratchZram.create(root: f.root, purpose: "bench model", cleanup: cleanup)
        }
        #expect(failures.count == 1 && failures[0].hasPrefix("remove zram3: "))
        #expect(try f.contents(claim).contains("purpose=bench model\n"))
    }

    /// hot_add failing leaves no claim behind.
    @Test func aFailedHotAddReleasesTheClaim() throws {
        let f = try FakeHost.make(devices: [0])
        try FakeHost.breakAttribute(f, "sys/class/zram-control/hot_add")
        #expect(throws: HostError.self) {
            _ = try CleanupStack.run { cleanup in try ScratchZram.create(root: f.root, purpose: "advise", cleanup: cleanup) }
        }
        #expect(!exists(f, "run/tmemctl"))
    }
}
