import Testing
import TmemControl

@Suite struct ModprobeOptionsTests {
    @Test func readsOptionsForOneModule() {
        let text = "# comment\noptions zram num_devices=2\noptions lz4 x=1\noptions zram \\\n  num-devices=4 other=y\nblacklist zram\n"
        #expect(ModprobeOptions.options(for: "zram", in: text) == ["num_devices": "4", "other": "y"])
        #expect(ModprobeOptions.options(for: "zram", in: "#options zram num_devices=9\n") == [:])
    }

    let header = "# by tmemctl"

    @Test func createsReplacesAndRemoves() {
        let created = ModprobeOptions.editing("", module: "zram", param: "num_devices", value: "4", header: header)
        #expect(created == "# by tmemctl\noptions zram num_devices=4\n")
        let replaced = ModprobeOptions.editing("# by tmemctl\noptions zram other=1 num_devices=4\n", module: "zram",
                                               param: "num_devices", value: "2", header: header)
        #expect(replaced == "# by tmemctl\noptions zram other=1 num_devices=2\n")
        let kept = ModprobeOptions.editing("# by tmemctl\n\noptions zram other=1 num_devices=4\n", module: "zram",
                                           param: "num_devices", value: nil, header: header)
        #expect(kept == "# by tmemctl\n\noptions zram other=1\n")
        #expect(ModprobeOptions.editing("# by tmemctl\noptions zram num_devices=4\n", module: "zram",
                                        param: "num_devices", value: nil, header: header) == nil)
    }
}
