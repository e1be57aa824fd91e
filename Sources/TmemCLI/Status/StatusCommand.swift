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
        let root = rootOptions.systemRoot
        let selected = devices.isEmpty ? nil : try ZramMaintenance(root: root).devices(devices)
        let report = try HostStatus.gather(root: root, devices: selected)
        for w in report.warnings { Output.diagnostic("warning: \(w)") }
        if format.json {
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
