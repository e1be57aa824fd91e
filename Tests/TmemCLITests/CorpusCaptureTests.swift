import Foundation
import Glibc
import Testing
import TmemTestSupport

/// `tmemctl corpus capture` writes another process's memory: private, exclusive, streamed with bounded memory.
@Suite struct CorpusCaptureTests {
    /// A child that reserves 100 GiB with MAP_NORESERVE (as JVMs, Go and V8 do), touches 64 pages of it, and
    /// waits on stdin; it prints its pid once the mapping exists.
    final class HugeReservation {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var pid: Int32 { process.processIdentifier }

        init() throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", """
                import mmap, sys
                m = mmap.mmap(-1, 100 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x4000)
                for i in range(64): m[i * 4096 * 1000] = 0x41
                print("ready", flush=True)
                sys.stdin.read()
                """]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            _ = output.fileHandleForReading.availableData  // "ready"
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static var skipReason: String? {
        if geteuid() != 0 { return "corpus capture of another process needs root" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { return "no /usr/bin/python3 for the child process" }
        return nil
    }

    /// Peak RSS (KiB) of one tmemctl run, measured by a python parent whose only child it is.
    static func peakRSS(_ arguments: [String]) throws -> (status: Int32, kib: Int) {
        let exe = try #require(TmemctlRunner.binary)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """, exe.path] + arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 2, "\(text)")
        return (Int32(fields[0]), fields[1])
    }

    /// Capturing 2,000 or 100,000 pages (400 MiB) of a 100 GiB reservation costs the same memory: the pages
    /// stream to the file. (Loading them first cost the corpus size, and the whole reservation by default.)
    @Test func aHugeReservationIsStreamedWithBoundedMemoryToAPrivateFile() throws {
        if let reason = Self.skipReason { print("skipped: \(reason)"); return }
        let child = try HugeReservation()
        defer { child.stop() }
        let dir = try FakeRoot()
        let small = dir.directory.appendingPathComponent("small.pages").path
        let large = dir.directory.appendingPathComponent("large.pages").path
        let a = try Self.peakRSS(["corpus", "capture", "--pid", "\(child.pid)", "-o", small, "--max-pages", "2000"])
        let b = try Self.peakRSS(["corpus", "capture", "--pid", "\(child.pid)", "-o", large, "--max-pages", "100000"])
        #expect(a.status == 0 && b.status == 0)
        #expect(b.kib - a.kib < 16 * 1024, "peak RSS \(a.kib) KiB for 2,000 pages, \(b.kib) KiB for 100,000")
        var st = stat()
        #expect(stat(large, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(st.st_size == 100_000 * 4096)
        // Without --max-pages the default sample is taken, not the whole 100 GiB.
        let d = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(child.pid)", "-o", small, "--force"])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.stdout.contains("wrote 65536 pages"))
    }

    @Test func anExistingOutputIsRefusedWithoutForceAndAPlantedLinkIsNotFollowed() throws {
        if let reason = Self.skipReason { print("skipped: \(reason)"); return }
        let child = try HugeReservation()
        defer { child.stop() }
        let dir = try FakeRoot()
        let existing = try dir.file("old.pages", "keep me")
        let refused = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(child.pid)", "-o", existing.path, "--max-pages", "8"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(existing.path) && refused.stderr.contains("--force"))
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")

        let victim = try dir.file("victim", "precious")
        let link = dir.directory.appendingPathComponent("link.pages").path
        #expect(symlink(victim.path, link) == 0)
        let viaLink = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(child.pid)", "-o", link, "--max-pages", "8"])
        #expect(viaLink.status == 1)
        let forced = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(child.pid)", "-o", link, "--max-pages", "8", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && st.st_size == 8 * 4096)
    }

    /// Guard pages inside a writable mapping (MADV_GUARD_INSTALL, Linux 6.13+; glibc and allocators use them) read
    /// as EIO from /proc/PID/mem: they are skipped and counted, the capture still succeeds. The child guards 4 of
    /// its 16 pages and has fewer anonymous pages than the default sample, so every page is tried once.
    @Test func guardPagesAreSkippedAndCounted() throws {
        if let reason = Self.skipReason { print("skipped: \(reason)"); return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import mmap, sys
            m = mmap.mmap(-1, 16 * 4096, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
            for i in range(16): m[i * 4096] = 0x41
            try:
                m.madvise(102, 4 * 4096, 4 * 4096)  # MADV_GUARD_INSTALL
                print("ready", flush=True)
            except OSError:
                print("unsupported", flush=True)
            sys.stdin.read()
            """]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        defer { try? input.fileHandleForWriting.close(); p.waitUntilExit() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        if line.hasPrefix("unsupported") { print("skipped: this kernel has no MADV_GUARD_INSTALL"); return }
        #expect(line.hasPrefix("ready"))
        let dir = try FakeRoot()
        let out = dir.directory.appendingPathComponent("guarded.pages").path
        let r = try TmemctlRunner.run(["corpus", "capture", "--pid", "\(p.processIdentifier)", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("; 4 unreadable pages (guard areas) skipped)"), "\(r.stdout)")
        // "wrote W pages ... (sampled from M mapped pages; ...)": W = M - 4, and the file holds W pages.
        let numbers = r.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let written = try #require(numbers.first)
        let mapped = try #require(r.stdout.range(of: "sampled from ").flatMap { Int(r.stdout[$0.upperBound...].prefix { $0.isNumber }) })
        #expect(written == mapped - 4, "\(r.stdout)")
        var st = stat()
        #expect(stat(out, &st) == 0 && st.st_size == off_t(written * 4096))
    }

    @Test func builtinRefusesToOverwriteWithoutForce() throws {
        let dir = try FakeRoot()
        let existing = try dir.file("mix.pages", "keep me")
        let r = try TmemctlRunner.run(["corpus", "builtin", "-o", existing.path, "--pages", "4"])
        #expect(r.status == 1)
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
        let f = try TmemctlRunner.run(["corpus", "builtin", "-o", existing.path, "--pages", "4", "--force"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(try Data(contentsOf: existing).count == 4 * 4096)
    }
}
