import Foundation
import Testing
import TmemTestSupport

/// The committed completion scripts, driven by the shells themselves, complete what the (fake) host has: the
/// algorithms its comp_algorithm lists and its zramN devices. The expected names are the fixture's, written here
/// by hand; nothing is taken from the code that answers.
@Suite struct HostCompletionTests {
    static var completions: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("completions")
    }

    /// zram0 and zram3 offering `lzo [lz4] zstd` (no lzo-rle, unlike any Debian kernel), zram3 with two secondaries
    /// (zstd at priority 1, lz4 at 2); loop0 beside them is not zram.
    static func fixture(algorithms: String = "lzo [lz4] zstd \n") throws -> FakeRoot {
        let f = try FakeRoot()
        for id in [0, 3] { try f.file("sys/block/zram\(id)/comp_algorithm", algorithms) }
        try f.file("sys/block/zram3/recomp_algorithm", "#1: lzo lz4 [zstd] \n#2: lzo [lz4] zstd \n")
        try f.file("sys/block/loop0/size", "0\n")
        try f.directory("sys/class/zram-control")
        return f
    }

    /// The directory holding the built binary, to put first on PATH: the scripts call `tmemctl ---completion ...`.
    static func binDirectory() throws -> String {
        try #require(TmemctlRunner.binary, "build tmemctl first").deletingLastPathComponent().path
    }

    /// Sources completions/tmemctl.bash in a clean bash, sets the completion variables as readline does for the
    /// line `words` (cursor at its end), calls the function `complete -p tmemctl` names and prints COMPREPLY.
    static func bashComplete(_ words: [String], root: String?) throws -> [String] {
        let bash = try #require(ToolProcess.which("bash"), "bash is not installed")
        let script = """
            source "$1"; shift
            spec=$(complete -p tmemctl) || exit 3
            fn=${spec##* -F }; fn=${fn%% *}
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
            COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            "$fn" tmemctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var env = ["PATH": try binDirectory() + ":/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        if let root { env["TMEMCTL_ROOT"] = root }
        let r = try ToolProcess.run(bash, ["--norc", "--noprofile", "-c", script, "bash",
                                           completions.appendingPathComponent("tmemctl.bash").path] + words,
                                    environment: env, replacingEnvironment: true)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(words): \(r.output)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesTheAlgorithmsThisKernelLists() throws {
        let f = try Self.fixture()
        let root = f.directory.path
        #expect(try Self.bashComplete(["tmemctl", "zram", "add", "--algorithm", ""], root: root) == ["lzo", "lz4", "zstd"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "add", "--size", "1G", "--algorithm", "l"], root: root) == ["lzo", "lz4"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "add", "--recompression-algorithm", "z"], root: root) == ["zstd"])
        // recompress names a configured secondary: zram3's, in priority order.
        #expect(try Self.bashComplete(["tmemctl", "zram", "recompress", "zram3", "--algorithm", ""], root: root) == ["zstd", "lz4"])
        // zram0 has no recomp_algorithm: the kernel's list.
        #expect(try Self.bashComplete(["tmemctl", "zram", "recompress", "zram0", "--algorithm", ""], root: root) == ["lzo", "lz4", "zstd"])
    }

    @Test func bashCompletesExistingDevices() throws {
        let f = try Self.fixture()
        let root = f.directory.path
        #expect(try Self.bashComplete(["tmemctl", "zram", "reset", ""], root: root) == ["zram0", "zram3"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "remove", "--force", "zram0", "z"], root: root) == ["zram0", "zram3"])
        #expect(try Self.bashComplete(["tmemctl", "status", "zr"], root: root) == ["zram0", "zram3"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "set", "/dev/z"], root: root) == ["/dev/zram0", "/dev/zram3"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "writeback", "zram3"], root: root) == ["zram3"])
        #expect(try Self.bashComplete(["tmemctl", "plan", "--device", ""], root: root) == ["zram0", "zram3"])
        #expect(try Self.bashComplete(["tmemctl", "apply", "--dry-run", "--device", "zram"], root: root) == ["zram0", "zram3"])
    }

    /// zswap's compressor: the compression algorithms /proc/crypto registers (not its hashes), for `zswap set` and
    /// `boot set`.
    @Test func bashCompletesRegisteredZswapCompressors() throws {
        let f = try FakeRoot()
        try f.file("proc/crypto", """
            name         : zstd
            driver       : zstd-scomp
            type         : scomp

            name         : crc32c
            driver       : crc32c-generic
            type         : shash

            name         : lz4
            driver       : lz4-generic
            type         : compression

            name         : deflate
            driver       : deflate-generic
            type         : acomp

            """)
        #expect(try Self.bashComplete(["tmemctl", "zswap", "set", "--compressor", ""], root: f.directory.path) == ["zstd", "lz4", "deflate"])
        #expect(try Self.bashComplete(["tmemctl", "boot", "set", "--zswap-compressor", "l"], root: f.directory.path) == ["lz4"])
    }

    /// `--root DIR` on the line being completed wins over TMEMCTL_ROOT, as it does when the command runs.
    @Test func bashFollowsTheRootOnTheCommandLine() throws {
        let a = try Self.fixture()
        let b = try FakeRoot()
        try b.file("sys/block/zram7/comp_algorithm", "[lzo-rle] lzo lz4 lz4hc 842 \n")
        #expect(try Self.bashComplete(["tmemctl", "zram", "add", "--root", b.directory.path, "--algorithm", ""],
                                      root: a.directory.path) == ["lzo-rle", "lzo", "lz4", "lz4hc", "842"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "reset", "--root=\(b.directory.path)", ""],
                                      root: a.directory.path) == ["zram7"])
        #expect(try Self.bashComplete(["tmemctl", "zram", "reset", ""], root: b.directory.path) == ["zram7"])
    }

    /// A host without zram devices has none to offer, and the algorithm list falls back to every name tmemctl knows
    /// (comp_algorithm cannot be read without a device; a completion never creates one).
    @Test func bashWithoutDevices() throws {
        let empty = try FakeRoot()
        #expect(try Self.bashComplete(["tmemctl", "zram", "reset", ""], root: empty.directory.path) == [])
        #expect(try Self.bashComplete(["tmemctl", "zram", "add", "--algorithm", ""], root: empty.directory.path)
                == ["lzo-rle", "lzo", "lz4", "lz4hc", "zstd", "deflate", "842"])
    }

    /// Types `line` and TAB into an interactive `shell` on a pseudo-terminal (util-linux script(1)) after `setup`,
    /// waits (at most 15 s) until the screen shows `until`, then clears the line and exits; returns what the
    /// terminal showed, escape sequences removed, split into screen segments. `complete -C` is no substitute:
    /// fish 3.6 gives the custom completion no cursor index there.
    static func typeTab(shell: [String], setup: String, line: String, until: String, root: String) throws -> [String] {
        let home = try FakeRoot()
        let screen = home.directory.appendingPathComponent("screen").path
        // The setup line ends by printing READY-GO (typed as READY%s -GO, so its echo does not match).
        let sh = #"""
            out=$3
            wait_for() { i=0; while [ $i -lt 150 ] && ! grep -aqF -- "$1" "$out" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; }
            ( printf '%s; printf "READY%%s\\n" -GO\r' "$1"; wait_for READY-GO
              printf '%s\t' "$2"; wait_for "$4"; sleep 0.3
              printf '\025exit\r'; sleep 1 ) | timeout 40 script -qfec "$0" /dev/null > "$out"
            """#
        let r = try ToolProcess.run("/bin/sh", ["-c", sh, shell.joined(separator: " "), setup, line, screen, until],
                                    environment: ["PATH": try binDirectory() + ":/usr/bin:/bin", "TMEMCTL_ROOT": root,
                                                  "HOME": home.directory.path, "TERM": "xterm"],
                                    replacingEnvironment: true)
        #expect(r.status == 0, "\(shell): \(r.output)")
        let shown = (try? String(contentsOfFile: screen, encoding: .utf8)) ?? ""
        let plain = shown.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]|\u{1B}\\][^\u{07}]*\u{07}|\u{1B}[()][A-Z0-9]",
                                               with: "", options: .regularExpression)
        return plain.split(whereSeparator: \.isNewline).map { String($0) }
    }

    /// fish, when installed (scripts/bootstrap installs it): its pager lists `NAME  (help)` per candidate.
    @Test func fishCompletesTheFixture() throws {
        guard ToolProcess.which("fish") != nil, ToolProcess.which("script") != nil else {
            print("HostCompletionTests: fish or script(1) is not installed, the fish test is skipped")
            return
        }
        let f = try Self.fixture()
        let setup = "source \(Self.completions.appendingPathComponent("tmemctl.fish").path)"
        // An option's candidates come one per line with its help; the positional's (no help) on one line.
        let line = "tmemctl zram add --algorithm "
        var screen = try Self.typeTab(shell: ["fish", "--no-config", "-i"], setup: setup, line: line, until: "zstd", root: f.directory.path)
        let names = screen.compactMap { seg in seg.firstMatch(of: /^(\S+) +\(.*\)$/).map { String($0.1) } }
        #expect(names == ["lzo", "lz4", "zstd"], "\(line): \(screen)")
        screen = try Self.typeTab(shell: ["fish", "--no-config", "-i"], setup: setup, line: "tmemctl zram reset zram",
                                  until: "zram3", root: f.directory.path)
        #expect(screen.map { $0.split(separator: " ").joined(separator: " ") }.contains("zram0 zram3"), "\(screen)")
    }

    /// zsh, when installed: compinit with completions/ on fpath; zsh lists the candidates on one line.
    @Test func zshCompletesTheFixture() throws {
        guard ToolProcess.which("zsh") != nil, ToolProcess.which("script") != nil else {
            print("HostCompletionTests: zsh or script(1) is not installed, the zsh test is skipped")
            return
        }
        let f = try Self.fixture()
        let setup = "fpath=(\(Self.completions.path) $fpath); autoload -U compinit; compinit -u -D"
        for (line, expected, last) in [("tmemctl zram add --algorithm ", "lzo lz4 zstd", "zstd"), ("tmemctl zram remove zram", "zram0 zram3", "zram3")] {
            let screen = try Self.typeTab(shell: ["zsh", "-f", "-i"], setup: setup, line: line, until: last, root: f.directory.path)
            #expect(screen.map { $0.split(separator: " ").joined(separator: " ") }.contains(expected), "\(line): \(screen)")
        }
    }
}
