import Testing
import TmemHost
import TmemTestSupport

@Suite struct MemoryCgroupV1Tests {
    @Test(arguments: ["", ".", "..", "a/b", "../memory", "x y"])
    func namesThatAreNotOneComponentAreRefused(_ name: String) {
        #expect(throws: HostError.self) { try MemoryCgroupV1(name: name, root: SystemRoot()) }
    }

    @Test func createWritesLimitAndRemoveOnAFakeHierarchy() throws {
        let f = try FakeRoot()
        try f.file("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n")
        let g = try MemoryCgroupV1(name: "tmemctl-test", root: f.root)
        try g.create()
        #expect(g.exists)
        let again = try #require(throws: HostError.self) { try g.create() }
        #expect(again.errno == .fileExists)
        try g.remove()
        #expect(!g.exists)
    }

    @Test func noHierarchyIsAnErrorThatSaysSo() throws {
        let f = try FakeRoot()
        let e = try #require(throws: HostError.self) { try MemoryCgroupV1(name: "g", root: f.root).create() }
        #expect(e.hint?.contains("cgroup v1 memory hierarchy") == true)
    }
}
