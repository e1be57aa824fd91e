import Foundation
import Testing
import TmemControl

/// The boot-file code against the programs that really read and write these formats: `/bin/sh` sources the
/// GRUB defaults file (grub-mkconfig does the same), and GNU `diff -u` and `patch` are the reference for unified
/// diffs. Inputs are written here; the expected values come from running those programs on them.
@Suite struct BootFileOracleTests {
    /// Runs `executable` with `arguments`, returns stdout and the exit status.
    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> (String, Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    static func scratch() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-boot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// What a POSIX shell has in `name` after sourcing `text` (nil when the variable is unset).
    static func shellValue(_ text: String, _ name: String) throws -> String? {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        try Data(text.utf8).write(to: d.appendingPathComponent("grub"))
        let (out, status) = try run("/bin/sh", ["-c", ". ./grub; if [ \"${\(name)+set}\" = set ]; then printf 'set:%s' \"$\(name)\"; fi"], in: d)
        try #require(status == 0, "sh failed on \(text.debugDescription)")
        return out.hasPrefix("set:") ? String(out.dropFirst(4)) : nil
    }

    /// Files of the forms tmemctl reads; none runs a command when sourced.
    static let grubFiles = [
        "GRUB_CMDLINE_LINUX=\"quiet splash\"\n",
        "GRUB_CMDLINE_LINUX='ro  zswap.enabled=1' # two spaces kept\n",
        "export GRUB_CMDLINE_LINUX=quiet\n",
        "  GRUB_CMDLINE_LINUX=\"indented\"\n",
        "\tGRUB_CMDLINE_LINUX=\"after a tab\" # comment\n",
        "GRUB_CMDLINE_LINUX=\"first\"\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"second\"\n",
        "GRUB_CMDLINE_LINUX=\"\"\n",
        "GRUB_CMDLINE_LINUX=\n",
        "#GRUB_CMDLINE_LINUX=\"commented out\"\nGRUB_CMDLINE_LINUX=\"live\"\n#GRUB_CMDLINE_LINUX=\"also out\"\n",
        "GRUB_CMDLINE_LINUX_DEFAULT=\"the other variable\"\n",
        "GRUB_CMDLINE_LINUX_DEFAULT=\"d\"\nGRUB_CMDLINE_LINUX=\"l\"\n",
        "GRUB_CMDLINE_LINUX='single \"double\" inside'\n",
        "GRUB_CMDLINE_LINUX=\"it's\"\n",
        "GRUB_CMDLINE_LINUX=root=/dev/sda1\n",
        "GRUB_CMDLINE_LINUX=\"no newline at the end\"",
    ]

    @Test(arguments: grubFiles)
    func lookupAgreesWithTheShell(_ text: String) throws {
        let shell = try Self.shellValue(text, "GRUB_CMDLINE_LINUX")
        switch ShellVariableFile(text).lookup("GRUB_CMDLINE_LINUX") {
        case .assigned(let a): #expect(a.value == shell)
        case .missing: #expect(shell == nil)
        case .unparseable(let line, let reason): Issue.record("refused line \(line): \(reason); sh reads \(shell ?? "nothing")")
        }
    }

    /// After an edit the shell reads the new value, every other variable as before, and only one line changed
    /// (or one was added).
    @Test(arguments: grubFiles)
    func anEditIsWhatTheShellReadsAndTouchesOneLine(_ text: String) throws {
        let value = "quiet zswap.enabled=Y zram.num_devices=2"
        let edited = try #require(ShellVariableFile(text).assigning("GRUB_CMDLINE_LINUX", value))
        #expect(try Self.shellValue(edited, "GRUB_CMDLINE_LINUX") == value)
        for other in ["GRUB_CMDLINE_LINUX_DEFAULT", "GRUB_TIMEOUT"] {
            #expect(try Self.shellValue(edited, other) == Self.shellValue(text, other), "\(other)")
        }
        let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        let changed = zip(before, after).filter { $0 != $1 }.count
        #expect(changed + abs(after.count - before.count) <= 2, "\(edited.debugDescription)")
        // Idempotent: the same edit again changes nothing.
        #expect(ShellVariableFile(edited).assigning("GRUB_CMDLINE_LINUX", value) == edited)
    }

    @Test func valuesThatCannotBeWrittenInTheFilesQuotingAreRefused() {
        #expect(ShellVariableFile("GRUB_CMDLINE_LINUX='ro'\n").assigning("GRUB_CMDLINE_LINUX", "it's") == nil)
        #expect(ShellVariableFile("GRUB_CMDLINE_LINUX=\"ro\"\n").assigning("GRUB_CMDLINE_LINUX", "a\"b") == nil)
        #expect(ShellVariableFile("GRUB_CMDLINE_LINUX=\"ro\"\n").assigning("GRUB_CMDLINE_LINUX", "$(reboot)") == nil)
        #expect(ShellVariableFile("").assigning("GRUB_CMDLINE_LINUX", "a`b`") == nil)
    }

    /// Pairs of texts and GNU diff's view of them; distinct lines, so the alignment is unique.
    static let diffCases: [(String, String)] = {
        let base = (1...30).map { "line \($0)" }
        func text(_ l: [String]) -> String { l.map { $0 + "\n" }.joined() }
        var cases: [(String, String)] = []
        var changedFirst = base; changedFirst[0] = "LINE 1"
        cases.append((text(base), text(changedFirst)))
        var changedLast = base; changedLast[29] = "LINE 30"
        cases.append((text(base), text(changedLast)))
        var inserted = base; inserted.insert("new", at: 10)
        cases.append((text(base), text(inserted)))
        var deleted = base; deleted.removeSubrange(12...14)
        cases.append((text(base), text(deleted)))
        var near = base; near[5] = "x"; near[12] = "y"      // 6 lines between: the contexts join into one hunk
        cases.append((text(base), text(near)))
        var apart = base; apart[5] = "x"; apart[13] = "y"   // 7 lines between: two hunks
        cases.append((text(base), text(apart)))
        var both = base; both[2] = "x"; both.insert("added", at: 20); both.remove(at: 27)
        cases.append((text(base), text(both)))
        cases.append(("", text(["only"])))
        cases.append((text(["only"]), ""))
        cases.append((text(["a", "b"]), text(["c", "d"])))
        return cases
    }()

    @Test(arguments: 0..<diffCases.count)
    func diffIsGNUDiffAndPatchAppliesIt(_ i: Int) throws {
        let (old, new) = Self.diffCases[i]
        let d = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        try Data(old.utf8).write(to: d.appendingPathComponent("old"))
        try Data(new.utf8).write(to: d.appendingPathComponent("new"))
        let ours = UnifiedDiff.render(old: old, new: new, oldName: "a/grub", newName: "b/grub")
        let (gnu, status) = try Self.run("/usr/bin/diff", ["-u", "--label", "a/grub", "--label", "b/grub", "old", "new"], in: d)
        #expect(status == 1)
        #expect(ours == gnu)
        try Data(ours.utf8).write(to: d.appendingPathComponent("p.diff"))
        let (_, patched) = try Self.run("/usr/bin/patch", ["-s", "old", "p.diff"], in: d)
        #expect(patched == 0)
        #expect(try String(contentsOf: d.appendingPathComponent("old"), encoding: .utf8) == new)
    }
}
