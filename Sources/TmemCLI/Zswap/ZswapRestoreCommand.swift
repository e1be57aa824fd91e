import ArgumentParser
import TmemControl
import TmemHost

struct ZswapRestoreCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put zswap's parameters back from a file written by `zswap set --save`.",
        discussion: """
        Only parameters that differ are written, in the same safe order as `zswap set`. Parameters in the file \
        that this kernel does not have (a file from another kernel) are skipped with a warning.

        Example:
          tmemctl zswap restore /run/zswap.before
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("Settings file.", valueName: "FILE"), completion: .file())
    var file: String

    @Flag(help: "Print the writes and change nothing.")
    var dryRun = false

    func execute() throws {
        let root = rootOptions.systemRoot
        let settings = try ZswapSettings.load(from: file)
        let lock = dryRun || !root.isDirectory(HostLock.zswapParameters) ? nil : try HostLock(directory: HostLock.zswapParameters, root: root)  // the same lock as `zswap set`
        defer { withExtendedLifetime(lock) {} }
        let change = try ZswapChange(settings.zswap, root: root, ignoreAbsent: true)
        for s in change.skipped { Output.diagnostic("warning: this kernel has no zswap parameter \(s); skipped") }
        if dryRun {
            if change.writes.isEmpty { print("nothing to write: zswap already matches \(file)") }
            for w in change.writes { print(w) }
            return
        }
        try change.apply(root: root)
        if change.writes.isEmpty { print("zswap: nothing changed, it already matches \(file)") }
        for w in change.writes { print("zswap \(w.parameter.rawValue): \(w.previous) -> \(w.value)") }
    }
}
