import Foundation
import Testing
import TmemTestSupport

/// `zram add --help` lists the algorithms of the kernel it runs on, read through the root (TMEMCTL_ROOT or
/// --root), and marks the known ones that kernel lacks "not in this kernel"; what the generators ask for
/// (--experimental-dump-help for the man pages, completion scripts) stays the same whatever the root.
/// Expected sentences are written out by hand from each fixture's comp_algorithm.
@Suite struct ZramAlgorithmHelpTests {
    static func kernel(_ compAlgorithm: String) throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("sys/block/zram0/comp_algorithm", compAlgorithm)
        try f.file("sys/block/loop0/size", "0\n")
        return f
    }

    /// Help as one line: argument-parser wraps at spaces, so collapsing whitespace restores the sentences.
    static func help(_ args: [String], root: FakeRoot?) throws -> String {
        let r = try TmemctlRunner.run(args, environment: root.map { ["TMEMCTL_ROOT": $0.directory.path] } ?? [:])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func twoKernelsGiveTwoHelpTexts() throws {
        let a = try Self.kernel("lzo [lz4] zstd \n")
        let b = try Self.kernel("[lzo-rle] lzo lz4 lz4hc 842 deflate \n")
        let helpA = try Self.help(["zram", "add", "--help"], root: a)
        let helpB = try Self.help(["zram", "add", "--help"], root: b)
        #expect(helpA.contains("--algorithm <ALG> Compression algorithm: lzo, lz4, zstd (this kernel); lzo-rle, lz4hc, deflate, 842 (not in this kernel)."), "\(helpA)")
        #expect(helpA.contains("(CONFIG_ZRAM_MULTI_COMP): lzo, lz4, zstd (this kernel); lzo-rle, lz4hc, deflate, 842 (not in this kernel)."), "\(helpA)")
        #expect(helpB.contains("--algorithm <ALG> Compression algorithm: lzo-rle, lzo, lz4, lz4hc, 842, deflate (this kernel); zstd (not in this kernel)."), "\(helpB)")
        // No static "(values: ...)" repeating every name unmarked.
        #expect(!helpA.contains("(values: lzo-rle"), "\(helpA)")
    }

    /// Every known name offered: nothing is marked.
    @Test func aKernelWithEveryAlgorithm() throws {
        let all = try Self.kernel("lzo lzo-rle [lz4] lz4hc zstd deflate 842 \n")
        let help = try Self.help(["zram", "add", "--help"], root: all)
        #expect(help.contains("Compression algorithm: lzo, lzo-rle, lz4, lz4hc, zstd, deflate, 842 (this kernel). --algorithm-params"), "\(help)")
        #expect(!help.contains("not in this kernel"))
    }

    /// `--root` on the command line is the root the help reads, over TMEMCTL_ROOT, in either spelling.
    @Test func theRootOptionWins() throws {
        let env = try Self.kernel("lzo [lz4] zstd \n")
        let opt = try Self.kernel("[lzo-rle] lzo \n")
        let want = "Compression algorithm: lzo-rle, lzo (this kernel); lz4, lz4hc, zstd, deflate, 842 (not in this kernel)."
        for args in [["zram", "add", "--root", opt.directory.path, "--help"], ["zram", "add", "--root=\(opt.directory.path)", "--help"]] {
            let help = try Self.help(args, root: env)
            #expect(help.contains(want), "\(args): \(help)")
        }
    }

    /// Without a zram device comp_algorithm cannot be read (help never creates a device): the text says so.
    @Test func noDeviceToAsk() throws {
        let help = try Self.help(["zram", "add", "--help"], root: try FakeRoot())
        #expect(help.contains("Compression algorithm: one of lzo-rle, lzo, lz4, lz4hc, zstd, deflate, 842 that this kernel offers (not known here: no zram device to read comp_algorithm from)."), "\(help)")
    }

    /// A value outside the known names is a usage error whose help line is this kernel's.
    @Test func aBadValueShowsThisKernelsList() throws {
        let a = try Self.kernel("lzo [lz4] zstd \n")
        let r = try TmemctlRunner.run(["zram", "add", "--size", "1G", "--algorithm", "lz5", "--dry-run"],
                                      environment: ["TMEMCTL_ROOT": a.directory.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("The value 'lz5' is invalid for '--algorithm <ALG>'"), "\(r.stderr)")
        #expect(r.stderr.contains("lzo, lz4, zstd (this kernel); lzo-rle, lz4hc, deflate, 842 (not in this kernel)"), "\(r.stderr)")
    }

    /// zswap's compressor help lists what /proc/crypto registers now; without it, the neutral pointer.
    @Test func zswapCompressorHelp() throws {
        let f = try FakeRoot()
        try f.file("proc/crypto", "name : 842\ntype : scomp\n\nname : sha256\ntype : shash\n\nname : lz4hc\ntype : acomp\n")
        let set = try Self.help(["zswap", "set", "--help"], root: f)
        #expect(set.contains("--compressor <NAME> zswap.compressor: a compressor from the crypto API; registered now (/proc/crypto): 842, lz4hc."), "\(set)")
        let boot = try Self.help(["boot", "set", "--help"], root: f)
        #expect(boot.contains("--zswap-compressor <NAME> zswap.compressor: a compressor from the crypto API; registered now (/proc/crypto): 842, lz4hc."), "\(boot)")
        let none = try Self.help(["zswap", "set", "--help"], root: try FakeRoot())
        #expect(none.contains("--compressor <NAME> zswap.compressor: a compressor from the crypto API (see /proc/crypto)."), "\(none)")
        let dump = try TmemctlRunner.run(["--experimental-dump-help"], environment: ["TMEMCTL_ROOT": f.directory.path])
        #expect(!dump.stdout.contains("registered now"))
    }

    /// What the man pages and completion scripts are made from does not see the kernel: the same for two
    /// kernels and for no zram at all, with the neutral sentence and no "(this kernel)".
    @Test func theGeneratorsSeeNoKernel() throws {
        let a = try Self.kernel("lzo [lz4] zstd \n")
        let b = try Self.kernel("[lzo-rle] lzo lz4 lz4hc 842 deflate \n")
        let empty = try FakeRoot()
        for args in [["--experimental-dump-help"], ["--generate-completion-script", "zsh"], ["--generate-completion-script", "fish"]] {
            let outputs = try [a, b, empty].map { try TmemctlRunner.run(args, environment: ["TMEMCTL_ROOT": $0.directory.path]).stdout }
            #expect(Set(outputs).count == 1, "\(args)")
            #expect(!outputs[0].contains("(this kernel)") && !outputs[0].contains("not known here"), "\(args)")
            #expect(outputs[0].contains("one of lzo-rle, lzo, lz4, lz4hc, zstd, deflate, 842 that the running kernel offers"), "\(args)")
        }
        let page = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("man/tmemctl.zram.add.8"), encoding: .utf8)
        #expect(page.contains("that the running kernel offers") && !page.contains("(this kernel)"))
    }
}
