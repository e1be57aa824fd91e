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
}
