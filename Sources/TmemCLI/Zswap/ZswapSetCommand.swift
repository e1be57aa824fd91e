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

        --save FILE writes every current parameter to FILE (JSON) before changing anything; \
        `tmemctl zswap restore FILE` puts them back.

        Examples:
          tmemctl zswap set --enabled Y --compressor lzo --max-pool-percent 25 --save /run/zswap.before
          tmemctl zswap set --shrinker-enabled Y --dry-run
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("Turn zswap on or off (Y/N, yes/no, 1/0, on/off).", valueName: "BOOL"))
    var enabled: ZswapBool?

    @Option(help: ArgumentHelp("Compressor from the crypto API (see /proc/crypto).", valueName: "NAME"))
    var compressor: String?

    @Option(help: ArgumentHelp("Largest pool, in percent of RAM (0...100).", valueName: "N"))
    var maxPoolPercent: Int?

    @Option(help: ArgumentHelp("After the pool filled, accept pages again below this percent of the limit (0...100).", valueName: "N"))
    var acceptThresholdPercent: Int?

    @Option(help: ArgumentHelp("Let the shrinker write cold pages back to swap (Y/N).", valueName: "BOOL"))
    var shrinkerEnabled: ZswapBool?

    @Option(help: ArgumentHelp("Save the current parameters to FILE before changing them.", valueName: "FILE"),
            completion: .file())
    var save: String?

    @Flag(help: "Print the writes and change nothing (no file is saved either).")
    var dryRun = false

    var requested: [String: String] {
        var v: [String: String] = [:]
        if let e = enabled { v[ZswapParameter.enabled.rawValue] = e.rawValue }
        if let c = compressor { v[ZswapParameter.compressor.rawValue] = c }
        if let m = maxPoolPercent { v[ZswapParameter.maxPoolPercent.rawValue] = "\(m)" }
        if let a = acceptThresholdPercent { v[ZswapParameter.acceptThresholdPercent.rawValue] = "\(a)" }
        if let s = shrinkerEnabled { v[ZswapParameter.shrinkerEnabled.rawValue] = s.rawValue }
        return v
    }

    func validate() throws {
        if requested.isEmpty && save == nil {
            throw ValidationError("nothing to change: give --enabled, --compressor, --max-pool-percent, --accept-threshold-percent or --shrinker-enabled (or --save FILE)")
        }
        for (name, v) in [("--max-pool-percent", maxPoolPercent), ("--accept-threshold-percent", acceptThresholdPercent)] {
            if let v, !(0...100).contains(v) { throw ValidationError("\(name) is a percentage: give 0...100, not \(v)") }
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let change = try ZswapChange(requested, root: root)
        if dryRun {
            if let s = save { print("save current zswap parameters to \(s)") }
            if change.writes.isEmpty { print("nothing to write: zswap already has these values") }
            for w in change.writes { print(w) }
            return
        }
        if let s = save { try ZswapSettings.current(root: root).save(to: s) }
        try change.apply(root: root)
        for w in change.writes { print("zswap \(w.parameter.rawValue): \(w.previous) -> \(w.value)") }
    }
}
