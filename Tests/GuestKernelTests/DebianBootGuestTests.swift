import Foundation
import Testing
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The package on a real boot (issue 12 item 6): `make deb`, a minimal Debian 12 root (scripts/guest-rootfs,
/// cached), Debian 12's own 6.1 kernel with systemd as PID 1, under the guest harness. Three boots of one copy
/// of the image:
///
/// 1. as an admin would: `dpkg -i` the package (its Depends must all be in the root), then write
///    /etc/tmemctl/tmemctl.conf; nothing else is started or enabled.
/// 2. after that reboot, with no other step: zram0 is swap with priority 100 (`swapon --show`, /proc/swaps), zram1
///    is ext4 on /mnt/zram1 (findmnt), each with the configured disksize and algorithm (sysfs), zswap has the
///    configured compressor and pool limit and vm.swappiness its value (the kernel's files); `tmemctl apply
///    --check` exits 0 and `tmemctl plan --json` has no action; no unit failed. Then `systemctl stop
///    tmemctl-setup@zram0` swaps zram0 off and removes the device; a raw hot_add hands out index 0 again, which the
///    configuration names, and udev brings it back as swap with priority 100 through tmemctl-setup@zram0; a
///    second hot_add (zram2, not named) is left unconfigured. The guest powers off: the console has the kernel's
///    "Power down" line and the image's ext4 is clean (dumpe2fs state, e2fsck -fn).
/// 3. with `systemd.zram=0` on the kernel command line: no zram device and no zram swap, zswap still set.
///
/// Expected values are the configuration's, in the kernel's units worked out here (96 MB = 100663296 bytes).
/// The guest's journal is printed when a check of boot 2 or 3 fails.
@Suite(.tags(.guest, .slow)) struct DebianBootGuestTests {
    static let repository = GuestHarness.repository

    static var skipReason: String? {
        if let reason = GuestHarness.skipReason { return reason }
        if geteuid() != 0 { return "debootstrap (scripts/guest-rootfs) needs root" }
        for tool in ["dpkg-deb", "dpkg-shlibdeps", "make", "strip", "e2fsck", "dumpe2fs"] where ToolProcess.which(tool) == nil {
            return "\(tool) not installed (sh scripts/bootstrap)"
        }
        return nil
    }

    static let config = """
        # DebianBootGuestTests: two devices, zswap and a sysctl.
        [zram0]
        zram-size = 96
        compression-algorithm = lz4
        swap-priority = 100

        [zram1]
        zram-size = 48
        compression-algorithm = zstd
        mount-point = /mnt/zram1
        fs-type = ext4

        [zswap]
        enabled = yes
        compressor = deflate
        max-pool-percent = 17
        with-zram-swap = keep

        [sysctl]
        vm.swappiness = 150

        """

    /// Boot 1 (dash, the root's /bin/sh).
    static let install = """
        set -u
        dpkg -i /in/tmemctl.deb > /out/dpkg.log 2>&1; echo $? > /out/dpkg.status
        install -d -m 0755 /etc/tmemctl && install -m 0644 /in/tmemctl.conf /etc/tmemctl/tmemctl.conf
        dpkg-query -W -f='${Status} ${Version}\\n' tmemctl > /out/dpkg-query 2>&1
        sync
        echo installed

        """

    /// Boot 2. The harness runs this after multi-user.target, so the boot's swap and mount units are done.
    static let check = """
        set -u
        o=/out
        # Up to $1 seconds for the rest of the line to succeed, polled five times a second.
        wait_for() { n=$(( $1 * 5 )); shift; while ! "$@" > /dev/null 2>&1; do n=$((n - 1)); [ $n -gt 0 ] || return 1; sleep 0.2; done; }
        swapped_on() { grep -q "^/dev/$1 " /proc/swaps; }
        no_zram_job() { ! systemctl list-jobs --no-legend --plain | grep -q zram; }
        state() { # $1: file prefix
          cat /proc/swaps > $o/$1.swaps
          swapon --show=NAME,TYPE,PRIO --noheadings --raw > $o/$1.swapon 2>&1
          ls /sys/block > $o/$1.blocks
        }
        state boot
        command -v tmemctl > $o/which
        findmnt -n -o SOURCE,FSTYPE -M /mnt/zram1 > $o/findmnt 2>&1
        for d in zram0 zram1; do for f in disksize comp_algorithm; do cat /sys/block/$d/$f > $o/$d.$f 2>&1; done; done
        for f in enabled compressor max_pool_percent; do cat /sys/module/zswap/parameters/$f > $o/zswap.$f 2>&1; done
        cat /proc/sys/vm/swappiness > $o/swappiness
        tmemctl apply --check > $o/apply-check 2>&1; echo $? > $o/apply-check.status
        tmemctl plan --json > $o/plan.json 2> $o/plan.err; echo $? > $o/plan.status
        systemctl list-units --state=failed --all --plain --no-legend > $o/failed 2>&1
        systemctl show -p Id -p ActiveState -p Result tmemctl-setup@zram0.service tmemctl-setup@zram1.service \\
          dev-zram0.swap mnt-zram1.mount tmemctl-zswap.service > $o/units 2>&1
        ls /run/systemd/generator > $o/generated 2>&1

        systemctl stop tmemctl-setup@zram0.service > $o/stop.out 2>&1; echo $? > $o/stop.status
        state stopped
        systemctl is-active dev-zram0.swap > $o/stopped.swap-unit 2>&1

        cat /sys/class/zram-control/hot_add > $o/hot_add 2>&1
        wait_for 120 swapped_on zram0; echo $? > $o/hot_add.wait
        wait_for 60 no_zram_job
        state readded
        systemctl is-active tmemctl-setup@zram0.service > $o/readded.setup-unit 2>&1
        cat /sys/block/zram0/disksize > $o/readded.disksize 2>&1

        cat /sys/class/zram-control/hot_add > $o/hot_add2 2>&1
        # systemd acts on SYSTEMD_WANTS when the device unit becomes active: wait for that, then for its jobs.
        udevadm settle --timeout=60; wait_for 60 systemctl is-active --quiet dev-zram2.device; echo $? > $o/zram2.device-wait
        wait_for 60 no_zram_job
        cat /sys/block/zram2/disksize > $o/zram2.disksize 2>&1
        systemctl is-active tmemctl-setup@zram2.service > $o/zram2.setup-unit 2>&1
        echo 2 > /sys/class/zram-control/hot_remove
        tmemctl apply --check > $o/final-apply-check 2>&1; echo $? > $o/final-apply-check.status

        journalctl -b --no-pager -o short-monotonic > $o/journal 2>&1
        echo checked

        """

    /// Boot 3, with systemd.zram=0.
    static let disabled = """
        o=/out
        ls /sys/block > $o/blocks
        cat /proc/swaps > $o/swaps
        ls /run/systemd/generator > $o/generated 2>&1
        systemctl list-units --all --plain --no-legend 'tmemctl-setup@*' 'dev-zram*' > $o/units 2>&1
        cat /sys/module/zswap/parameters/enabled > $o/zswap.enabled 2>&1
        journalctl -b --no-pager -o short-monotonic > $o/journal 2>&1
        echo checked

        """

    struct PlanJSON: Decodable {
        struct Device: Decodable { let name: String; let actions: [Action] }
        struct Action: Decodable { let description: String }
        let schema_version: Int
        let devices: [Device]
        let actions: [Action]
        let changes: Bool
    }

    static func bounded(_ seconds: Int, _ executable: String, _ arguments: [String]) throws -> ToolProcess.Result {
        try ToolProcess.run("timeout", ["--kill-after=10", String(seconds), executable] + arguments, in: repository)
    }

    // The limit covers a cold release build inside `make deb` (about 9 minutes on two idle cores, shared with
    // DebPackageTests); with it cached the suite takes about 5 minutes. Every step below has its own bound.
    @Test(.enabled(if: skipReason == nil, Comment(rawValue: skipReason ?? "")), .timeLimit(.minutes(45)))
    func thePackageBringsUpTheConfigurationAtBootOnDebian12() throws {
        let suiteStart = Date()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-debian-boot-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // The package, as `make deb` builds it (the release build is shared with DebPackageTests).
        var t = Date()
        let debDir = Self.repository.appendingPathComponent(".build-release/deb-guest")
        try? FileManager.default.removeItem(at: debDir)
        let make = try Self.bounded(1800, "make", ["-s", "deb", "DEBDIR=\(debDir.path)"])
        try #require(make.status == 0, "make deb: \(make.output.suffix(3000))")
        let debPath = try #require(make.stdout.split(separator: "\n").last.map(String.init), "make deb printed no package")
        let deb = URL(fileURLWithPath: debPath, relativeTo: Self.repository).standardizedFileURL
        let debSize = try #require(try FileManager.default.attributesOfItem(atPath: deb.path)[.size] as? Int)
        print("DebianBootGuestTests: make deb \(String(format: "%.1f", Date().timeIntervalSince(t))) s, \(deb.lastPathComponent) \(debSize) bytes")

        t = Date()
        let rootfs = try Self.bounded(1500, "bash", [Self.repository.appendingPathComponent("scripts/guest-rootfs").path])
        try #require(rootfs.status == 0, "scripts/guest-rootfs: \(rootfs.output.suffix(3000))")
        let image = try #require(rootfs.stdout.split(separator: "\n").last.map(String.init))
        print("DebianBootGuestTests: scripts/guest-rootfs \(String(format: "%.1f", Date().timeIntervalSince(t))) s (\(image))")
        // A copy per run: the first boot installs into it, the cached image stays as debootstrap left it.
        let disk = work.appendingPathComponent("root.img")
        let cp = try ToolProcess.run("cp", ["--sparse=always", image, disk.path])
        try #require(cp.status == 0, "cp: \(cp.output)")

        let conf = work.appendingPathComponent("tmemctl.conf")
        try Self.config.write(to: conf, atomically: true, encoding: .utf8)
        func script(_ name: String, _ text: String) throws -> String {
            let url = work.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        func boot(_ name: String, _ arguments: [String]) throws -> GuestHarness.Result {
            let r = try GuestHarness.run(era: "6.1", binary: nil, arguments: ["--rootfs", disk.path] + arguments,
                                         keepOutput: true, timeoutSeconds: 420)
            print("DebianBootGuestTests: boot \(name) \(String(format: "%.1f", r.seconds)) s wall (exit \(r.status))")
            return r
        }
        func text(_ r: GuestHarness.Result, _ name: String) -> String {
            guard let dir = r.outputDirectory else { return "" }
            return (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        func trimmed(_ r: GuestHarness.Result, _ name: String) -> String { text(r, name).trimmingCharacters(in: .whitespacesAndNewlines) }
        func lines(_ r: GuestHarness.Result, _ name: String) -> [String] { text(r, name).split(separator: "\n").map(String.init) }
        var failures = 0
        func check(_ ok: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
            if !ok { failures += 1 }
            #expect(ok, Comment(rawValue: message()), sourceLocation: sourceLocation)
        }
        func journalOnFailure(_ r: GuestHarness.Result, _ name: String) {
            guard failures > 0 else { return }
            print("DebianBootGuestTests: boot \(name) failed; the guest's journal (its end):\n\(text(r, "journal").suffix(60000))\nconsole:\n\(text(r, "console.log").suffix(6000))")
        }

        // Boot 1: install.
        let b1 = try boot("1 (dpkg -i, write the configuration)", ["--persist", "--file", "\(deb.path):tmemctl.deb",
                                                                   "--file", "\(conf.path):tmemctl.conf",
                                                                   "--script", try script("install.sh", Self.install)])
        defer { if let d = b1.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
        try #require(b1.status == 0 && b1.stdout.contains("installed"), "boot 1: exit \(b1.status)\n\(b1.stdout)\n\(b1.console.suffix(4000))")
        try #require(trimmed(b1, "dpkg.status") == "0", "dpkg -i in the guest:\n\(text(b1, "dpkg.log"))")
        #expect(trimmed(b1, "dpkg-query").hasPrefix("install ok installed "), "\(text(b1, "dpkg-query"))")

        // Boot 2: the configuration is up with no other step.
        let b2 = try boot("2 (checks)", ["--persist", "--script", try script("check.sh", Self.check)])
        defer { if let d = b2.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
        try #require(b2.status == 0 && b2.stdout.contains("checked"), "boot 2: exit \(b2.status)\n\(b2.stdout)\n\(text(b2, "journal").suffix(8000))\n\(b2.console.suffix(4000))")
        check(trimmed(b2, "which") == "/usr/bin/tmemctl", "the tmemctl on PATH is \(text(b2, "which")), not the package's")
        check(lines(b2, "boot.swapon") == ["/dev/zram0 partition 100"], "swapon --show at boot: \(text(b2, "boot.swapon"))")
        // /proc/swaps: Filename Type Size Used Priority, under a header line.
        let swaps = lines(b2, "boot.swaps").dropFirst().map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
        check(swaps.count == 1 && swaps[0].first == "/dev/zram0" && swaps[0].last == "100", "/proc/swaps at boot: \(text(b2, "boot.swaps"))")
        check(lines(b2, "generated").contains("dev-zram0.swap") && lines(b2, "generated").contains("mnt-zram1.mount"),
              "the generator's units: \(lines(b2, "generated"))")
        check(trimmed(b2, "findmnt").split(separator: " ", omittingEmptySubsequences: true) == ["/dev/zram1", "ext4"], "findmnt /mnt/zram1: \(text(b2, "findmnt"))")
        check(trimmed(b2, "zram0.disksize") == "100663296" && trimmed(b2, "zram0.comp_algorithm").contains("[lz4]"),
              "zram0: disksize \(text(b2, "zram0.disksize")), algorithm \(text(b2, "zram0.comp_algorithm"))")
        check(trimmed(b2, "zram1.disksize") == "50331648" && trimmed(b2, "zram1.comp_algorithm").contains("[zstd]"),
              "zram1: disksize \(text(b2, "zram1.disksize")), algorithm \(text(b2, "zram1.comp_algorithm"))")
        check(trimmed(b2, "zswap.enabled") == "Y" && trimmed(b2, "zswap.compressor") == "deflate" && trimmed(b2, "zswap.max_pool_percent") == "17",
              "zswap: enabled \(text(b2, "zswap.enabled")) compressor \(text(b2, "zswap.compressor")) max_pool_percent \(text(b2, "zswap.max_pool_percent"))")
        check(trimmed(b2, "swappiness") == "150", "vm.swappiness \(text(b2, "swappiness"))")
        check(trimmed(b2, "apply-check.status") == "0", "tmemctl apply --check exited \(text(b2, "apply-check.status")): \(text(b2, "apply-check"))")
        check(trimmed(b2, "plan.status") == "0", "tmemctl plan --json exited \(text(b2, "plan.status")): \(text(b2, "plan.err"))")
        if let data = text(b2, "plan.json").data(using: .utf8), let plan = try? JSONDecoder().decode(PlanJSON.self, from: data) {
            check(plan.schema_version == 1 && !plan.changes && plan.actions.isEmpty && plan.devices.allSatisfy { $0.actions.isEmpty }
                  && plan.devices.map(\.name) == ["zram0", "zram1"], "tmemctl plan after boot: \(text(b2, "plan.json"))")
        } else {
            check(false, "tmemctl plan --json does not decode: \(text(b2, "plan.json")) \(text(b2, "plan.err"))")
        }
        check(trimmed(b2, "failed").isEmpty, "failed units: \(text(b2, "failed"))")
        let units = text(b2, "units")
        for unit in ["tmemctl-setup@zram0.service", "tmemctl-setup@zram1.service", "dev-zram0.swap", "mnt-zram1.mount", "tmemctl-zswap.service"] {
            // systemctl show: one block of NAME=VALUE lines per unit, blocks separated by an empty line.
            let block = units.components(separatedBy: "\n\n").map { Set($0.split(separator: "\n").map(String.init)) }
            check(block.contains { $0.contains("Id=\(unit)") && $0.contains("ActiveState=active") }, "\(unit) is not active: \(units)")
        }
        // Teardown by systemd.
        check(trimmed(b2, "stop.status") == "0", "systemctl stop tmemctl-setup@zram0 exited \(text(b2, "stop.status")): \(text(b2, "stop.out"))")
        check(lines(b2, "stopped.swaps").count == 1 && trimmed(b2, "stopped.swapon").isEmpty, "swap after the stop: \(text(b2, "stopped.swaps"))")
        check(!lines(b2, "stopped.blocks").contains("zram0") && lines(b2, "stopped.blocks").contains("zram1"), "devices after the stop: \(lines(b2, "stopped.blocks"))")
        check(trimmed(b2, "stopped.swap-unit") == "inactive", "dev-zram0.swap after the stop: \(text(b2, "stopped.swap-unit"))")
        // Re-added by a raw hot_add, set up through udev.
        check(trimmed(b2, "hot_add") == "0", "hot_add handed out \(text(b2, "hot_add")), not 0")
        check(trimmed(b2, "hot_add.wait") == "0" && lines(b2, "readded.swapon") == ["/dev/zram0 partition 100"],
              "zram0 after the hot_add (udev → tmemctl-setup@zram0): swapon \(text(b2, "readded.swapon")), /proc/swaps \(text(b2, "readded.swaps"))")
        check(trimmed(b2, "readded.setup-unit") == "active" && trimmed(b2, "readded.disksize") == "100663296",
              "re-added zram0: tmemctl-setup@zram0 \(text(b2, "readded.setup-unit")), disksize \(text(b2, "readded.disksize"))")
        check(trimmed(b2, "hot_add2") == "2" && trimmed(b2, "zram2.device-wait") == "0" && trimmed(b2, "zram2.disksize") == "0" && trimmed(b2, "zram2.setup-unit") == "inactive",
              "zram2 (not in the configuration): hot_add \(text(b2, "hot_add2")), disksize \(text(b2, "zram2.disksize")), unit \(text(b2, "zram2.setup-unit"))")
        check(trimmed(b2, "final-apply-check.status") == "0", "tmemctl apply --check after the re-add: \(text(b2, "final-apply-check"))")
        // A clean poweroff: the kernel's last line, and an ext4 root with nothing to recover.
        check(text(b2, "console.log").contains("reboot: Power down"), "no poweroff line on the console:\n\(text(b2, "console.log").suffix(3000))")
        let dump = try ToolProcess.run("dumpe2fs", ["-h", disk.path])
        let state = dump.stdout.split(separator: "\n").first { $0.hasPrefix("Filesystem state:") }.map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) }
        let features = dump.stdout.split(separator: "\n").first { $0.hasPrefix("Filesystem features:") } ?? ""
        check(state == "clean" && !features.contains("needs_recovery"), "root after poweroff: state \(state ?? "?"), \(features)")
        let fsck = try ToolProcess.run("e2fsck", ["-fn", disk.path])
        check(fsck.status == 0, "e2fsck -fn of the root after poweroff: exit \(fsck.status)\n\(fsck.output)")
        journalOnFailure(b2, "2")

        // Boot 3: systemd.zram=0 brings up no device.
        failures = 0
        let b3 = try boot("3 (systemd.zram=0)", ["--append", "systemd.zram=0", "--script", try script("disabled.sh", Self.disabled)])
        defer { if let d = b3.outputDirectory { try? FileManager.default.removeItem(at: d.deletingLastPathComponent()) } }
        try #require(b3.status == 0 && b3.stdout.contains("checked"), "boot 3: exit \(b3.status)\n\(b3.stdout)\n\(b3.console.suffix(4000))")
        check(trimmed(b3, "cmdline").split(separator: " ").contains("systemd.zram=0"), "kernel command line: \(text(b3, "cmdline"))")
        check(!lines(b3, "blocks").contains { $0.hasPrefix("zram") }, "zram devices with systemd.zram=0: \(lines(b3, "blocks"))")
        check(lines(b3, "swaps").count == 1, "swap with systemd.zram=0: \(text(b3, "swaps"))")
        check(!text(b3, "generated").contains("zram"), "units generated with systemd.zram=0: \(text(b3, "generated"))")
        check(trimmed(b3, "zswap.enabled") == "Y", "zswap with systemd.zram=0 (still applied): \(text(b3, "zswap.enabled"))")
        journalOnFailure(b3, "3")

        print("DebianBootGuestTests: \(String(format: "%.1f", Date().timeIntervalSince(suiteStart))) s wall")
    }
}
