import Foundation
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Pages the live exactness tests write to zram: real anonymous memory of a process the test starts, pages
/// of ELF shared libraries, text files, zero and other same-filled pages, random pages, synthetic edge cases and the built-in mix.
/// Built once per test run (the child process is the slow part) and shared by every algorithm's case.
struct RealPageSet: Sendable {
    struct Page: Sendable {
        let source: String
        let bytes: [UInt8]
    }

    let pages: [Page]

    var countsBySource: [String: Int] { pages.reduce(into: [:]) { $0[$1.source, default: 0] += 1 } }

    static let shared: Result<RealPageSet, HostError> = Result { () throws(HostError) in try build() }

    static func build() throws(HostError) -> RealPageSet {
        var pages: [Page] = []
        for p in try anonymousPagesOfAChild(maxPages: 700) { pages.append(Page(source: "anon", bytes: p)) }
        for p in filePages(matching: elfLibraries(), maxPages: 450, perFile: 12) { pages.append(Page(source: "elf", bytes: p)) }
        for p in textPages(maxPages: 250) { pages.append(Page(source: "text", bytes: p)) }
        for fill in sameFillWords() {
            let word = [UInt8](withUnsafeBytes(of: fill) { Array($0) })
            pages.append(Page(source: "same", bytes: Array((0..<512).map { _ in word }.joined())))
        }
        var rng = SplitMix64(seed: 0x11BE)
        for _ in 0..<100 {
            pages.append(Page(source: "random", bytes: (0..<pageSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        }
        for p in SyntheticPages.sparse(&rng, count: 40) { pages.append(Page(source: "sparse", bytes: p)) }
        for p in SyntheticPages.periodic(&rng) { pages.append(Page(source: "periodic", bytes: p)) }
        for p in SyntheticPages.lz4LateMatch(&rng, count: 8) { pages.append(Page(source: "lz4-late-match", bytes: p)) }
        let mix = BuiltinCorpus.generate(pages: 600, seed: 42)
        for i in 0..<mix.pageCount { pages.append(Page(source: "builtin", bytes: mix.page(i))) }
        // Interleave the sources so that neighbouring writes differ (a fixed shuffle).
        var order = SplitMix64(seed: 0x5EED)
        pages.shuffle(using: &order)
        return RealPageSet(pages: pages)
    }

    /// 40 zero pages and 40 pages of other repeating 8-byte words.
    static func sameFillWords() -> [UInt64] {
        var rng = SplitMix64(seed: 0xF111)
        return [UInt64](repeating: 0, count: 40)
            + [.max, 0x0101_0101_0101_0101, 0x8000_0000_0000_0000, 1] + (0..<36).map { _ in rng.next() }
    }

    /// Starts perl (part of every Debian system), lets it build a heap of hashes, arrays and strings, and
    /// reads its anonymous memory through /proc/PID/mem while it waits on stdin.
    static func anonymousPagesOfAChild(maxPages: Int) throws(HostError) -> [[UInt8]] {
        let script = """
            $| = 1; my %h; my @a; my $s = "";
            for my $i (1..60000) { $h{"key$i"} = { id => $i, name => "user" . ($i % 977), score => $i * 0.37 }; }
            @a = map { $_ * 3 } 1..200000;
            $s .= sprintf("%08x,", ($_ * 2654435761) % 4294967296) for 1..40000;
            print "ready\\n"; my $wait = <STDIN>;
            """
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        child.arguments = ["-e", script]
        let input = Pipe(), output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        do { try child.run() } catch {
            throw HostError(subject: "perl", action: "cannot start the heap-building child", path: "/usr/bin/perl")
        }
        defer {
            try? input.fileHandleForWriting.close()
            child.waitUntilExit()
        }
        let ready = output.fileHandleForReading.readData(ofLength: 6)
        guard String(decoding: ready, as: UTF8.self) == "ready\n" else {
            throw HostError(subject: "perl", action: "child did not get ready", path: "/usr/bin/perl")
        }
        let corpus = try ProcessMemory(pid: child.processIdentifier).capture(maxPages: maxPages)
        return (0..<corpus.pageCount).map { corpus.page($0) }
    }

    static func elfLibraries() -> [String] {
        let dir = "/usr/lib/x86_64-linux-gnu"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".so") }.sorted()
        // Every k-th library, so the sample spans the alphabet (libc, libstdc++, libz, ...).
        let k = max(1, names.count / 60)
        return stride(from: 0, to: names.count, by: k).map { "\(dir)/\(names[$0])" }
    }

    /// Up to perFile whole pages from each file, spread evenly over the file.
    static func filePages(matching paths: [String], maxPages: Int, perFile: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for path in paths where out.count < maxPages {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { continue }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let filePages = Int(st.st_size) / pageSize
            if filePages == 0 { continue }
            let take = min(perFile, filePages, maxPages - out.count)
            for j in 0..<take {
                var page = [UInt8](repeating: 0, count: pageSize)
                let offset = off_t((j * filePages / take) * pageSize)
                if page.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, pageSize, offset) }) == pageSize { out.append(page) }
            }
        }
        return out
    }

    /// License texts and C headers, concatenated in name order and cut into pages.
    static func textPages(maxPages: Int) -> [[UInt8]] {
        var text: [UInt8] = []
        for dir in ["/usr/share/common-licenses", "/usr/include"] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            for name in names where text.count < maxPages * pageSize {
                if let d = FileManager.default.contents(atPath: "\(dir)/\(name)") { text.append(contentsOf: d) }
            }
        }
        return stride(from: 0, to: min(text.count / pageSize, maxPages), by: 1).map {
            Array(text[$0 * pageSize ..< ($0 + 1) * pageSize])
        }
    }
}
