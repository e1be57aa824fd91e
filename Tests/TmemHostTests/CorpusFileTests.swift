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
            #expect(error.description.hasPrefix("corpus: not a page corpus: \(url.path) ("))
            #expect(error.description.contains("last page is only 1000 bytes"))
        }
    }

    /// Not regular files: /dev/zero never ends, a FIFO may never deliver. Refused at once, with a message.
    @Test func onlyARegularFileIsACorpus() throws {
        let dir = try FakeRoot()
        let fifo = dir.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in ["/dev/zero", fifo, dir.directory.path] {
            #expect {
                _ = try CorpusFile.load(path)
            } throws: { error in
                "\(error)".contains("not a page corpus") && "\(error)".contains("regular file")
            }
        }
    }

    /// One page past the 2^22-page bound (a sparse file: nothing is written): refused before reading.
    @Test func aFileBeyondTheBoundIsRefusedUnread() throws {
        let dir = try FakeRoot()
        let url = try dir.file("huge.bin")
        #expect(truncate(url.path, off_t((1 << 22) + 1) * 4096) == 0)
        #expect {
            _ = try CorpusFile.load(url.path)
        } throws: { error in
            "\(error)".contains("too large") && "\(error)".contains("4194304 pages")
        }
    }

    @Test func aMissingFileNamesTheErrno() {
        let error = #expect(throws: HostError.self) { try CorpusFile.load("/nonexistent/tmemctl/corpus.bin") }
        #expect(error?.description == "corpus: cannot open /nonexistent/tmemctl/corpus.bin: ENOENT")
    }
}
