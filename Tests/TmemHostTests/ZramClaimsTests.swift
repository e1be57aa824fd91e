import Foundation
import Testing
import SystemPackage
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Scratch claims under a fake root: who holds which zram device, the file modes, stale claims.
@Suite struct ZramClaimsTests {
    let claimsDir = "run/tmemctl/claims"

    /// A /proc/PID/stat whose command name holds a space and a parenthesis; starttime (field 22) is 98765.
    func procStat(_ pid: Int32, start: UInt64) -> String {
        "\(pid) (tmem) ctl) S 1 \(pid) \(pid) 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 \(start) 12345678 300 18446744073709551615\n"
    }

    func mode(_ f: FakeRoot, _ relative: String) throws -> Int {
        var st = stat()
        #expect(lstat(f.directory.appendingPathComponent(relative).path, &st) == 0)
        return Int(st.st_mode & 0o7777)
    }

    @Test func aClaimIsPendingThenNamesItsDeviceAndIsGoneAfterRelease() throws {
        let f = try FakeHost.make(devices: [0, 3])
        let pid = getpid()
        try f.file("proc/self/stat", procStat(pid, start: 98765))
        let claims = ZramClaims(root: f.root)
        let held = try claims.take(purpose: "verify --path block")

        let pending = "\(claimsDir)/pid-\(pid).0"
        #expect(try f.contents(pending) == "pid=\(pid)\nstart=98765\npurpose=verify --path block\n")
        #expect(try mode(f, pending) == 0o600)
        #expect(try mode(f, claimsDir) == 0o700)
        #expect(try mode(f, "run/tmemctl") == 0o700)

        let device = try #require(ZramDevice(name: "zram3", root: f.root))
        try held.bind(to: device)
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent(pending).path))
        #expect(try f.contents("\(claimsDir)/zram3") == "pid=\(pid)\nstart=98765\npurpose=verify --path block\ndevice=zram3\n")
        #expect(try mode(f, "\(claimsDir)/zram3") == 0o600)
        #expect(held.claim.device == "zram3")

        try held.release()
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("run/tmemctl").path))
        #expect(claims.state(of: device) == .unclaimed)
    }

    @Test func liveDeadReusedAndPendingClaimers() throws {
        let f = try FakeHost.make(devices: [0, 2, 3, 4, 5])
        try f.file("proc/4242/stat", procStat(4242, start: 500))
        try f.file("proc/4343/stat", procStat(4343, start: 777))
        try f.file("\(claimsDir)/zram2", "pid=4242\nstart=500\npurpose=bench tmem\ndevice=zram2\n")
        try f.file("\(claimsDir)/zram3", "pid=9999\nstart=1\npurpose=verify --path swap\ndevice=zram3\n")  // dead
        try f.file("\(claimsDir)/zram4", "pid=4343\nstart=600\npurpose=advise\ndevice=zram4\n")        // pid reused
        let claims = ZramClaims(root: f.root)
        func device(_ n: Int) -> ZramDevice { ZramDevice(id: n, root: f.root) }

        guard case .claimed(let c) = claims.state(of: device(2)) else { Issue.record("zram2 is claimed by 4242"); return }
        #expect(c.pid == 4242 && c.purpose == "bench tmem" && c.path == f.root.absolute("\(claimsDir)/zram2"))
        guard case .stale(let dead) = claims.state(of: device(3)) else { Issue.record("zram3's claimer is dead"); return }
        #expect(dead.pid == 9999)
        guard case .stale(let reused) = claims.state(of: device(4)) else { Issue.record("pid 4343 is another process"); return }
        #expect(reused.pid == 4343)
        #expect(claims.state(of: device(5)) == .unclaimed)
        #expect(claims.state(of: device(2)).isHeld && !claims.state(of: device(3)).isHeld)

        // A live claimer between its claim and hot_add's answer: any unclaimed device may be the one it gets.
        // The file is caught empty (created, not written yet): the pid comes from its name.
        try f.file("\(claimsDir)/pid-4343.0", "")
        guard case .pending(let p) = claims.state(of: device(5)) else { Issue.record("zram5 may be 4343's"); return }
        #expect(p.map(\.pid) == [4343] && p[0].device == nil)
        #expect(claims.state(of: device(5)).isHeld)
        // A named claim still wins over the pending one.
        guard case .claimed = claims.state(of: device(2)) else { Issue.record("zram2 stays claimed"); return }
    }

    @Test func bindReplacesTheStaleClaimOfADeadClaimer() throws {
        let f = try FakeHost.make(devices: [0, 3])
        try f.file("\(claimsDir)/zram3", "pid=9999\npurpose=verify --path block\ndevice=zram3\n", mode: 0o600)
        let held = try ZramClaims(root: f.root).take(purpose: "bench model")
        try held.bind(to: ZramDevice(id: 3, root: f.root))
        #expect(try f.contents("\(claimsDir)/zram3").contains("purpose=bench model\n"))
        try held.release()
    }

    @Test func bindWaitsForALiveClaimerThenRefuses() throws {
        let f = try FakeHost.make(devices: [0, 3])
        try f.file("proc/4242/stat", procStat(4242, start: 500))
        try f.file("\(claimsDir)/zram3", "pid=4242\nstart=500\npurpose=bench tmem\ndevice=zram3\n", mode: 0o600)
        let held = try ZramClaims(root: f.root).take(purpose: "advise")
        do {
            try held.bind(to: ZramDevice(id: 3, root: f.root))
            Issue.record("bound a device pid 4242 claims")
        } catch {
            #expect(error.errno == .fileExists)
            #expect(error.hint?.contains("pid 4242 (bench tmem)") == true)
        }
        try held.release()
        // Another's claim is not removed with ours, and neither is the directory holding it.
        #expect(try f.contents("\(claimsDir)/zram3").contains("pid=4242"))
    }

    @Test func aLinkedOrSharedClaimsDirectoryIsRefused() throws {
        let f = try FakeHost.make()
        try f.directory("elsewhere")
        try f.directory("run/tmemctl")
        #expect(chmod(f.directory.appendingPathComponent("run/tmemctl").path, 0o700) == 0)
        #expect(symlink(f.directory.appendingPathComponent("elsewhere").path,
                        f.directory.appendingPathComponent(claimsDir).path) == 0)
        do {
            _ = try ZramClaims(root: f.root).take(purpose: "advise")
            Issue.record("followed a link")
        } catch {
            #expect(error.errno == .tooManySymbolicLinkLevels || error.errno == .notDirectory)
            #expect(error.path == f.root.absolute(claimsDir))
        }

        let g = try FakeHost.make()
        try g.directory(claimsDir)
        #expect(chmod(g.directory.appendingPathComponent("run/tmemctl").path, 0o700) == 0)
        #expect(chmod(g.directory.appendingPathComponent(claimsDir).path, 0o777) == 0)
        do {
            _ = try ZramClaims(root: g.root).take(purpose: "advise")
            Issue.record("used a world-writable claims directory")
        } catch {
            #expect(error.action.contains("refusing to use"))
            #expect(error.path == g.root.absolute(claimsDir))
        }
    }
}
