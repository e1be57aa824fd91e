import ArgumentParser
import TmemHost

/// How a command spells the zswap parameters: `zswap set --enabled`, `boot set --zswap-enabled` (beside its
/// `--zram-num-devices`). The options are declared once, in `ZswapParameterOptions`.
protocol ZswapOptionSpelling {
    /// Prefix of every long name: "" or "zswap-".
    static var prefix: String { get }
}

enum ZswapSetSpelling: ZswapOptionSpelling { static let prefix = "" }
enum BootSetSpelling: ZswapOptionSpelling { static let prefix = "zswap-" }

/// The zswap parameters `zswap set` writes now and `boot set` writes for the next boot: the same names, value
/// types, help and range checks for both.
struct ZswapParameterOptions<Spelling: ZswapOptionSpelling>: ParsableArguments {
    @Option(name: .customLong(Spelling.prefix + "enabled"),
            help: ArgumentHelp("zswap.enabled: turn zswap on or off (Y/N, yes/no, 1/0, on/off).", valueName: "BOOL"))
    var enabled: ZswapBool?

    @Option(name: .customLong(Spelling.prefix + "compressor"),
            help: ArgumentHelp(ZramAlgorithmHelp.compressorText("zswap.compressor: a compressor from the crypto API"), valueName: "NAME"),
            completion: HostCompletion.zswapCompressors)
    var compressor: String?

    @Option(name: .customLong(Spelling.prefix + "max-pool-percent"),
            help: ArgumentHelp("zswap.max_pool_percent: the largest pool, in percent of RAM (0...100).", valueName: "N"))
    var maxPoolPercent: Int?

    @Option(name: .customLong(Spelling.prefix + "accept-threshold-percent"),
            help: ArgumentHelp("zswap.accept_threshold_percent: after the pool filled, accept pages again below this percent of the limit (0...100).",
                               valueName: "N"))
    var acceptThresholdPercent: Int?

    @Option(name: .customLong(Spelling.prefix + "shrinker-enabled"),
            help: ArgumentHelp("zswap.shrinker_enabled: let the shrinker write cold pages back to swap (Y/N).", valueName: "BOOL"))
    var shrinkerEnabled: ZswapBool?

    /// The options as the command line spells them, for "nothing to set" messages.
    static var optionNames: [String] {
        ["enabled", "compressor", "max-pool-percent", "accept-threshold-percent", "shrinker-enabled"].map { "--" + Spelling.prefix + $0 }
    }

    /// "a, b or c", as the messages list what to give.
    static func alternatives(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// What was given, by zswap's sysfs name, values as they will be written (booleans as Y/N).
    var requested: [ZswapParameter: String] {
        var v: [ZswapParameter: String] = [:]
        v[.enabled] = enabled?.rawValue
        v[.compressor] = compressor
        v[.maxPoolPercent] = maxPoolPercent.map(String.init)
        v[.acceptThresholdPercent] = acceptThresholdPercent.map(String.init)
        v[.shrinkerEnabled] = shrinkerEnabled?.rawValue
        return v
    }

    func validate() throws {
        for (name, v) in [("max-pool-percent", maxPoolPercent), ("accept-threshold-percent", acceptThresholdPercent)] {
            if let v, !(0...100).contains(v) {
                throw ValidationError("--\(Spelling.prefix)\(name) is a percentage: give 0...100, not \(v)")
            }
        }
    }
}
