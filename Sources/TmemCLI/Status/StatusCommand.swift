import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

struct StatusCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show zram devices, zswap and active swap.",
        discussion: """
        Prints a table of zram devices with zramctl's columns and more, then zswap's state (pool size against its \
        limit, stored pages, compression ratio) and the active swap areas. Warns when zswap is enabled in front \
        of zram swap, where it compresses every page before zram sees it.

        With devices named, or -o, --output-all, -n or --raw, only the table is printed, as zramctl prints it; \
        --all adds the zswap and swap sections back.

        Columns (-o, comma-separated; a leading + adds to the defaults; each column once):
        \(StatusColumn.helpTable)

        --json prints {"schema_version": 1, "zram": [...], "zswap": {...}, "swaps": [...], "warnings": [...]} with sizes in bytes and \
        the kernel's field names (mm_stat, io_stat, comp_algorithm, ...). Nothing on the host changes.

        Examples:
          tmemctl status
          tmemctl status zram1 -o NAME,DATA,COMPR,TOTAL,COMP-RATIO --bytes
          tmemctl status --json
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("zram devices to show (zramN or /dev/zramN); all when omitted.", valueName: "DEV"),
              completion: HostCompletion.zramDevices)
    var devices: [String] = []

    @OptionGroup var format: JSONOutputOption

    // zramctl's table options, with its meanings (util-linux zramctl(8)).
    @Option(name: [.short, .long], help: ArgumentHelp("Columns to show, e.g. NAME,DISKSIZE,DATA, or +HUGE to add to the defaults.", valueName: "LIST"),
            completion: .list(StatusColumn.allCases.map(\.rawValue)))
    var output: String?

    @Flag(help: "Show every column.")
    var outputAll = false

    @Flag(name: [.short, .long], help: "Print sizes in bytes.")
    var bytes = false

    @Flag(help: "Separate columns with single spaces and do not align them.")
    var raw = false

    @Flag(name: [.short, .long], help: "Do not print the header line.")
    var noheadings = false

    @Flag(help: "Print the zswap and swap sections too when -o, --output-all, -n or --raw ask for the table alone.")
    var all = false

    func validate() throws {
        if output != nil && outputAll { throw ValidationError("-o and --output-all both choose the columns; give one of them") }
        if let o = output { _ = try StatusColumn.parseList(o) }
        for d in devices where ZramDevice(name: d, root: rootOptions.systemRoot) == nil {
            throw ValidationError(ZramDevice.nameRefusal(d))
        }
    }

    func execute() throws {
        try View(root: rootOptions.systemRoot, devices: devices, json: format.json, output: output, outputAll: outputAll,
                 bytes: bytes, raw: raw, noheadings: noheadings, all: all).show()
    }

    /// What the options ask for, as plain values: `show()` runs without ArgumentParser, so that the start-up
    /// fast path below can use it.
    struct View {
        var root: SystemRoot
        var devices: [String] = []
        var json = false
        var output: String? = nil
        var outputAll = false, bytes = false, raw = false, noheadings = false, all = false

        func show() throws {
            let selected = devices.isEmpty ? nil : try ZramMaintenance(root: root).devices(devices)
            let report = try HostStatus.gather(root: root, devices: selected)
            for w in report.warnings { Output.diagnostic("warning: \(w)") }
            if json {
                try Output.printJSON(report)
                return
            }
            let columns = outputAll ? StatusColumn.allCases : try output.map { try StatusColumn.parseList($0) } ?? StatusColumn.defaults
            var table = TextTable(headers: columns.map(\.rawValue), alignments: columns.map(\.alignment))
            table.widthHints = columns.map(\.widthHint)
            table.rows = report.zram.map { d in columns.map { $0.value(d, bytes: bytes) } }
            if !report.zram.isEmpty || !noheadings { print(table.render(headings: !noheadings, raw: raw)) }
            // The zswap and swap summary is for people: the default view has it, and --all adds it to a table that
            // named devices, -o, --output-all, -n or --raw ask for alone (as zramctl prints only its table).
            let tableOnly = !devices.isEmpty || output != nil || outputAll || noheadings || raw
            if all || !tableOnly {
                print("")
                print(ZswapSummary.render(report.zswap, bytes: bytes))
                print("")
                if report.swaps.isEmpty {
                    print("swap: none active")
                } else {
                    for s in report.swaps {
                        print("swap: \(s.filename) \(s.type) size \(NumberFormat.zramctlSize(s.size, exact: bytes)) used \(NumberFormat.zramctlSize(s.used, exact: bytes)) priority \(s.priority)")
                    }
                }
            }
        }
    }

    /// `tmemctl status` and `tmemctl status --json` as scripts and udev run them: ArgumentParser's parse costs
    /// more than the whole status (it finds each option by reflection, a scan of every protocol conformance in
    /// the binary), so these two exact command lines skip it. Their options need no validation; a TMEMCTL_ROOT
    /// is checked as RootOptions checks it, and one that fails takes the normal path, which reports it. nil
    /// for any other command line.
    static func fastPath(_ arguments: [String]) -> View? {
        guard arguments == ["status"] || arguments == ["status", "--json"] else { return nil }
        var environment: [String: String] = [:]
        if let e = RootOptions.environmentRoot {
            if !e.isEmpty { guard (try? RootOptions.check(e, origin: "TMEMCTL_ROOT")) != nil else { return nil } }
            environment["TMEMCTL_ROOT"] = e
        }
        return View(root: SystemRoot.resolve(option: nil, environment: environment), json: arguments.count == 2)
    }
}
