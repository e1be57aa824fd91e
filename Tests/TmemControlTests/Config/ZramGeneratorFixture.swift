import Foundation
import TmemCore

/// A random host for the differential test: /proc/meminfo, /proc/cmdline, and zram-generator's files spread over
/// the main file and drop-ins of /usr/lib, /usr/local/lib, /etc and /run, with overrides, masks and noise.
struct ZramGeneratorFixture: CustomStringConvertible {
    var memTotalKB: UInt64
    var cmdline: String
    /// Root-relative path → contents; a nil content is a symbolic link to /dev/null.
    var files: [(path: String, text: String?)]
    var sectionCount: Int

    var description: String {
        "MemTotal \(memTotalKB) kB, cmdline '\(cmdline)'\n" + files.map { "--- \($0.path)\n\($0.text ?? "-> /dev/null")" }.joined(separator: "\n")
    }

    func write(to root: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("proc"), withIntermediateDirectories: true)
        try "MemTotal:       \(memTotalKB) kB\nMemFree:         1000 kB\n".write(to: root.appendingPathComponent("proc/meminfo"), atomically: false, encoding: .utf8)
        try (cmdline + "\n").write(to: root.appendingPathComponent("proc/cmdline"), atomically: false, encoding: .utf8)
        for f in files {
            let url = root.appendingPathComponent(f.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let text = f.text {
                try text.write(to: url, atomically: false, encoding: .utf8)
            } else {
                try fm.createSymbolicLink(atPath: url.path, withDestinationPath: "/dev/null")
            }
        }
    }

    static let dirs = ["usr/lib", "usr/local/lib", "etc", "run"]

