import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// `--corpus FILE`: a file of raw 4 KiB pages. Declared once; `CorpusSelection` embeds it, and `simulate` takes
/// it alone (its `--seed` is the workload's, so it cannot take the built-in mix's options).
struct CorpusFileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A corpus file of raw 4 KiB pages (see `tmemctl corpus`).", valueName: "FILE"),
            completion: .file())
    var corpus: String?
}

/// `--seed SEED` of the built-in page mix (page i depends only on the seed and i). `bench model`, which sizes
/// its mix with --size, takes it alone; `BuiltinMixOptions` embeds it.
struct BuiltinSeedOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Seed of the built-in mix (default \(BuiltinCorpusDefaults.seed)).", valueName: "SEED"))
    var seed: UInt64?

    var seedOrDefault: UInt64 { seed ?? BuiltinCorpusDefaults.seed }
}

/// `--pages N --seed SEED`: the size and seed of the built-in page mix. Each command supplies its own default
/// page count (said in its description); every --pages has the same bound (`PageCorpus.maxPages`).
struct BuiltinMixOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pages of the built-in mix.", valueName: "N"))
    var pages: Int?

    @OptionGroup var seedOption: BuiltinSeedOption

    func validate() throws {
        if let n = pages { try BuiltinCorpusDefaults.validatePages(n) }
    }

    var seed: UInt64? { seedOption.seed }
    var seedOrDefault: UInt64 { seedOption.seedOrDefault }

    func generate(defaultPages: Int) -> PageCorpus {
        BuiltinCorpus.generate(pages: pages ?? defaultPages, seed: seedOrDefault)
    }
}

/// `--corpus FILE | --builtin [--pages N] [--seed SEED]`: where a command's pages come from, the one way every
/// command that reads a corpus spells it. Without either, the built-in mix, unless the command requires a
/// choice (`requireChoice()`).
struct CorpusSelection: ParsableArguments {
    @OptionGroup var file: CorpusFileOption

    @Flag(name: .long, help: "Use the built-in page mix (see --pages and --seed).")
    var builtin = false

    @OptionGroup var mix: BuiltinMixOptions

    var corpus: String? { file.corpus }
    /// Something chose the pages: a file, the built-in mix, or the mix's size or seed.
    var isChosen: Bool { file.corpus != nil || builtin || mix.pages != nil || mix.seed != nil }

    func validate() throws {
        if corpus != nil && builtin { throw ValidationError("give either --corpus FILE or --builtin, not both") }
        if corpus != nil && (mix.pages != nil || mix.seed != nil) {
            throw ValidationError("--pages and --seed apply to the built-in mix; drop them with --corpus")
        }
    }

    /// For commands that do not default to the built-in mix.
    func requireChoice() throws {
        if corpus == nil && !builtin { throw ValidationError("give either --corpus FILE or --builtin") }
    }

    /// Loads the file or generates the mix; `defaultPages` is the mix's size when --pages is absent.
    func load(defaultPages: Int = BuiltinCorpusDefaults.pages) throws(HostError) -> (PageCorpus, CorpusDescription) {
        if let path = corpus {
            let c = try CorpusFile.load(path)
            return (c, CorpusDescription(path: path, pages: c.pageCount))
        }
        let n = mix.pages ?? defaultPages
        return (mix.generate(defaultPages: defaultPages), CorpusDescription(path: nil, pages: n, seed: mix.seedOrDefault))
    }
}
