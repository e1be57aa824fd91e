import Foundation
import Testing
import TmemTestSupport

/// `make deb`: the release binary (built once into .build-release, minutes on a fresh checkout) packaged with
/// dpkg-deb. The package is built once for the suite, into a temporary directory, and checked as Debian would:
/// Depends is exactly what dpkg-shlibdeps says of the packaged binary, the binary runs without any Swift
/// toolchain library, lintian finds no error, and the maintainer scripts never stop a unit.
@Suite(.tags(.slow)) struct DebPackageTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Built: Sendable {
        var deb: URL
        /// `dpkg-deb -x` of it.
        var tree: URL
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static let built: Result<Built, Failure> = {
        for tool in ["dpkg-deb", "dpkg-shlibdeps", "make", "strip"] where ToolProcess.which(tool) == nil {
            return .failure(Failure(description: "\(tool) not installed (sh scripts/bootstrap)"))
        }
        // Beside the release build it packages (gitignored), replaced on every run.
        let dir = repo.appendingPathComponent(".build-release/deb-test")
        do {
            try? FileManager.default.removeItem(at: dir)
            let r = try ToolProcess.run("make", ["-s", "-C", repo.path, "deb", "DEBDIR=\(dir.path)"])
            guard r.status == 0 else { return .failure(Failure(description: "make deb: \(r.output)")) }
            guard let path = r.stdout.split(separator: "\n").last, path.hasSuffix(".deb") else {
                return .failure(Failure(description: "make deb printed no package: \(r.output)"))
            }
            let deb = URL(fileURLWithPath: String(path), relativeTo: repo).standardizedFileURL
            let tree = dir.appendingPathComponent("tree")
            let x = try ToolProcess.run("dpkg-deb", ["-x", deb.path, tree.path])
            guard x.status == 0 else { return .failure(Failure(description: "dpkg-deb -x: \(x.output)")) }
            return .success(Built(deb: deb, tree: tree))
        } catch {
            return .failure(Failure(description: "make deb: \(error)"))
        }
    }()

    static func field(_ name: String, of deb: URL) throws -> String {
        let r = try ToolProcess.run("dpkg-deb", ["-f", deb.path, name])
        #expect(r.status == 0, "\(r.output)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func dependsIsWhatDpkgShlibdepsFindsInTheBinary() throws {
        let built = try Self.built.get()
        let depends = try Self.field("Depends", of: built.deb)
        // dpkg-shlibdeps run here, on the binary as packaged, in a source-tree layout of our own.
        let work = try FakeRoot()
        _ = try work.file("debian/control", "Source: t\n\nPackage: t\nArchitecture: any\n")
        try work.directory("debian/t/DEBIAN")
        try work.directory("debian/t/usr/bin")
        try FileManager.default.copyItem(at: built.tree.appendingPathComponent("usr/bin/tmemctl"),
                                         to: work.directory.appendingPathComponent("debian/t/usr/bin/tmemctl"))
        let r = try ToolProcess.run("dpkg-shlibdeps", ["-O", "debian/t/usr/bin/tmemctl"], in: work.directory)
        #expect(r.status == 0, "\(r.output)")
        let found = r.stdout.split(separator: "\n").first { $0.hasPrefix("shlibs:Depends=") }.map { String($0.dropFirst("shlibs:Depends=".count)) }
        // libkmod is opened at first use, not linked: dpkg-shlibdeps cannot see it, so it is added by name, with the
        // version libkmod2's symbols file (/var/lib/dpkg/info/libkmod2:amd64.symbols) gives kmod_new and the rest: 5~.
        #expect(found.map { !$0.contains("libkmod") } == true, "the binary links libkmod: \(found ?? r.output)")
        #expect(depends == found.map { $0 + ", libkmod2 (>= 5~)" }, "control: \(depends), dpkg-shlibdeps: \(found ?? r.output)")
        // The libraries tmemctl's C targets name (Package.swift), and libc: each appears, by its Debian package.
        let names = Set(depends.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0] })
        for package in ["libc6", "liblz4-1", "liblzo2-2", "zlib1g", "libzstd1", "libkmod2", "libudev1"] {
            #expect(names.contains(Substring(package)), "\(package) missing from Depends: \(depends)")
        }
        #expect(!depends.lowercased().contains("swift"))
        #expect(try Self.field("Conflicts", of: built.deb) == "systemd-zram-generator, zram-tools")
        #expect(try Self.field("Replaces", of: built.deb) == "systemd-zram-generator, zram-tools")
    }

    /// Only Debian's libraries are dynamic: every library ldd resolves belongs to an installed Debian package, none
    /// is a Swift runtime library, and the binary runs with an empty environment (no toolchain on PATH, empty
    /// LD_LIBRARY_PATH).
    @Test func theBinaryNeedsNoSwiftToolchain() throws {
        let built = try Self.built.get()
        let bin = built.tree.appendingPathComponent("usr/bin/tmemctl").path
        let ldd = try ToolProcess.run("ldd", [bin])
        #expect(ldd.status == 0, "\(ldd.output)")
        #expect(!ldd.stdout.lowercased().contains("swift") && !ldd.stdout.contains("not found"), "\(ldd.stdout)")
        let libraries = ldd.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let arrow = line.range(of: "=> ") else { return nil }
            return line[arrow.upperBound...].split(separator: " ").first.map(String.init)
        }
        #expect(libraries.count >= 7, "\(ldd.stdout)")
        for library in libraries {
            #expect(library.hasPrefix("/lib/") || library.hasPrefix("/usr/lib/"), "\(library)")
            let owner = try ToolProcess.run("dpkg-query", ["-S", URL(fileURLWithPath: library).resolvingSymlinksInPath().path])
            let viaLink = try ToolProcess.run("dpkg-query", ["-S", library])
            #expect(owner.status == 0 || viaLink.status == 0, "\(library) belongs to no Debian package: \(owner.output)")
        }
        let readelf = try ToolProcess.run("readelf", ["-d", bin])
        #expect(!readelf.stdout.contains("RPATH") && !readelf.stdout.contains("RUNPATH"), "\(readelf.stdout)")
        // libkmod (and with it libcrypto and liblzma) is not loaded at start-up: only the module commands open it.
        for lib in ["libkmod", "libcrypto", "liblzma"] {
            #expect(!ldd.stdout.contains(lib), "\(lib) is loaded by every run: \(ldd.stdout)")
        }

        let version = try ToolProcess.run(bin, ["--version"], environment: ["LD_LIBRARY_PATH": "", "PATH": "/usr/bin:/bin"],
                                          replacingEnvironment: true)
        #expect(version.status == 0, "\(version.output)")
        let debug = try TmemctlRunner.run(["--version"])
        #expect(version.stdout == debug.stdout && !version.stdout.isEmpty)
        #expect(try Self.field("Version", of: built.deb) == version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "-1")
        // Stripped: no symbol table left for lintian's unstripped-binary-or-object.
        let file = try ToolProcess.run("readelf", ["-S", bin])
        #expect(!file.stdout.contains(".symtab"), "the packaged binary is not stripped")
    }

    @Test func lintianFindsNoErrorAndNoOverrideIsShipped() throws {
        let lintian = try #require(ToolProcess.which("lintian"), "lintian not installed (sh scripts/bootstrap)")
        let built = try Self.built.get()
        let r = try ToolProcess.run(lintian, ["--fail-on", "error", "--tag-display-limit", "0", built.deb.path])
        let errors = r.stdout.split(separator: "\n").filter { $0.hasPrefix("E: ") }
        #expect(r.status == 0 && errors.isEmpty, "\(r.output)")
        #expect(!FileManager.default.fileExists(atPath: built.tree.appendingPathComponent("usr/share/lintian").path))
        for doc in ["copyright", "changelog.Debian.gz"] {
            #expect(FileManager.default.fileExists(atPath: built.tree.appendingPathComponent("usr/share/doc/tmemctl/\(doc)").path), "\(doc)")
        }
    }

    /// The maintainer scripts reload udev and systemd only where they run, and stop, restart or start nothing:
    /// stopping a tmemctl-setup@ unit would swap off a device that may be full.
    @Test func maintainerScriptsOnlyReload() throws {
        let built = try Self.built.get()
        let control = try FakeRoot()
        let e = try ToolProcess.run("dpkg-deb", ["-e", built.deb.path, control.directory.appendingPathComponent("DEBIAN").path])
        #expect(e.status == 0, "\(e.output)")
        let names = try FileManager.default.contentsOfDirectory(atPath: control.directory.appendingPathComponent("DEBIAN").path).sorted()
        #expect(names == ["control", "md5sums", "postinst", "postrm"])
        for script in ["postinst", "postrm"] {
            let text = try control.contents("DEBIAN/\(script)")
            let commands = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") }
            let systemctl = commands.filter { $0.contains("systemctl") }
            #expect(systemctl == ["systemctl daemon-reload || true"], "\(script): \(systemctl)")
            #expect(commands.contains("if [ -d /run/systemd/system ]; then"), "\(script)")
            #expect(commands.contains { $0.hasPrefix("udevadm control --reload-rules") }, "\(script)")
            for word in ["stop", "restart", "start", "swapoff", "deb-systemd-invoke", "invoke-rc.d"] {
                #expect(!commands.contains { $0.split(separator: " ").contains(Substring(word)) }, "\(script) runs \(word)")
            }
            // sh -n: the script parses.
            let n = try ToolProcess.run("sh", ["-n", control.directory.appendingPathComponent("DEBIAN/\(script)").path])
            #expect(n.status == 0, "\(script): \(n.output)")
        }
    }
}
