import Testing
import TmemControl

/// Command-line edits: expected lines written out by hand from the kernel's rules (`next_arg`, `parameq`).
@Suite struct KernelCommandLineTests {
    let debian = "BOOT_IMAGE=/vmlinuz-6.1.0-18-amd64 root=UUID=0b1c ro  quiet splash"

    @Test func readsParametersUpToTheDoubleDash() {
        let l = KernelCommandLine("ro zswap.enabled=1 dyndbg=\"file a.c +p\" zram.num-devices=3 -- zswap.enabled=0 init-arg")
        #expect(l.parameters.map(\.name) == ["ro", "zswap.enabled", "dyndbg", "zram.num-devices"])
        #expect(l.value(of: "dyndbg") == "file a.c +p")
        #expect(l.value(of: "zswap.enabled") == "1")
        #expect(l.value(of: "zram.num_devices") == "3")
        #expect(l.values(prefixes: ["zswap.", "zram."]) == ["zswap.enabled": "1", "zram.num_devices": "3"])
    }

    @Test func theLastOccurrenceIsTheOneThatCounts() {
        #expect(KernelCommandLine("zswap.enabled=0 quiet zswap.enabled=1").value(of: "zswap.enabled") == "1")
    }

    @Test func addingAppendsAndKeepsEveryOtherByte() {
        #expect(KernelCommandLine(debian).setting("zswap.enabled", to: "Y").text == debian + " zswap.enabled=Y")
        #expect(KernelCommandLine("").setting("zswap.enabled", to: "Y").text == "zswap.enabled=Y")
        #expect(KernelCommandLine("quiet\n").setting("zram.num_devices", to: "2").text == "quiet zram.num_devices=2\n")
        #expect(KernelCommandLine("quiet -- single").setting("zswap.enabled", to: "Y").text == "quiet zswap.enabled=Y -- single")
    }

    @Test func replacingKeepsThePlaceAndDropsDuplicates() {
        let l = KernelCommandLine("ro zswap.enabled=0  quiet\tzswap.enabled=1 splash")
        #expect(l.setting("zswap.enabled", to: "Y").text == "ro zswap.enabled=Y  quiet splash")
        let dashed = KernelCommandLine("zswap.max-pool-percent=10 ro")
        #expect(dashed.setting("zswap.max_pool_percent", to: "25").text == "zswap.max_pool_percent=25 ro")
    }

    @Test func removingTakesTheSeparatingSpaceWithIt() {
        #expect(KernelCommandLine("zswap.enabled=1 ro quiet").removing("zswap.enabled").text == "ro quiet")
        #expect(KernelCommandLine("ro zswap.enabled=1 quiet").removing("zswap.enabled").text == "ro quiet")
        #expect(KernelCommandLine("ro quiet zswap.enabled=1\n").removing("zswap.enabled").text == "ro quiet\n")
        #expect(KernelCommandLine("ro quiet").removing("zswap.enabled").text == "ro quiet")
        #expect(KernelCommandLine("zswap.enabledx=1 zswap.enabled").removing("zswap.enabled").text == "zswap.enabledx=1")
    }
}
