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

    /// A file corpus is read on demand (no copy in memory), a chunk at a time, and holds the file's pages.
    @Test func aFileCorpusIsReadInChunksAndHoldsTheFilesPages() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("pages.bin").path
        let corpus = BuiltinCorpus.generate(pages: 600, seed: 8)
        try CorpusFile.save(corpus, to: path)
        let loaded = try CorpusFile.load(path)
        #expect(loaded.isFileBacked && loaded.memoryBase == nil && loaded.pageCount == 600)
        #expect(loaded == corpus)
        var chunks: [Range<Int>] = []
        loaded.forEachChunk { first, bytes in chunks.append(first..<(first + bytes.count / pageSize)) }
        #expect(chunks == [0..<256, 256..<512, 512..<600])
        #expect(loaded.page(599) == corpus.page(599) && loaded.page(0) == corpus.page(0))
        #expect(loaded.readFailure == nil)
        #expect(throws: Never.self) { try CorpusFile.checkRead(loaded) }
    }

    /// A file cut short after it was opened reads as zeros past its new end; that is kept and reported, so no
    /// command prints results computed from pages it did not read.
    @Test func aFileCutShortWhileItIsReadIsAnErrorNamingThePage() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("pages.bin").path
        try CorpusFile.save(BuiltinCorpus.generate(pages: 300, seed: 8), to: path)
        let loaded = try CorpusFile.load(path)
        #expect(truncate(path, off_t(100 * pageSize)) == 0)
        _ = ZramPrediction.mmStat(corpus: loaded, algorithm: .lzo, classTable: ZsmallocClassTable(chainSize: 8))
        #expect(loaded.readFailure?.page == 100 && loaded.readFailure?.errno == nil)
        #expect(loaded.withPage(150) { $0.allSatisfy { $0 == 0 } })
        let error = #expect(throws: HostError.self) { try CorpusFile.checkRead(loaded) }
        #expect(error?.description.contains("became shorter while it was read, at page 100: \(path)") == true)
    }
}
