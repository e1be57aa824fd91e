import ArgumentParser
import TmemControl

struct BootShowCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show zswap and zram boot parameters: running, configured, and what the next boot changes.",
        discussion: """
        Reads /proc/cmdline, /etc/default/grub and then /etc/default/grub.d/*.cfg as grub-mkconfig sources them \
        (the last file assigning GRUB_CMDLINE_LINUX or GRUB_CMDLINE_LINUX_DEFAULT decides it; each is shown with \
        that file), \
        /etc/kernel/cmdline and the 'options zram' lines of /etc/modprobe.d/*.conf. For each parameter it prints \
        the running value (zswap's sysfs parameters), the value on this boot's command line, the value the next \
        boot will get, and whether they differ ('?' when that cannot be known, e.g. a kernel default).

        Examples:
          tmemctl boot show
          tmemctl boot show --json
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @OptionGroup var format: JSONOutputOption

    func execute() throws {
        let report = try BootReport.read(root: rootOptions.systemRoot)
        if format.json { try Output.printJSON(report) } else { print(render(report), terminator: "") }
    }

    func render(_ r: BootReport) -> String {
        var s = ""
        for c in [r.runningCommandLine] + r.configurations {
            if !c.exists { s += "\(c.kind): \(c.path) not found\n"; continue }
            let params = c.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            s += "\(c.kind): \(c.path)" + (params.isEmpty ? " (no zswap/zram parameters)" : ": \(params)")
            if let p = c.problem { s += " [not editable: \(p)]" }
            s += "\n"
            for v in c.variables ?? [] {
                let value = v.problem != nil ? "unknown" : v.value.map { "\"\($0)\"" } ?? "unset"
                s += "  \(v.name)=\(value)" + (v.decidedBy.map { " (decided by \($0))" } ?? "") + "\n"
            }
        }
        s += "zram module: \(r.zramModule.rawValue) (\(r.zramModuleEvidence))\n"
        s += "boot set --target auto writes: \(r.autoTarget?.rawValue ?? "nothing (give --target)")\n\n"
        let rows = [["PARAMETER", "RUNNING", "THIS BOOT", "NEXT BOOT", "DIFFERS"]] + r.parameters.map { p in
            [p.name, p.running ?? "-", p.currentBoot ?? "-", p.nextBoot ?? "-",
             p.differs.map { $0 ? "yes" : "no" } ?? "?"]
        }
        for line in TextTable(rows, rightAligned: [], separator: "  ").lines() { s += line + "\n" }
        for n in r.notes { s += "note: \(n)\n" }
        return s
    }
}
