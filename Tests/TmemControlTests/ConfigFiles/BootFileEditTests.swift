import Testing
import TmemControl

/// Edits of the kernel command line and of tmemctl's modprobe.d file: quoting, continuation lines, parameters
/// given more than once, removal, and idempotence. Expected texts are written out by hand from the kernel's
/// `next_arg`/`parameq` rules and modprobe.d(5).
@Suite struct BootFileEditTests {
    // MARK: kernel command line

    @Test func aQuotedValueIsOneParameterAndIsReplacedWhole() {
        let l = KernelCommandLine("ro dyndbg=\"file a.c +p\" quiet")
        #expect(l.value(of: "dyndbg") == "file a.c +p")
        #expect(l.setting("dyndbg", to: "-p").text == "ro dyndbg=-p quiet")
        #expect(l.removing("dyndbg").text == "ro quiet")
    }

    @Test func aParameterNameInsideAQuotedValueIsNotAParameter() {
        let l = KernelCommandLine("acpi_osi=\"zswap.enabled=1 x\" ro")
        #expect(l.value(of: "zswap.enabled") == nil)
        #expect(l.setting("zswap.enabled", to: "Y").text == "acpi_osi=\"zswap.enabled=1 x\" ro zswap.enabled=Y")
        #expect(l.removing("zswap.enabled").text == l.text)
    }

    @Test func everyOccurrenceCountsOnceWhateverItsSpelling() {
        // `-` and `_` are the same in a parameter name; the last occurrence is the one the kernel keeps.
        let l = KernelCommandLine("zswap.max_pool_percent=10 a zswap.max_pool_percent=20 b zswap.max-pool-percent=30")
        #expect(l.value(of: "zswap.max_pool_percent") == "30")
        #expect(l.setting("zswap.max_pool_percent", to: "25").text == "zswap.max_pool_percent=25 a b")
        #expect(l.removing("zswap.max_pool_percent").text == "a b")
        #expect(KernelCommandLine("zswap-enabled=1").value(of: "zswap.enabled") == nil, "only - and _ are equal, not .")
    }

    @Test func tabsAndTheTrailingNewlineStay() {
        let l = KernelCommandLine("quiet\tsplash\n")
        #expect(l.setting("zswap.enabled", to: "Y").text == "quiet\tsplash zswap.enabled=Y\n")
        #expect(KernelCommandLine("quiet\tzswap.enabled=1\tsplash\n").removing("zswap.enabled").text == "quiet\tsplash\n")
    }

    @Test func whatFollowsTheDoubleDashBelongsToInit() {
        let l = KernelCommandLine("quiet -- zswap.enabled=0")
        #expect(l.value(of: "zswap.enabled") == nil)
        #expect(l.removing("zswap.enabled").text == "quiet -- zswap.enabled=0")
    }

    @Test(arguments: ["", "quiet splash", "ro zswap.enabled=0 quiet", "zswap.enabled=1 x zswap.enabled=0\n", "a -- b"])
    func editsAreIdempotentAndRemovalUndoesAnAddition(_ text: String) {
        let l = KernelCommandLine(text)
        let set = l.setting("zswap.enabled", to: "Y")
        #expect(set.setting("zswap.enabled", to: "Y") == set)
        let removed = l.removing("zswap.enabled")
        #expect(removed.removing("zswap.enabled") == removed)
        #expect(set.value(of: "zswap.enabled") == "Y")
        #expect(removed.value(of: "zswap.enabled") == nil)
        if l.value(of: "zswap.enabled") == nil && !text.isEmpty {
            #expect(set.removing("zswap.enabled") == l)
        }
    }

    // MARK: modprobe.d

    @Test func continuationLinesAndLaterLinesWin() {
        let text = "options zram \\\n  num_devices=2 \\\n\tother=x\noptions\tzram\tnum_devices=3\noptions zsmalloc num_devices=9\n"
        #expect(ModprobeOptions.options(for: "zram", in: text) == ["num_devices": "3", "other": "x"])
        #expect(ModprobeOptions.options(for: "zsmalloc", in: text) == ["num_devices": "9"])
        #expect(ModprobeOptions.options(for: "zram", in: "  # options zram num_devices=1\nblacklist zram\n") == [:])
    }

    let header = "# written by tmemctl"

    @Test func aParameterOnTwoLinesEndsUpOnOneAndOtherModulesStay() {
        let text = "# written by tmemctl\noptions zram num_devices=2 a=1\noptions lz4 x=1\noptions zram num_devices=3\n"
        #expect(ModprobeOptions.editing(text, module: "zram", param: "num_devices", value: "5", header: header)
                == "# written by tmemctl\noptions zram a=1 num_devices=5\noptions lz4 x=1\n")
        #expect(ModprobeOptions.editing(text, module: "zram", param: "num_devices", value: nil, header: header)
                == "# written by tmemctl\noptions zram a=1\noptions lz4 x=1\n")
    }

    @Test func removingWhatIsAbsentChangesNothing() {
        let text = "# written by tmemctl\noptions zram a=1\n"
        #expect(ModprobeOptions.editing(text, module: "zram", param: "num_devices", value: nil, header: header) == text)
        #expect(ModprobeOptions.editing("", module: "zram", param: "num_devices", value: nil, header: header) == nil)
    }

    @Test(arguments: ["", "# written by tmemctl\noptions zram a=1\n", "options zram num_devices=1\n"])
    func modprobeEditsAreIdempotent(_ text: String) throws {
        let once = try #require(ModprobeOptions.editing(text, module: "zram", param: "num_devices", value: "4", header: header))
        #expect(ModprobeOptions.editing(once, module: "zram", param: "num_devices", value: "4", header: header) == once)
        #expect(ModprobeOptions.options(for: "zram", in: once)["num_devices"] == "4")
    }
}
