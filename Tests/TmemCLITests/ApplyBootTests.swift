import Foundation
import Testing
import TmemTestSupport

/// `[boot]` goes through the boot-file code only in a full apply: plan shows the diff, --check exits 2, apply
/// edits GRUB's file once (a second run has nothing to do), and a per-device apply (what the units and udev
/// run) never touches it.
@Suite struct ApplyBootTests {
    func host() throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/meminfo", "MemTotal:        8000000 kB\n")
        try f.file("proc/cmdline", "ro quiet\n")
        try f.file("etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n")
        try f.file("etc/tmemctl/tmemctl.conf", "[zram0]\nzram-size = 64\n[boot]\nzswap.enabled = 1\ntarget = grub\n")
        return f
    }

    @Test func aFullApplyEditsGrubOnceAndAPerDeviceApplyNever() throws {
        let f = try host()
        let root = ["--root", f.directory.path]
        let perDevice = try TmemctlRunner.run(["apply", "--device", "zram0", "--dry-run"] + root)
        #expect(!perDevice.stdout.contains("grub") && !perDevice.stderr.contains("etc/default/grub"))
        let plan = try TmemctlRunner.run(["plan"] + root)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("+GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=Y\""))
        #expect(try TmemctlRunner.run(["apply", "--check"] + root).status == 2)
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n", "--check changed nothing")
    }

    @Test func bootOnlyConfigIsAppliedIdempotently() throws {
        let f = try host()
        try f.file("etc/tmemctl/tmemctl.conf", "[boot]\nzswap.enabled = 1\ntarget = grub\n")
        let root = ["--root", f.directory.path]
        let apply = try TmemctlRunner.run(["apply"] + root)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=Y\"\n")
        #expect(try f.contents("etc/default/grub.tmemctl-orig") == "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n")
        let again = try TmemctlRunner.run(["apply", "--check"] + root)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    }
}
