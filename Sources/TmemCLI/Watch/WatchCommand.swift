import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemHost

/// `tmemctl watch`: a live view of zram, zswap and swap, like `vmstat 1`.
struct WatchCommand: TmemCommand {
    static let errorPrefix = "tmemctl watch"

    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show zram, zswap and swap activity per interval, live.",
        discussion: """
        Every --interval seconds prints, per zram device, pages stored, loaded and freed per second (the \
        block layer's write and read sectors / 8; freed is io_stat notify_free plus discarded sectors / 8), \
        the data stored and its compressed size, the compression ratio, and the memory used against \
        mem_limit; then zswap's stores, loads, writebacks (/proc/vmstat zswpout, zswpin, zswpwb) and rejects \
        (debugfs reject_* counters, only when debugfs is already mounted) per second, and swap in and out \
        per second (pswpin, pswpout). A rate shows '-' (null in JSON) when it cannot be known: a device that \
        appeared during the interval or was reset, or a counter this kernel does not have.

        A zram device appearing or disappearing is reported the moment the kernel announces it: tmemctl \
        listens to the kernel's own uevent broadcast (netlink, the "kernel" group), so no udevd is needed. \
        Where that socket cannot be opened (not root, a fake --root), changes show at the next sample. A \
        device removed while it is being read is reported as disappeared.

        --json prints one JSON object per line: {"type": "sample", ...} per interval and {"type": \
        "event", "action": "appeared"|"disappeared", "device": ..., "source": "uevent"|"listing"|"read"} \
        per change, each with "schema_version". Ctrl-C or SIGTERM ends the watch cleanly (exit status 0). \
        Nothing on the host changes.

        Examples:
          tmemctl watch
          tmemctl watch --interval 5 --count 12 --json
        """
    )

    @Option(name: .long, help: ArgumentHelp("Seconds between samples (0.1 to 3600).", valueName: "SECONDS"))
    var interval: Double = 1

    @Option(name: .long, help: ArgumentHelp("Stop after N samples (default: until Ctrl-C).", valueName: "N"))
    var count: Int?

    @Flag(name: .long, help: "Print one JSON object per line.")
    var json = false

    @OptionGroup var rootOptions: RootOptions

    func validate() throws {
        if !(0.1...3600).contains(interval) { throw ValidationError("--interval must be 0.1 to 3600 seconds") }
        if let c = count, c < 1 { throw ValidationError("--count must be at least 1") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        var uevents: KernelUeventSocket?
        if root.isLive {
            do { uevents = try KernelUeventSocket() } catch {
                Output.diagnostic("\(Self.errorPrefix): \(error); devices appearing or disappearing show at the next sample")
            }
        }
        var text = WatchText()
        Watcher.run(root: root, interval: interval, count: count, uevents: uevents, output: { record in
            if json {
                switch record {
                case .sample(let s): try? Output.printJSONLine(s)
                case .event(let e): try? Output.printJSONLine(e)
                }
            } else {
                text.render(record).forEach { print($0) }
            }
            fflush(nil)   // every line reaches a pipe at once, not when the buffer fills
        }, diagnostic: { Output.diagnostic("\(Self.errorPrefix): \($0)") })
    }
}
