import Foundation
import Testing
@testable import TmemCLI
import TmemControl
import TmemCore
import TmemHost
import TmemSimulation
import TmemTestSupport

/// The JSON policy, checked on what the built binary prints: every `--json` document is an object with
/// `"schema_version": 1` at the top, and every key is always present (null when unknown, never left out).
/// "Always present" is checked by running each command on inputs where different values are known (a fake
/// root with and without zswap, a corpus with and without same-filled pages, each simulate workload, a passing
/// and a failing verify): at every path of the document, every object must have the same keys, in every run and
/// in every element of an array.
@Suite(.serialized) struct JSONPolicyTests {
    /// Objects whose keys are data (parameter names as the kernel has them), not fields.
    static let dataMaps: Set<String> = [".parameters", ".zswap.parameters", ".configurations[].parameters",
                                        ".running_command_line.parameters", ".debugfs", ".zswap.debugfs"]

    struct Run {
        var args: [String]
        var status: Int32 = 0
    }

    /// path -> the key sets seen there.
    static func shapes(of value: Any, at path: String = "", into shapes: inout [String: Set<[String]>]) {
        if let object = value as? [String: Any] {
            if !dataMaps.contains(path) { shapes[path, default: []].insert(object.keys.sorted()) }
            for (k, v) in object { Self.shapes(of: v, at: path + "." + k, into: &shapes) }
        } else if let array = value as? [Any] {
            for v in array { Self.shapes(of: v, at: path + "[]", into: &shapes) }
        }
    }

