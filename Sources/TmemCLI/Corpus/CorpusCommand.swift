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

        @Flag(name: .long, help: "Replace FILE if it exists (it is replaced, never written through a symlink).")
        var force = false

        func execute() throws {
            // Generated a chunk at a time into the file: any size in the same memory.
            let pages = mix.pages ?? BuiltinCorpusDefaults.pages
            try CorpusFile.saveBuiltin(pages: pages, seed: mix.seedOrDefault, to: output, replaceExisting: force)
            print("wrote \(pages) pages (\(pages * pageSize) bytes) of the built-in mix (seed \(mix.seedOrDefault)) to \(output)")
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
            a compressor. Pages the process never touched read as zeros and keep their natural share. At most \
            --max-pages pages (default \(ProcessMemory.defaultCapturePages), limit \(PageCorpus.maxPages)) are sampled evenly over the mappings and \
            streamed to FILE, so a process that reserves far more than it uses (a JVM, Go or V8 heap) costs no \
            more memory than one page. Pages the kernel refuses to read (guard pages) are skipped and counted. \
            FILE holds another process's memory: it is created with mode 0600, never over an existing file \
            unless --force is given, and never through a symlink. A process that exits during the capture \
            fails the command (exit 1) with the number of pages kept. Reading another process's memory needs \
            root (ptrace access).

            Example:
              sudo tmemctl corpus capture --pid $(pidof myapp) -o myapp.pages --max-pages 65536
            """
        )

        @Option(name: .long, help: ArgumentHelp("The process to sample.", valueName: "PID"))
        var pid: Int32

        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "FILE"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("At most this many pages (default \(ProcessMemory.defaultCapturePages), at most \(PageCorpus.maxPages)).", valueName: "N"))
        var maxPages: Int?

        @Flag(name: .long, help: "Replace FILE if it exists (it is replaced, never written through a symlink).")
        var force = false

        @OptionGroup var rootOptions: RootOptions


        func validate() throws {
            if pid < 1 { throw ValidationError("--pid must be a process id (1 or more)") }
            if let n = maxPages, !PageCorpus.pageCountRange.contains(n) {
                throw ValidationError("--max-pages must be between 1 and \(PageCorpus.maxPages)")
            }
        }

        func execute() throws {
            let root = rootOptions.systemRoot
            if !root.isPrivileged {
                throw CommandFailure("reading \(ProcessMemory.memKernelPath(pid: pid)) needs root; run it with sudo")
            }
            let s = try CorpusFile.capture(ProcessMemory(pid: pid, root: root), maxPages: maxPages, to: output,
                                           replaceExisting: force)
            let skipped = s.pagesUnreadable == 0 ? "" : "; \(s.pagesUnreadable) unreadable pages (guard areas) skipped"
            let what = "\(s.pagesWritten) pages (\(s.pagesWritten * pageSize) bytes) of process \(pid)'s anonymous memory"
            if s.processExited {
                throw CommandFailure("process \(pid) exited during the capture: \(output) holds only \(what), of \(s.pagesWanted) wanted\(skipped)")
            }
            print("wrote \(what) to \(output) (sampled from \(s.pagesMapped) mapped pages\(skipped))")
        }
    }
}
