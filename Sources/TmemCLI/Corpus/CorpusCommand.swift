import ArgumentParser
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl corpus builtin|capture`: page corpora for `model`, `verify` and `advise`.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write page corpora: the built-in mix, or a live process's anonymous memory.",
        discussion: """
        A corpus file is raw 4 KiB pages, concatenated, with no header; `tmemctl model`, `verify` and \
        `advise` read it page by page.

        Examples:
          tmemctl corpus builtin -o mix.pages --pages 16384 --seed 7
          sudo tmemctl corpus capture --pid 1234 -o app.pages --max-pages 65536
        """,
        subcommands: [Builtin.self, Capture.self]
    )


    struct Builtin: TmemCommand {
        static let errorPrefix = "tmemctl corpus builtin"

        static let configuration = CommandConfiguration(
            commandName: "builtin",
            abstract: "Write the deterministic built-in page mix.",
            discussion: """
            The mix imitates what zram receives: zero and other same-filled pages, text, source code, \
            arrays of records, pointer-rich heap, sparse and partly used pages, and incompressible data. \
            Page i depends only on the seed and i, so the same seed gives the same bytes on every machine, \
            and a shorter corpus is a prefix of a longer one. Without --pages, \(BuiltinCorpusDefaults.pages) pages (16 MiB).

            Example:
              tmemctl corpus builtin -o mix.pages --pages 16384
            """
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "FILE"))
        var output: String

        @OptionGroup var mix: BuiltinMixOptions

        func execute() throws {
            let corpus = mix.generate(defaultPages: BuiltinCorpusDefaults.pages)
            try CorpusFile.save(corpus, to: output)
            print("wrote \(corpus.pageCount) pages (\(corpus.bytes.count) bytes) of the built-in mix (seed \(mix.seedOrDefault)) to \(output)")
        }
    }

    struct Capture: TmemCommand {
        static let errorPrefix = "tmemctl corpus capture"

        static let configuration = CommandConfiguration(
            commandName: "capture",
            abstract: "Write a live process's anonymous memory as a corpus (needs root).",
            discussion: """
            Reads the process's anonymous private mappings (heap, anonymous mmaps) through /proc/PID/maps \
            and /proc/PID/mem, page by page, as an administrator would sample a real workload before choosing \
            a compressor. Pages the process never touched read as zeros and keep their natural share. With \
            --max-pages, the first N pages in address order are taken. Reading another process's memory \
            needs root (ptrace access).

            Example:
              sudo tmemctl corpus capture --pid $(pidof myapp) -o myapp.pages --max-pages 65536
            """
        )

        @Option(name: .long, help: ArgumentHelp("The process to sample.", valueName: "PID"))
        var pid: Int32

        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "FILE"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("At most this many pages.", valueName: "N"))
        var maxPages: Int?

        @OptionGroup var rootOptions: RootOptions


        func validate() throws {
            if pid < 1 { throw ValidationError("--pid must be a process id (1 or more)") }
            if let n = maxPages, n < 1 { throw ValidationError("--max-pages must be at least 1") }
        }

        func execute() throws {
            let root = rootOptions.systemRoot
            if root.isLive && geteuid() != 0 {
                throw CommandFailure("reading /proc/\(pid)/mem needs root; run it with sudo")
            }
            let corpus = try ProcessMemory(pid: pid, root: root).capture(maxPages: maxPages)
            try CorpusFile.save(corpus, to: output)
            print("wrote \(corpus.pageCount) pages (\(corpus.bytes.count) bytes) of process \(pid)'s anonymous memory to \(output)")
        }
    }
}