    func check(_ name: String, _ runs: [Run]) throws {
        var seen: [String: Set<[String]>] = [:]
        for run in runs {
            let r = try TmemctlRunner.run(run.args)
            #expect(r.status == run.status, "\(run.args): \(r.stderr)")
            let document = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8), options: [.fragmentsAllowed])
            let object = try #require(document as? [String: Any], "\(run.args): the document is not an object")
            #expect(object["schema_version"] as? Int == 1, "\(run.args)")
            Self.shapes(of: object, into: &seen)
        }
        #expect(!seen.isEmpty)
        for (path, keySets) in seen.sorted(by: { $0.key < $1.key }) where keySets.count > 1 {
            let all = keySets.reduce(Set<String>()) { $0.union($1) }
            let missing = keySets.map { all.subtracting($0).sorted() }.filter { !$0.isEmpty }
            Issue.record("\(name) \(path.isEmpty ? "(top)" : path): keys left out in some objects: \(missing)")
        }
    }

    func statusRoots() throws -> [FakeRoot] {
        let rich = try StatusCommandTests().host()   // zram2 initialized and swap, zswap enabled in front of it
        try rich.file("sys/module/zswap/parameters/enabled", "Y\n")
        let sparse = try FakeRoot()   // no zram, no zswap, nothing readable
        try sparse.file("proc/meminfo", "MemTotal:       1024 kB\n")
        return [rich, try FakeHost.make(devices: [0]), sparse]
    }

    @Test func statusAndZswapShow() throws {
        let roots = try statusRoots()
        try check("status", roots.map { Run(args: ["status", "--json", "--root", $0.directory.path]) })
        try check("zswap show", roots.map { Run(args: ["zswap", "show", "--json", "--root", $0.directory.path]) })
    }

    @Test func moduleAndBoot() throws {
        let builtin = try FakeRoot()
        try builtin.file("proc/sys/kernel/osrelease", "6.18.44-test\n")
        try builtin.file("proc/cmdline", "console=ttyS0 zswap.enabled=Y\n")
        try builtin.file("sys/class/zram-control/hot_add", "1\n")
        let grub = try FakeHost.make()
        try grub.file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 zswap.enabled=Y\n")
        try grub.file("etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.compressor=lz4\"\nGRUB_CMDLINE_LINUX=\"\"\n")
        let bare = try FakeRoot()
        try check("module status", [builtin, bare].map { Run(args: ["module", "status", "--json", "--root", $0.directory.path]) }
                  + [Run(args: ["module", "status", "zram", "zsmalloc", "nosuchmodule", "--json", "--root", builtin.directory.path])])
        try check("module load", [Run(args: ["module", "load", "--dry-run", "--json", "--root", builtin.directory.path])])
        try check("boot show", [builtin, grub, bare].map { Run(args: ["boot", "show", "--json", "--root", $0.directory.path]) })
    }

    /// No configuration file; a valid one; one with a bad value (diagnostics with and without a line).
    @Test func configShow() throws {
        let none = try FakeRoot(), good = try FakeRoot(), bad = try FakeRoot()
        try good.file("etc/tmemctl/tmemctl.conf", "[zram0]\ncompression-algorithm = zstd\nzram-size = ram / 4\n")
        try bad.file("etc/tmemctl/tmemctl.conf", "[zram0]\nzram-size = -1 +\nswap-priority = 40000\n")
        try check("config show", [none, good, bad].map { Run(args: ["config", "show", "--json", "--root", $0.directory.path]) })
    }

    @Test func compressAndModel() throws {
        let f = try FakeRoot()
        let zeros = try f.file("zero.pages", String(repeating: "\0", count: 2 * 4096)).path
        try check("compress", [Run(args: ["compress", "-a", "lzo", "--builtin", "--pages", "64", "--json"]),
                               Run(args: ["compress", "-a", "lz4", "--corpus", zeros, "--json"])])
        try check("compress all", [Run(args: ["compress", "-a", "all", "--builtin", "--pages", "16", "--json"])])
        try check("model", [Run(args: ["model", "--builtin", "--pages", "64", "--chain-size", "8", "--json"]),
                            Run(args: ["model", "--corpus", zeros, "--kernel", "6.1", "--json"])])
    }

    @Test func adviseAndSimulate() throws {
        let f = try FakeHost.make(devices: [0])
        let zeros = try f.file("zero.pages", String(repeating: "\0", count: 4096)).path
        let trace = try f.file("events.trace", "swapon 0 64\nswapout 0 1 3\nswapin 0 1\nmount 1\nevict 1 7 0 5\nread 1 7 0\nread 1 7 1\n").path
        try check("advise", [Run(args: ["advise", "--builtin", "--pages", "256", "--json", "--root", f.directory.path]),
                             Run(args: ["advise", "--corpus", zeros, "--disksize", "1M", "--json", "--root", f.directory.path])])
        try check("simulate", [Run(args: ["simulate", "--workload", "usemem", "--memory", "2M", "--json"]),
                               Run(args: ["simulate", "--workload", "pagecache-zipf", "--memory", "2M", "--reads", "2000",
                                          "--mem-limit", "none", "--pool-mem-limit", "25%", "--json"]),
                               Run(args: ["simulate", "--workload", "trace", trace, "--memory", "2M", "--json"])])
    }

    /// A passing run and one whose scratch device cannot be removed (hot_remove is a directory).
    @Test func verifyAndBenchOnAFakeHost() throws {
        func host(removable: Bool) throws -> FakeRoot {
            let f = try FakeHost.make(devices: [0, 1], hotAdd: 1)
            try f.file("sys/block/zram1/mm_stat", "    4096        0        0        0        0        1        0        0        0\n")
            if !removable { try FakeHost.breakAttribute(f, "sys/class/zram-control/hot_remove") }
            return f
        }
        let good = try host(removable: true), bad = try host(removable: false)
        let zeros = try good.file("zero.pages", String(repeating: "\0", count: 4096)).path
        try check("verify", [Run(args: ["verify", "--root", good.directory.path, "--corpus", zeros, "--algorithm", "lzo", "--json"]),
                             Run(args: ["verify", "--root", bad.directory.path, "--corpus", zeros, "--algorithm", "lzo", "--json"],
                                 status: 1)])
        let benchHost = try host(removable: true), modelHost = try host(removable: true)
        try check("bench tmem", [Run(args: ["bench", "tmem", "--root", benchHost.directory.path, "--pages", "256",
                                            "--rounds", "1", "--algorithm", "lzo", "--json"])])
        try check("bench model", [Run(args: ["bench", "model", "--root", modelHost.directory.path, "--size", "64K",
                                             "--rounds", "1", "--algorithm", "lzo", "--json"])])
        try check("bench compress", [Run(args: ["bench", "compress", "--pages", "16", "--rounds", "1", "--json"])])
    }

    /// Runs `tmemctl status` and zramctl on the live system (read only); needs zramctl.
    @Test(.enabled(if: SystemProgram("zramctl") != nil)) func benchStartup() throws {
        try check("bench startup", [Run(args: ["bench", "startup", "--pairs", "2", "--json"])])
    }

    /// What JSONDocument adds to JSONEncoder's output: the schema_version, and null for what JSONEncoder left out.
    /// Everything JSONEncoder wrote is there unchanged (keys, numbers, strings, order of arrays).
    static func onlyNullsAdded(_ old: Any, _ new: Any, _ path: String = "") -> [String] {
        switch (old, new) {
        case (let o as [String: Any], let n as [String: Any]):
            var problems = o.keys.filter { n[$0] == nil }.map { "\(path).\($0): dropped" }
            for (k, v) in n {
                if let ov = o[k] { problems += onlyNullsAdded(ov, v, path + "." + k) } else if !(v is NSNull) {
                    problems.append("\(path).\(k): added, not null")
                }
            }
            return problems
        case (let o as [Any], let n as [Any]):
            guard o.count == n.count else { return ["\(path): \(o.count) elements became \(n.count)"] }
            return zip(o, n).enumerated().flatMap { onlyNullsAdded($0.element.0, $0.element.1, path + "[\($0.offset)]") }
        case (let o as NSObject, let n as NSObject):
            return o.isEqual(n) ? [] : ["\(path): \(o) became \(n)"]
        default:
            return ["\(path): \(old) became \(new)"]
        }
    }

    func expectOnlyNullsAdded<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let plain = JSONEncoder()
        plain.keyEncodingStrategy = .convertToSnakeCase
        let old = try JSONSerialization.jsonObject(with: plain.encode(value))
        var new = try #require(try JSONSerialization.jsonObject(with: Data(Output.json(value).utf8)) as? [String: Any])
        #expect(new.removeValue(forKey: "schema_version") as? Int == JSONDocument.schemaVersion, sourceLocation: sourceLocation)
        let problems = Self.onlyNullsAdded(old, new)
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    }

    @Test func theDocumentIsJSONEncodersOutputPlusTheVersionAndNulls() throws {
        let f = try statusRoots()[0]
        try expectOnlyNullsAdded(try HostStatus.gather(root: f.root))
        try expectOnlyNullsAdded(try HostStatus.zswap(root: try FakeRoot().root))
        try expectOnlyNullsAdded(try BootReport.read(root: f.root))
        let corpus = BuiltinCorpus.generate(pages: 64, seed: 1)
        try expectOnlyNullsAdded(try CompressionReport(corpus: corpus, algorithm: .lz4))
        try expectOnlyNullsAdded(ModelRun.run(corpus: corpus, info: .init(path: "x.pages", pages: 64), algorithms: [.lzo, .lz4],
                                              settings: .init(chainRule: .leastWaste(chainSize: 8))))
        var sim = TmemSimulator(workload: .pagecacheZipf, memory: 2 << 20, memlimit: nil, algorithm: .lzo, policy: .ours, corpus: corpus)
        sim.reads = 500
        try expectOnlyNullsAdded(try sim.run())
    }

    @Test func aDocumentIsAnObject() {
        #expect(throws: EncodingError.self) { _ = try Output.json([1, 2, 3]) }
    }
}