    static func random(_ g: inout SplitMix64) -> ZramGeneratorFixture {
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &g)] }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &g) < p }
        // RAM from 256 MB to 2 TB, log-uniform, sometimes an exact number of MB.
        var kB = UInt64(exp(Double.random(in: log(262_144.0)...log(2_147_483_648.0), using: &g)))
        if chance(0.2) { kB = kB / 1024 * 1024 }
        let ram = kB / 1024
        let cmdline = pick(["", "", "", "quiet", "systemd.zram", "systemd.zram=0", "systemd.zram=1", "systemd.zram=no",
                            "systemd.zram=0 systemd.zram", "systemd.zram=yes systemd.zram=off", "systemd.zramx=0", "systemd.zram=maybe"])
        let indices = Array(Set((0..<Int.random(in: 1...4, using: &g)).map { _ in Int.random(in: 0...6, using: &g) })).sorted()
        // Each device's key lines, later spread over the files.
        var lines: [(section: String, line: String)] = []
        for i in indices {
            let s = "zram\(i)"
            lines.append((s, ""))
            if chance(0.8) { lines.append((s, "zram-size = \(SizeExpressionGenerator.expression(&g, ram: ram))")) }
            if chance(0.15) { lines.append((s, "zram-size = \(SizeExpressionGenerator.expression(&g, ram: ram))")) }
            if chance(0.3) {
                let limit = pick(["none", "\(ram)", "\(ram &- 1)", "\(ram + 1)", "+\(ram * 2)", "\(Int.random(in: 0...4096, using: &g))"])
                lines.append((s, "\(pick(["host-memory-limit", "memory-limit"])) = \(limit)"))
            }
            if chance(0.12) { lines.append((s, "zram-fraction = \(pick(["0.25", "0.5", "1", "1.5", ".3", "2e-1", "0", "+0.7", "1e30"]))")) }
            if chance(0.12) { lines.append((s, "max-zram-size = \(pick(["none", "1024", "4096", "0", "+300", "99999999"]))")) }
            if chance(0.4) { lines.append((s, "compression-algorithm = \(pick(["lzo", "lz4", "zstd", "lzo-rle", "842", "deflate", "lz4hc"]))")) }
            if chance(0.15) { lines.append((s, "writeback-device = \(pick(["/dev/sdb", "/dev/disk/by-partuuid/2d54ffa0-01", "//dev/./vdb/", "/dev/zvol/tank/wb"]))")) }
            let mount = chance(0.25)
            if mount {
                lines.append((s, "mount-point = \(pick(["/var/tmp", "/run/compressed", "/tmp//x/./y/", "/srv/z ram", "/"]))"))
                if chance(0.6) { lines.append((s, "fs-type = \(pick(["ext4", "ext2", "xfs", "btrfs", "vfat"]))")) }
            } else if chance(0.1) {
                lines.append((s, "fs-type = swap"))
            }
            if chance(0.4) { lines.append((s, "swap-priority = \(pick(["-1", "0", "100", "32767", "+5", "007", "\(Int.random(in: 0...32767, using: &g))"]))")) }
            if chance(0.3) { lines.append((s, "options = \(pick(["", "discard", "discard=once", "discard=pages", "noatime", "\"x-systemd.makefs\"", "pri=1,discard"]))")) }
            if chance(0.05) { lines.append((s, "no-such-key = 1")) }
        }
        // Errors zram-generator stops on (a few percent of the configurations).
        if chance(0.04), let i = indices.first { lines.append(("zram\(i)", "swap-priority = \(pick(["40000", "-2", "high"]))")) }
        if chance(0.03), let i = indices.first { lines.append(("zram\(i)", "mount-point = \(pick(["var/tmp", "/a/../b"]))")) }
        if chance(0.03), let i = indices.first { lines.append(("zram\(i)", "zram-size = \(pick(["ram -", "ram or 1", "1.2.3", "min(ram,", "-ram", "0 - 1", "(ram - ram) / 0"]))")) }
        if chance(0.03), let i = indices.first { lines.append(("zram\(i)", "host-memory-limit = \(pick(["-5", "1.5", "lots"]))")) }
        if chance(0.02), let i = indices.first { lines.append(("zram\(i)", "  # an indented comment")) }

        // Spread: the main file (in a random directory, sometimes another in a lower one that loses) and drop-ins.
        var files: [(path: String, text: String?)] = []
        var texts: [String: [String]] = [:]
        let main = pick(dirs)
        let mainPath = "\(main)/systemd/zram-generator.conf"
        if chance(0.2), let lower = dirs.firstIndex(of: main), lower > 0 {
            files.append(("\(dirs[Int.random(in: 0..<lower, using: &g)])/systemd/zram-generator.conf", "[zram9]\nzram-size = 1\n"))
        }
        let dropNames = ["10-a.conf", "20-b.conf", "30-c.conf", "zram-generator.conf"]
        var current: [String: String] = [:]   // section → file it is being written to
        for (section, line) in lines {
            if current[section] == nil || chance(0.3) {
                current[section] = chance(0.4) ? mainPath : "\(pick(dirs))/systemd/zram-generator.conf.d/\(pick(dropNames))"
            }
            let f = current[section]!
            var t = texts[f] ?? (chance(0.2) ? ["# generated", ""] : [])
            if t.last.map({ !$0.hasPrefix("[") }) ?? true, !(t.reversed().first { $0.hasPrefix("[") } == "[\(section)]") {
                t.append("[\(section)]")
            }
            if !line.isEmpty { t.append(line) }
            texts[f] = t
        }
        for (path, t) in texts.sorted(by: { $0.key < $1.key }) { files.append((path, t.joined(separator: "\n") + "\n")) }
        // Masks and overrides in a later directory, empty files, noise that must be ignored.
        if chance(0.25), let victim = files.first(where: { $0.path.contains(".conf.d/") }) {
            let name = (victim.path as NSString).lastPathComponent
            let later = dirs.firstIndex { victim.path.hasPrefix($0 + "/") }.map { Array(dirs[($0 + 1)...]) } ?? []
            if let d = later.randomElement(using: &g), !files.contains(where: { $0.path == "\(d)/systemd/zram-generator.conf.d/\(name)" }) {
                files.append(("\(d)/systemd/zram-generator.conf.d/\(name)", chance(0.5) ? nil : (chance(0.5) ? "" : "[zram5]\nzram-size = 7\n")))
            }
        }
        for (p, text) in [("etc/systemd/zram-generator.conf.d/.hidden.conf", "[zram6]\n"), ("etc/systemd/zram-generator.conf.d/notes.txt", "[zram6]\n"),
                          ("run/systemd/zram-generator.conf.d/40-other.conf", "[swap]\nzram-size = 1\n[zramfoo]\n")]
        where chance(0.1) && !files.contains(where: { $0.path == p }) {
            files.append((p, text))
        }
        return ZramGeneratorFixture(memTotalKB: kB, cmdline: cmdline, files: files, sectionCount: indices.count)
    }
}

/// Random size expressions in zram-generator 1.1.2's language, mostly non-negative so that most configurations
/// can be compared, with every operator and builtin it has.
enum SizeExpressionGenerator {
    static func expression(_ g: inout SplitMix64, ram: UInt64, depth: Int = 0) -> String {
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &g)] }
        if depth > 2 || Double.random(in: 0..<1, using: &g) < 0.3 {
            return pick(["ram", "ram", "ram", "\(Int.random(in: 0...8192, using: &g))", "\(Double(Int.random(in: 1...999, using: &g)) / 100)",
                         "1.5k", "2k", "512m", "0.004M", "\(ram)", "e()", "pi()", "[ram]", "(ram)"])
        }
        let a = expression(&g, ram: ram, depth: depth + 1)
        let b = expression(&g, ram: ram, depth: depth + 1)
        return pick([
            "\(a) + \(b)", "\(a) * \(b)", "\(a) / \(Int.random(in: 1...9, using: &g))", "\(a) - \(b)", "abs(\(a) - \(b))",
            "min(\(a), \(b))", "max(\(a), \(b), 1)", "min(\(a), 4096)", "\(a) % \(Int.random(in: 1...1000, using: &g))",
            "\(a) ^ 0.5", "2 ^ \(Int.random(in: 0...12, using: &g))", "floor(\(a))", "ceil(\(a) / 3)", "round(\(a))",
            "round(64, \(a))", "int(\(a) * 0.7)", "log(\(a) + 1)", "log(2, \(a) + 2)", "sign(\(a)) * \(b)",
            "(\(a) > \(b)) * \(a)", "(\(a) <= 4096) * \(b)", "(\(a) == \(a)) + \(b)", "(\(a) != 1) * 3",
            "\(a) && \(b)", "\(a) || \(b)", "!\(a) + \(b)", "abs(sin(\(a))) * 1000", "abs(cos(\(a))) * ram",
            "atan(\(a)) * 100", "sinh(\(a) % 5)", "acosh(\(a) + 1)", "asinh(\(a))", "tanh(\(a))", "abs(atanh(0.5)) * \(a)",
            "\(a) * 2 / 3", "\(a) / 3 * 2", "[\(a) - 1] * 0.25",
        ])
    }
}
