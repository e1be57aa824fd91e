import Foundation
import Testing
import TmemTestSupport

/// The committed shell completions are what the CLI generates now: a changed option without
/// `sh scripts/generate-completions` fails here. Generated as the script does, against an empty root, so the
/// build host's kernel cannot make the scripts differ from machine to machine.
@Suite struct CompletionsDriftTests {
    static let files = ["bash": "tmemctl.bash", "zsh": "_tmemctl", "fish": "tmemctl.fish"]

    static var completionsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("completions")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func committedCompletionsMatchTheCLI(_ shell: String) throws {
        let empty = try FakeRoot()
        let r = try TmemctlRunner.run(["--generate-completion-script", shell], environment: ["TMEMCTL_ROOT": empty.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = Self.completionsDirectory.appendingPathComponent(try #require(Self.files[shell]))
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(r.stdout == committed, "completions/\(Self.files[shell]!) is stale: run sh scripts/generate-completions")
    }

    /// The host cannot leak in: generating on the live root gives the same scripts as on an empty one.
    @Test func theScriptsDoNotDependOnTheRoot() throws {
        let empty = try FakeRoot()
        let host = try FakeHost.make(devices: [0, 1, 2])
        for shell in Self.files.keys {
            let a = try TmemctlRunner.run(["--generate-completion-script", shell], environment: ["TMEMCTL_ROOT": empty.directory.path])
            let b = try TmemctlRunner.run(["--generate-completion-script", shell], environment: ["TMEMCTL_ROOT": host.directory.path])
            #expect(a.stdout == b.stdout && !a.stdout.isEmpty, "\(shell)")
        }
    }

    /// Generated on a host whose kernel offers an algorithm no real kernel has and whose devices are zram5 and
    /// zram42, the scripts name neither: algorithm and device candidates come from the binary at TAB time (each
    /// script calls `tmemctl ---completion` for them).
    @Test func theScriptsHoldNoHostNames() throws {
        let host = try FakeHost.make(devices: [5, 42])
        for id in [5, 42] { try host.file("sys/block/zram\(id)/comp_algorithm", "lzo [zfixturealg] \n") }
        for (shell, file) in Self.files {
            let r = try TmemctlRunner.run(["--generate-completion-script", shell], environment: ["TMEMCTL_ROOT": host.directory.path])
            let committed = try String(contentsOf: Self.completionsDirectory.appendingPathComponent(file), encoding: .utf8)
            for text in [r.stdout, committed] {
                #expect(!text.contains("zfixturealg") && !text.contains("zram5") && !text.contains("zram42"), "\(shell)")
                #expect(text.contains("---completion zram add -- --algorithm"), "\(shell): --algorithm does not ask the binary")
                #expect(text.contains("---completion zram reset -- positional@0"), "\(shell): devices do not ask the binary")
            }
        }
    }
}
