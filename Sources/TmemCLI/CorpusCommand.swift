import ArgumentParser
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Defaults of the built-in mix, shared by `corpus builtin` and `model --builtin`.
public enum BuiltinCorpusDefaults {
    /// 4096 pages = 16 MiB.
    public static let pages = 4096
    public static let seed: UInt64 = 1

    /// --pages of the built-in mix, the same bound for every command (exit 64 beyond it).
    public static func validatePages(_ n: Int) throws {
        guard PageCorpus.pageCountRange.contains(n) else {
            throw ValidationError("--pages must be between 1 and \(PageCorpus.maxPages) (16 GiB of 4 KiB pages), not \(n)")
        }
    }
}

/// `tmemctl corpus builtin|capture`: page corpora for `model`, `verify` and `advise`.
public struct CorpusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
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

    public init() {}

    public struct Builtin: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "builtin",
            abstract: "Write the deterministic built-in page mix.",
            discussion: """
            The mix imitates what zram receives: zero and other same-filled pages, text, source code, \
            arrays of records, pointer-rich heap, sparse and partly used pages, and incompressible data. \
            Page i depends only on the seed and i, so the same seed gives the same bytes on every machine, \
            and a shorter corpus is a prefix of a longer one.

            Example:
              tmemctl corpus builtin -o mix.pages --pages 16384
            """
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "FILE"))
        public var output: String

        @Option(name: .long, help: ArgumentHelp("Number of 4 KiB pages.", valueName: "N"))
        public var pages: Int = BuiltinCorpusDefaults.pages

        @Option(name: .long, help: ArgumentHelp("Seed of the mix.", valueName: "S"))
        public var seed: UInt64 = BuiltinCorpusDefaults.seed

        public init() {}

        public func validate() throws {
            try BuiltinCorpusDefaults.validatePages(pages)
        }

        public func run() throws {
            let corpus = BuiltinCorpus.generate(pages: pages, seed: seed)
            do { try CorpusFile.save(corpus, to: output) } catch {
                Output.diagnostic("tmemctl corpus builtin: \(error)")
                throw ExitCode.failure
            }
            print("wrote \(corpus.pageCount) pages (\(corpus.bytes.count) bytes) of the built-in mix (seed \(seed)) to \(output)")
        }
    }

    public struct Capture: ParsableCommand {
        public static let configuration = CommandConfiguration(
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
        public var pid: Int32

        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "FILE"))
        public var output: String

        @Option(name: .long, help: ArgumentHelp("At most this many pages.", valueName: "N"))
        public var maxPages: Int?

        @OptionGroup public var rootOptions: RootOptions

        public init() {}

        public func validate() throws {
            if pid < 1 { throw ValidationError("--pid must be a process id (1 or more)") }
            if let n = maxPages, n < 1 { throw ValidationError("--max-pages must be at least 1") }
        }

        public func run() throws {
            let root = rootOptions.systemRoot
            if root.isLive && geteuid() != 0 {
                Output.diagnostic("tmemctl corpus capture: reading /proc/\(pid)/mem needs root; run it with sudo")
                throw ExitCode.failure
            }
            do {
                let corpus = try ProcessMemory(pid: pid, root: root).capture(maxPages: maxPages)
                try CorpusFile.save(corpus, to: output)
                print("wrote \(corpus.pageCount) pages (\(corpus.bytes.count) bytes) of process \(pid)'s anonymous memory to \(output)")
            } catch {
                Output.diagnostic("tmemctl corpus capture: \(error)")
                throw ExitCode.failure
            }
        }
    }
}
