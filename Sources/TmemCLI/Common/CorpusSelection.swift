import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// `--corpus FILE | --builtin [--pages N] [--seed S]`, shared by verify, advise and bench: where the pages come
/// from. Without either, the built-in mix.
struct CorpusSelection: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A corpus file of raw 4 KiB pages (see `tmemctl corpus`).", valueName: "FILE"))
    var corpus: String?

    @Flag(name: .long, help: "Use the built-in page mix (the default when no corpus is given).")
    var builtin = false

    @Option(name: .long, help: ArgumentHelp("Pages of the built-in mix.", valueName: "N"))
    var pages: Int?

    @Option(name: .long, help: ArgumentHelp("Seed of the built-in mix.", valueName: "S"))
    var seed: UInt64?

    func validate() throws {
        if corpus != nil && builtin { throw ValidationError("give either --corpus FILE or --builtin, not both") }
        if corpus != nil && (pages != nil || seed != nil) {
            throw ValidationError("--pages and --seed apply to the built-in mix; drop them with --corpus")
        }
        if let n = pages { try BuiltinCorpusDefaults.validatePages(n) }
    }

    /// Loads the file or generates the mix; `defaultPages` is the mix's size when --pages is absent.
    func load(defaultPages: Int = BuiltinCorpusDefaults.pages) throws(HostError) -> (PageCorpus, VerifyReport.Corpus) {
        if let path = corpus {
            let c = try CorpusFile.load(path)
            return (c, VerifyReport.Corpus(path: path, pages: c.pageCount))
        }
        let n = pages ?? defaultPages
        let s = seed ?? BuiltinCorpusDefaults.seed
        return (BuiltinCorpus.generate(pages: n, seed: s), VerifyReport.Corpus(path: nil, pages: n, seed: s))
    }
}
