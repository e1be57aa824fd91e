import Foundation
import Testing
import TmemTestSupport

/// `make install` and `make uninstall` (the Makefile at the top): into a temporary DESTDIR, with the debug binary
/// (TMEMCTL_BIN) so no release build is needed here. The expected tree is written out below, not derived from the
/// Makefile; units and man pages are whatever systemd/ and man/ hold, each expected in its place.
@Suite struct MakeInstallTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(_ dir: String, _ suffixes: [String]) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repo.appendingPathComponent(dir).path)
            .filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
    }

    /// Every file under `root`, root-relative, with its permission bits (`symlink` for a symbolic link).
    static func tree(_ root: URL) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let fm = FileManager.default
        guard let walk = fm.enumerator(atPath: root.path) else { return out }
        for case let relative as String in walk {
            let attributes = try fm.attributesOfItem(atPath: root.appendingPathComponent(relative).path)
            let type = attributes[.type] as? FileAttributeType
            guard type != .typeDirectory else { continue }
            out["/" + relative] = type == .typeSymbolicLink ? symlink : (attributes[.posixPermissions] as? Int) ?? -1
        }
        return out
    }

    static let symlink = -1

    static func install(_ destdir: URL, _ extra: [String]) throws -> ToolProcess.Result {
        let bin = try #require(TmemctlRunner.binary, "tmemctl not built").path
        return try ToolProcess.run("make", ["-s", "-C", repo.path, "install", "DESTDIR=\(destdir.path)", "TMEMCTL_BIN=\(bin)"] + extra)
    }

    func expectedTree(prefix: String, zsh: String) throws -> [String: Int] {
        var files: [String: Int] = [
            "\(prefix)/bin/tmemctl": 0o755,
            "\(prefix)/lib/systemd/system-generators/tmemctl-generator": Self.symlink,
            "\(prefix)/share/bash-completion/completions/tmemctl": 0o644,
            "\(prefix)/share/zsh/\(zsh)/_tmemctl": 0o644,
            "\(prefix)/share/fish/vendor_completions.d/tmemctl.fish": 0o644,
            "\(prefix)/share/doc/tmemctl/tmemctl.conf.example": 0o644,
        ]
        for unit in try Self.sources("systemd", [".service", ".timer"]) { files["\(prefix)/lib/systemd/system/\(unit)"] = 0o644 }
        for rule in try Self.sources("udev", [".rules"]) { files["\(prefix)/lib/udev/rules.d/\(rule)"] = 0o644 }
        for page in try Self.sources("man", [".5"]) { files["\(prefix)/share/man/man5/\(page).gz"] = 0o644 }
        for page in try Self.sources("man", [".8"]) { files["\(prefix)/share/man/man8/\(page).gz"] = 0o644 }
        return files
    }

    @Test func installUnderUsrPutsEveryFileInPlaceWithItsMode() throws {
        let dest = try FakeRoot()
        let r = try Self.install(dest.directory, ["PREFIX=/usr"])
        #expect(r.status == 0, "\(r.output)")
        let tree = try Self.tree(dest.directory)
        let expected = try expectedTree(prefix: "/usr", zsh: "vendor-completions")
        #expect(tree == expected, "missing: \(expected.filter { tree[$0.key] != $0.value }.keys.sorted()), unexpected: \(tree.filter { expected[$0.key] != $0.value }.keys.sorted())")
        #expect(try Self.sources("man", [".8"]).contains("tmemctl.8"), "man/tmemctl.8 is missing: sh scripts/generate-manpages")
        #expect(try Self.sources("man", [".5"]) == ["tmemctl.conf.5"])

        // The binary's directory replaces @BINDIR@ everywhere.
        for (path, mode) in tree where !path.hasSuffix(".gz") && path != "/usr/bin/tmemctl" && mode != Self.symlink {
            let text = try String(contentsOf: dest.directory.appendingPathComponent(String(path.dropFirst())), encoding: .utf8)
            #expect(!text.contains("@BINDIR@"), "\(path) still says @BINDIR@")
        }
        // The generator is the binary itself, linked relatively (so it resolves inside DESTDIR and on the host).
        let generator = dest.directory.appendingPathComponent("usr/lib/systemd/system-generators/tmemctl-generator").path
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: generator) == "../../../bin/tmemctl")
        #expect(URL(fileURLWithPath: generator).resolvingSymlinksInPath().path
                == dest.directory.appendingPathComponent("usr/bin/tmemctl").resolvingSymlinksInPath().path)
        let setup = try dest.contents("usr/lib/systemd/system/tmemctl-setup@.service")
        #expect(setup.contains("\nExecStart=/usr/bin/tmemctl apply --device %i"))
        let metrics = try dest.contents("usr/lib/systemd/system/tmemctl-metrics.service")
        #expect(metrics.contains("\nExecStart=/usr/bin/tmemctl metrics --textfile /var/lib/prometheus/node-exporter\n"))

        // Completions and the example are the committed files, byte for byte, but for the #! line bash-completion
        // does not want (it sources the file).
        let bash = try String(contentsOf: Self.repo.appendingPathComponent("completions/tmemctl.bash"), encoding: .utf8)
        #expect(bash.hasPrefix("#!/bin/bash\n"))
        #expect(try dest.contents("usr/share/bash-completion/completions/tmemctl") == String(bash.dropFirst("#!/bin/bash\n".count)))
        for (installed, source) in [("usr/share/zsh/vendor-completions/_tmemctl", "completions/_tmemctl"),
                                    ("usr/share/fish/vendor_completions.d/tmemctl.fish", "completions/tmemctl.fish"),
                                    ("usr/share/doc/tmemctl/tmemctl.conf.example", "docs/tmemctl.conf.example")] {
            #expect(try Data(contentsOf: dest.directory.appendingPathComponent(installed))
                    == Data(contentsOf: Self.repo.appendingPathComponent(source)), "\(installed)")
        }
    }

    /// gzip -9n: the page unchanged inside, and no file name or time stamp in the header (RFC 1952: FLG bit 3 is
    /// FNAME, MTIME is bytes 4...7), so the package is reproducible.
    @Test func manPagesAreGzippedWithoutNameOrTime() throws {
        let dest = try FakeRoot()
        let r = try Self.install(dest.directory, ["PREFIX=/usr"])
        #expect(r.status == 0, "\(r.output)")
        for page in try Self.sources("man", [".5", ".8"]) {
            let section = page.hasSuffix(".5") ? "man5" : "man8"
            let gz = dest.directory.appendingPathComponent("usr/share/man/\(section)/\(page).gz")
            let bytes = [UInt8](try Data(contentsOf: gz))
            #expect(bytes.count > 10 && bytes[0] == 0x1f && bytes[1] == 0x8b, "\(page): not gzip")
            guard bytes.count > 10 else { continue }
            #expect(bytes[3] & 0x08 == 0, "\(page).gz holds a file name")
            #expect(bytes[4..<8].allSatisfy { $0 == 0 }, "\(page).gz holds a time stamp")
            let unzipped = try ToolProcess.run("gzip", ["-dc", gz.path])
            #expect(unzipped.stdout == (try String(contentsOf: Self.repo.appendingPathComponent("man/\(page)"), encoding: .utf8)), "\(page)")
        }
    }

    @Test func defaultPrefixIsUsrLocal() throws {
        let dest = try FakeRoot()
        let r = try Self.install(dest.directory, [])
        #expect(r.status == 0, "\(r.output)")
        let tree = try Self.tree(dest.directory)
        let expected = try expectedTree(prefix: "/usr/local", zsh: "site-functions")
        #expect(tree == expected, "missing: \(expected.filter { tree[$0.key] != $0.value }.keys.sorted()), unexpected: \(tree.filter { expected[$0.key] != $0.value }.keys.sorted())")
        let metrics = try dest.contents("usr/local/lib/systemd/system/tmemctl-metrics.service")
        #expect(metrics.contains("\nExecStart=/usr/local/bin/tmemctl metrics "))
    }

    /// uninstall takes back every file install put there and leaves files it did not install alone.
    @Test func uninstallRemovesExactlyWhatInstallPutThere() throws {
        let dest = try FakeRoot()
        let foreign = try dest.file("usr/lib/systemd/system/other.service", "[Service]\n")
        let r = try Self.install(dest.directory, ["PREFIX=/usr"])
        #expect(r.status == 0, "\(r.output)")
        let u = try ToolProcess.run("make", ["-s", "-C", Self.repo.path, "uninstall", "DESTDIR=\(dest.directory.path)", "PREFIX=/usr"])
        #expect(u.status == 0, "\(u.output)")
        #expect(try Self.tree(dest.directory) == ["/usr/lib/systemd/system/other.service": 0o644])
        #expect(FileManager.default.fileExists(atPath: foreign.path))
        #expect(!FileManager.default.fileExists(atPath: dest.directory.appendingPathComponent("usr/share/doc/tmemctl").path))
    }
}
