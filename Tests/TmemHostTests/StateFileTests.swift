import Foundation
import Glibc
import Testing
import TmemHost
import TmemTestSupport

/// State under /run/tmemctl (apply records) and /var/lib/tmemctl (the tiering ledger): 0600, replaced by rename
/// from a temporary file whose name cannot be guessed (issue 10 item 3: `.NAME.tmp-PID` was predictable).
@Suite struct StateFileTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    /// Before, replace() removed whatever sat at `NAME.tmp-PID` and wrote there; now a file planted at that name
    /// is left alone, and nothing but the target is left behind.
    @Test func aFilePlantedAtThePidNameIsNeitherUsedNorRemoved() throws {
        let f = try FakeRoot()
        let state = StateFile(root: f.root, "var/lib/tmemctl/tiering/zram1.json")
        try state.replace("{\"day\": 1}\n")
        #expect(mode(state.path) == 0o600)
        let planted = try f.file("var/lib/tmemctl/tiering/zram1.json.tmp-\(getpid())", "planted\n")
        try state.replace("{\"day\": 2}\n")
        #expect(try state.read() == "{\"day\": 2}\n")
        #expect(mode(state.path) == 0o600)
        #expect(try String(contentsOf: planted, encoding: .utf8) == "planted\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: f.root.absolute("var/lib/tmemctl/tiering")).sorted()
        #expect(names == ["zram1.json", "zram1.json.tmp-\(getpid())"])
    }

    @Test func createRefusesAnExistingFile() throws {
        let f = try FakeRoot()
        let state = StateFile(root: f.root, "run/tmemctl/apply/saved.json")
        try state.create("first\n")
        #expect(throws: HostError.self) { try state.create("second\n") }
        #expect(try state.read() == "first\n")
    }
}
