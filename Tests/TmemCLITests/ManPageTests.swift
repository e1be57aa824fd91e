import Foundation
import Testing
import TmemTestSupport

/// man/: the generated pages are what swift-argument-parser's generate-manual makes of the CLI now (a changed
/// option without `sh scripts/generate-manpages` fails here), generated against an empty root. Slow on a fresh
/// checkout, where it builds the generate-manual tool first (about a minute).
@Suite(.tags(.slow)) struct ManPageDriftTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let manDirectory = repo.appendingPathComponent("man")

    static func pages(_ suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: manDirectory.path).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The `date=` scripts/generate-manpages pins.
    static func pinnedDate() throws -> String {
        let script = try String(contentsOf: repo.appendingPathComponent("scripts/generate-manpages"), encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("date=") })
        return String(line.dropFirst("date=".count))
    }

    /// The generate-manual tool of the pinned swift-argument-parser: the one the plugin built (next to the debug
    /// tmemctl, as `generate-manual-tool`), else built here from the same checkout into its own scratch path.
    static let generateManual: Result<String, ToolFailure> = {
        if let dir = TmemctlRunner.binary?.deletingLastPathComponent() {
            let path = dir.appendingPathComponent("generate-manual-tool").path
            if FileManager.default.isExecutableFile(atPath: path) { return .success(path) }
        }
        let checkout = repo.appendingPathComponent(".build/checkouts/swift-argument-parser").path
        let scratch = repo.appendingPathComponent(".build-manual").path
        do {
            let r = try ToolProcess.run("swift", ["build", "--package-path", checkout, "--scratch-path", scratch,
                                                  "--product", "generate-manual"])
            guard r.status == 0 else { return .failure(ToolFailure(message: "building generate-manual: \(r.output)")) }
            return .success(scratch + "/debug/generate-manual")
        } catch {
            return .failure(ToolFailure(message: "building generate-manual: \(error)"))
        }
    }()

    struct ToolFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func read(_ dir: URL) throws -> [String: String] {
        var pages: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            pages[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return pages
    }

    /// scripts/generate-manpages, with the plugin's tool run directly (`GENERATE_MANUAL`), into a fresh directory.
    static func generate() throws -> [String: String] {
        let tool = try generateManual.get()
        let bin = try #require(TmemctlRunner.binary, "tmemctl not built").path
        let out = try FakeRoot()
        let r = try ToolProcess.run("sh", [repo.appendingPathComponent("scripts/generate-manpages").path, out.directory.path],
                                    environment: ["GENERATE_MANUAL": tool, "TMEMCTL": bin])
        #expect(r.status == 0, "\(r.output)")
        return try read(out.directory)
    }

    /// The tool alone on the built binary, with TMEMCTL_ROOT=root.
    static func generateRaw(root: URL) throws -> [String: String] {
        let tool = try generateManual.get()
        let bin = try #require(TmemctlRunner.binary, "tmemctl not built").path
        let out = try FakeRoot()
        let r = try ToolProcess.run(tool, [bin, "--multi-page", "--section", "8", "--date", try pinnedDate(),
                                           "--output-directory", out.directory.path],
                                    environment: ["TMEMCTL_ROOT": root.path])
        #expect(r.status == 0, "\(r.output)")
        return try read(out.directory)
    }

    @Test func committedPagesMatchTheCLI() throws {
        let generated = try Self.generate()
        #expect(generated["tmemctl.8"] != nil && generated["tmemctl.zram.add.8"] != nil, "\(generated.keys.sorted())")
        var committed: [String: String] = [:]
        for name in try Self.pages(".8") {
            committed[name] = try String(contentsOf: Self.manDirectory.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(Set(generated.keys) == Set(committed.keys), "man/ is stale (pages added or gone): run sh scripts/generate-manpages")
        for (name, text) in generated.sorted(by: { $0.key < $1.key }) {
            #expect(committed[name] == text, "man/\(name) is stale: run sh scripts/generate-manpages")
        }
    }

    /// The host cannot leak in: a root with zram devices gives the same pages as an empty one.
    @Test func thePagesDoNotDependOnTheRoot() throws {
        let empty = try FakeRoot()
        let host = try FakeHost.make(devices: [0, 1, 2])
        let a = try Self.generateRaw(root: empty.directory)
        let b = try Self.generateRaw(root: host.directory)
        #expect(!a.isEmpty && a == b)
    }

}

/// Every page in man/ (the hand-written tmemctl.conf.5 too) says what it is and renders without a warning.
@Suite struct ManPageRenderTests {
    static let manDirectory = ManPageDriftTests.manDirectory
    static func pages(_ suffix: String) throws -> [String] { try ManPageDriftTests.pages(suffix) }
    static func pinnedDate() throws -> String { try ManPageDriftTests.pinnedDate() }

    @Test func thePagesSaySection8AndThePinnedDate() throws {
        let date = try Self.pinnedDate()
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        let spelled = "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
        let main = try String(contentsOf: Self.manDirectory.appendingPathComponent("tmemctl.8"), encoding: .utf8)
        #expect(main.contains("\n.Dt TMEMCTL 8\n"), "\(main.prefix(300))")
        #expect(main.contains("\n.Dd \(spelled)\n") || main.contains("\n.Dd \(date)\n"), "\(main.prefix(300))")
    }

    /// `man --warnings -l` renders each page (groff's warnings on stderr), as an admin would read it.
    @Test func everyPageRendersWithoutWarnings() throws {
        let man = try #require(ToolProcess.which("man"), "man not installed (Debian package man-db; sh scripts/bootstrap)")
        let all = try Self.pages(".8") + Self.pages(".5")
        #expect(all.count > 2)
        for name in all {
            let r = try ToolProcess.run(man, ["--warnings", "-l", Self.manDirectory.appendingPathComponent(name).path],
                                        environment: ["MANWIDTH": "80", "MAN_KEEP_FORMATTING": "", "LC_ALL": "C.UTF-8", "MANPAGER": "cat", "PAGER": "cat"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(name): \(r.stderr)")
            #expect(r.stdout.count > 200, "\(name) renders empty")
        }
    }
}
