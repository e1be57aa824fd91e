import ArgumentParser
import TmemControl
import TmemHost

struct ZswapSetCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change zswap parameters, each read back; optionally save the old values first.",
        discussion: """
        Parameters are written in a safe order: enabled=N first, pool parameters next, enabled=Y last (so zswap \
        starts with the compressor you chose). Values that are already set are not rewritten. If a write fails, \
        the parameters already changed are put back. A compressor must be registered in /proc/crypto.

        --save FILE writes every current parameter to FILE (JSON, mode 0600) before changing anything; \
        `tmemctl zswap restore FILE` puts them back. An existing FILE is refused unless --force is given, so \
        a second run cannot overwrite the original values. Concurrent runs of `zswap set` and `zswap restore` \
        take turns (a lock on zswap's parameters directory), so each records the values it really replaced.

        Examples:
          tmemctl zswap set --enabled Y --compressor lzo --max-pool-percent 25 --save /run/zswap.before
          tmemctl zswap set --shrinker-enabled Y --dry-run
        """
    )

    @OptionGroup var rootOptions: RootOptions

    typealias Options = ZswapParameterOptions<ZswapSetSpelling>
    @OptionGroup var parameters: Options

    @Option(help: ArgumentHelp("Save the current parameters to FILE before changing them.", valueName: "FILE"),
            completion: .file())
    var save: String?

    @Flag(help: "With --save: replace FILE if it exists.")
    var force = false

    @Flag(help: "Print the writes and change nothing (no file is saved either).")
    var dryRun = false

    var requested: [String: String] {
        Dictionary(uniqueKeysWithValues: parameters.requested.map { ($0.key.rawValue, $0.value) })
    }

    func validate() throws {
        if requested.isEmpty && save == nil {
            throw ValidationError("nothing to change: give \(Options.alternatives(Options.optionNames)) (or --save FILE)")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        // Read, save and write under one lock: a concurrent run would otherwise read values this run is
        // about to replace and save them as "previous".
        let lock = dryRun || !root.isDirectory(HostLock.zswapParameters) ? nil : try HostLock(directory: HostLock.zswapParameters, root: root)
        defer { withExtendedLifetime(lock) {} }
        let change = try ZswapChange(requested, root: root)
        if dryRun {
            if let s = save { print("save current zswap parameters to \(s)") }
            if change.writes.isEmpty { print("nothing to write: zswap already has these values") }
            for w in change.writes { print(w) }
            return
        }
        if let s = save { try ZswapSettings.current(root: root).save(to: s, replaceExisting: force) }
        try change.apply(root: root)
        if change.writes.isEmpty { print("zswap: nothing changed, it already has these values") }
        for w in change.writes { print("zswap \(w.parameter.rawValue): \(w.previous) -> \(w.value)") }
    }
}
