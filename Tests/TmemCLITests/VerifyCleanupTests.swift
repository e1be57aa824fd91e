import Foundation
import Testing
import TmemTestSupport

/// `tmemctl verify` must not pass, nor claim to have cleaned up, when removing its scratch device failed.
/// Fake host: hot_add hands out zram1; breaking hot_remove (a directory: writing it fails with EISDIR) stands in
/// for a device someone holds open.
@Suite struct VerifyCleanupTests {
    /// One zero page: by hand (docs/kernel-notes.md#zram-write-accounting), zram stores it as ZRAM_SAME: orig_data_size 4096, same_pages 1,
    /// nothing allocated; the fake mm_stat says exactly that, so the comparison itself passes.
    func host(removable: Bool, algorithmSettable: Bool = true) throws -> (FakeRoot, String) {
        let f = try FakeHost.make(devices: [0, 1], hotAdd: 1)
        try f.file("sys/block/zram1/mm_stat", "    4096        0        0        0        0        1        0        0        0\n")
        if !removable { try FakeHost.breakAttribute(f, "sys/class/zram-control/hot_remove") }
        if !algorithmSettable { try FakeHost.breakAttribute(f, "sys/block/zram1/comp_algorithm") }
        let corpus = try f.file("zero.pages", String(repeating: "\0", count: 4096))
        return (f, corpus.path)
    }

    @Test func aCleanRunPasses() throws {
        let (f, corpus) = try host(removable: true)
        let r = try TmemctlRunner.run(["verify", "--root", f.directory.path, "--corpus", corpus, "--algorithm", "lzo"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("cleanup FAILED"))
        #expect(r.stdout.contains("to zram1 (disksize 4096), then removed"))
    }

    @Test func aDeviceLeftBehindFailsTheRunAndIsNamed() throws {
        let (f, corpus) = try host(removable: false)
        let r = try TmemctlRunner.run(["verify", "--root", f.directory.path, "--corpus", corpus, "--algorithm", "lzo"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("cleanup FAILED"))
        #expect(r.stdout.contains("remove zram1"))
        #expect(r.stdout.contains("verify: FAILED"))
        #expect(!r.stdout.contains("then removed"))
    }

    @Test func theJSONReportFailsAndListsTheLeftover() throws {
        let (f, corpus) = try host(removable: false)
        let r = try TmemctlRunner.run(["verify", "--root", f.directory.path, "--corpus", corpus, "--algorithm", "lzo", "--json"])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == false)
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(result["status"] as? String == "failed")
        #expect((result["cleanup_failures"] as? [String])?.count == 1)
    }

    /// A run that fails half-way unwinds in its error path; what that unwind could not undo is printed too.
    @Test func aFailedRunAlsoNamesWhatItCouldNotRemove() throws {
        let (f, corpus) = try host(removable: false, algorithmSettable: false)
        let r = try TmemctlRunner.run(["verify", "--root", f.directory.path, "--corpus", corpus, "--algorithm", "lzo"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("comp_algorithm"))
        #expect(r.stderr.contains("cleanup FAILED"))
        #expect(r.stderr.contains("remove zram1"))
    }

    @Test func theSwapPathUnderAFakeRootIsAUsageError() throws {
        let (f, corpus) = try host(removable: true)
        let r = try TmemctlRunner.run(["verify", "--path", "swap", "--root", f.directory.path, "--corpus", corpus])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--path swap needs the live kernel"))
        let viaEnvironment = try TmemctlRunner.run(["verify", "--path", "swap", "--corpus", corpus],
                                                   environment: ["TMEMCTL_ROOT": f.directory.path])
        #expect(viaEnvironment.status == 64)
    }
}
