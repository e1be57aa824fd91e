import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

@Suite struct CorpusFileTests {
    @Test func saveThenLoadGivesTheSamePages() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("pages.bin").path
        let corpus = BuiltinCorpus.generate(pages: 5, seed: 2)
        try CorpusFile.save(corpus, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 5 * 4096)
        #expect(try CorpusFile.load(path) == corpus)
    }

    @Test func aShortLastPageIsAnErrorThatSaysSo() throws {
        let dir = try FakeRoot()
        let url = try dir.file("short.bin")
        try Data(repeating: 0x41, count: 4096 + 1000).write(to: url)
        do {
            _ = try CorpusFile.load(url.path)
            Issue.record("a 5096-byte file loaded as a corpus")
        } catch {
            #expect(error.description.hasPrefix("\(url.path): not a page corpus"))
            #expect(error.description.contains("last page is only 1000 bytes"))
        }
    }

    @Test func aMissingFileNamesTheErrno() {
        #expect(throws: HostError.self) { try CorpusFile.load("/nonexistent/tmemctl/corpus.bin") }
        do { _ = try CorpusFile.load("/nonexistent/tmemctl/corpus.bin") } catch {
            #expect(error.description.contains("No such file or directory"))
        }
    }
}
