import ArgumentParser
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Completions that ask the host when the user presses TAB: the generated scripts only call
/// `tmemctl ---completion ...` (argument-parser's custom completion), so they hold no algorithm or device name of
/// the machine that generated them. The root is the command line's `--root`, else TMEMCTL_ROOT, else `/`, so a
/// fixture tree answers as the live kernel would. Nothing here writes or creates a device (never hot_add).
enum HostCompletion {
    /// `--algorithm`, `--recompression-algorithm`: what comp_algorithm lists.
    static let zramAlgorithms = CompletionKind.custom { words, _, _ in
        ZramAlgorithmOffer.read(root: root(in: words)).completionNames
    }

    /// `zram recompress DEV --algorithm`: the secondaries configured on DEV (recomp_algorithm), else what the
    /// kernel lists.
    static let recompressionAlgorithms = CompletionKind.custom { words, index, _ in
        let root = root(in: words)
        let named = words.indices.lazy.filter { $0 != index && $0 > 0 }.compactMap { i -> ZramDevice? in
            ZramDevice(name: words[i], root: root).flatMap { $0.root.isDirectory($0.sysfsDir) ? $0 : nil }
        }.first
        if let d = named, let lists = try? d.recompressionAlgorithms() {
            let configured = lists.keys.sorted().compactMap { lists[$0]?.selected }
            if !configured.isEmpty { return configured }
        }
        return ZramAlgorithmOffer.read(root: root).completionNames
    }

    /// `zswap set --compressor`, `boot set --zswap-compressor`: the compressors the crypto API has registered
    /// (/proc/crypto), which is what `zswap set` accepts.
    static let zswapCompressors = CompletionKind.custom { words, _, _ in
        (try? ProcCrypto.compressors(root: root(in: words))) ?? []
    }

    /// Device arguments and `--device`: the zramN devices that exist, as `/dev/zramN` once the word starts with `/`.
    static let zramDevices = CompletionKind.custom { words, _, prefix in
        let devices = ZramControl(root: root(in: words)).devices()
        return prefix.hasPrefix("/") ? devices.map(\.kernelNodeName) : devices.map(\.name)
    }

    /// The root the completed command line would use: its `--root DIR` / `--root=DIR`, else TMEMCTL_ROOT.
    static func root(in words: [String]) -> SystemRoot {
        var option: String?
        var i = 1
        while i < words.count {
            let w = words[i]
            if w == "--" { break }
            if w == "--root", i + 1 < words.count {
                option = words[i + 1]
                i += 1
            } else if w.hasPrefix("--root=") {
                option = String(w.dropFirst("--root=".count))
            }
            i += 1
        }
        // The shell passes words as typed: undo the plain quoting and `~/` an admin would type.
        if var o = option {
            if o.count >= 2, let q = o.first, q == "'" || q == "\"", o.last == q { o = String(o.dropFirst().dropLast()) }
            if o.hasPrefix("~/"), let home = getenv("HOME") { o = String(cString: home) + o.dropFirst() }
            option = o
        }
        var env: [String: String] = [:]
        if let v = getenv("TMEMCTL_ROOT") { env["TMEMCTL_ROOT"] = String(cString: v) }
        return SystemRoot.resolve(option: option, environment: env)
    }
}

/// The zram algorithms this kernel offers, as comp_algorithm of an existing device lists them; nil when no device
/// can be read (zram not loaded, no device yet, or a fake root without zram). Only read, never created: asking
/// hot_add for a scratch device would change the host for a completion or a help text.
struct ZramAlgorithmOffer: Equatable, Sendable {
    let offered: [String]?

    static func read(root: SystemRoot) -> ZramAlgorithmOffer {
        for d in ZramControl(root: root).devices() where d.has(.compAlgorithm) {
            if let list = try? d.algorithms() { return ZramAlgorithmOffer(offered: list.available) }
        }
        return ZramAlgorithmOffer(offered: nil)
    }

    /// The kernel's names; every name tmemctl knows when the kernel cannot be asked.
    var completionNames: [String] { offered ?? ZramAlgorithmName.known }
}

/// The `--algorithm` help of this run: the names the running kernel offers and the known ones it lacks, marked
/// "not in this kernel". Argument-parser reads help text when it builds the command, before `--root` is parsed,
/// so the root is taken from the raw arguments (or TMEMCTL_ROOT) as the completions take it. Generated man pages
/// and completion scripts must not carry the generating host's kernel: when the binary is asked for them
/// (`--generate-completion-script`, `--experimental-dump-help`, a `---completion` query) the text is neutral.
enum ZramAlgorithmHelp {
    static let generatingArguments: Set<String> = ["--generate-completion-script", "--experimental-dump-help", "---completion"]

    enum Source: Equatable {
        case generating
        case kernel(ZramAlgorithmOffer)
    }

    static let isGenerating = CommandLine.arguments.dropFirst().contains { a in
        generatingArguments.contains { a == $0 || a.hasPrefix($0 + "=") }
    }

    static let current: Source = isGenerating ? .generating
        : .kernel(ZramAlgorithmOffer.read(root: HostCompletion.root(in: CommandLine.arguments)))

    /// /proc/crypto's compressors for this run; nil when generating or when it cannot be read.
    static let registeredCompressors: [String]? = isGenerating ? nil
        : try? ProcCrypto.compressors(root: HostCompletion.root(in: CommandLine.arguments))

    /// zswap's compressor help: what the crypto API has registered now (a module not loaded yet is not listed,
    /// and `zswap set` refuses it until it is loaded).
    static func compressorText(_ lead: String, registered: [String]? = registeredCompressors) -> String {
        guard let registered, !registered.isEmpty else { return "\(lead) (see /proc/crypto)." }
        return "\(lead); registered now (/proc/crypto): \(registered.joined(separator: ", "))."
    }

    /// `lead` followed by the algorithms as `source` has them.
    static func text(_ lead: String, source: Source = current) -> String {
        let known = ZramAlgorithmName.known
        switch source {
        case .generating:
            return "\(lead): one of \(known.joined(separator: ", ")) that the running kernel offers (--help on the host marks the others \"not in this kernel\")."
        case .kernel(let offer):
            guard let offered = offer.offered else {
                return "\(lead): one of \(known.joined(separator: ", ")) that this kernel offers (not known here: no zram device to read comp_algorithm from)."
            }
            let missing = known.filter { !offered.contains($0) }
            return "\(lead): \(offered.joined(separator: ", ")) (this kernel)"
                + (missing.isEmpty ? "." : "; \(missing.joined(separator: ", ")) (not in this kernel).")
        }
    }
}
