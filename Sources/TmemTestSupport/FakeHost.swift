import Foundation
import TmemHost

/// Fake roots shaped like the 6.18 host (docs/kernel-notes.md#test-host): zram devices with their attribute files,
/// zram-control, meminfo, zswap parameters.
public enum FakeHost {
    public static let memTotalKiB: UInt64 = 24_688_024   // 6,172,006 pages

    public static func make(devices: [Int] = [0], hotAdd: Int? = nil, extraAttributes: [String] = []) throws -> FakeRoot {
        let f = try FakeRoot()
        for id in devices { try device(f, id, extraAttributes: extraAttributes) }
        try f.file("sys/class/zram-control/hot_add", hotAdd.map { "\($0)\n" } ?? "")
        try f.file("sys/class/zram-control/hot_remove", "")
        try f.file("proc/meminfo", "MemTotal:       \(memTotalKiB) kB\nZswap:             2048 kB\nZswapped:          6144 kB\n")
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n")
        try f.file("proc/self/mountinfo", "22 27 0:21 / /proc rw,relatime - proc proc rw\n")
        try f.file("sys/devices/system/cpu/online", "0-1\n")
        let z = "sys/module/zswap/parameters/"
        for (k, v) in ["enabled": "N", "compressor": "lzo", "max_pool_percent": "20", "accept_threshold_percent": "90",
                       "shrinker_enabled": "N"] { try f.file(z + k, v + "\n") }
        try f.file("proc/crypto", "name         : lzo-rle\ndriver       : lzo-rle-scomp\ntype         : scomp\n\nname         : lzo\ndriver       : lzo-scomp\ntype         : scomp\n\nname         : crc32c\ntype         : shash\n")
        try f.file("proc/vmstat", "zswpin 1\nzswpout 2\nzswpwb 0\n")
        return f
    }

    public static func device(_ f: FakeRoot, _ id: Int, extraAttributes: [String] = []) throws {
        let d = "sys/block/zram\(id)/"
        let files: [String: String] = [
            "disksize": "0\n", "initstate": "0\n", "comp_algorithm": "[lzo-rle] lzo lz4 \n", "reset": "", "compact": "",
            "mem_limit": "", "mem_used_max": "", "idle": "", "algorithm_params": "", "dev": "253:\(id)\n",
            "mm_stat": "       0        0        0        0        0        0        0        0        0\n",
            "io_stat": "       0        0 0        0\n", "debug_stat": "version: 1\n0        0\n",
        ]
        for (k, v) in files { try f.file(d + k, v) }
        for a in extraAttributes { try f.file(d + a, "") }
        try f.file("dev/zram\(id)", String(repeating: "\0", count: 8192))
    }

    /// Replaces an attribute file by a directory, so opening it for writing fails with EISDIR.
    public static func breakAttribute(_ f: FakeRoot, _ relative: String) throws {
        let url = f.directory.appendingPathComponent(relative)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// zram`id` initialized at 64 MiB with writeback (backing /dev/vdb, bd_stat 0 0 0, limit off) on kernel
    /// `release`, whose /boot config holds `config`.
    public static func writebackDevice(_ f: FakeRoot, _ id: Int, release: String, config: String) throws {
        try device(f, id, extraAttributes: ["backing_dev", "writeback", "bd_stat", "writeback_limit", "writeback_limit_enable"])
        let d = "sys/block/zram\(id)/"
        for (k, v) in ["disksize": "67108864", "initstate": "1", "backing_dev": "/dev/vdb", "writeback_limit_enable": "0",
                       "bd_stat": "       0        0        0"] { try f.file(d + k, v + "\n") }
        try f.file("proc/sys/kernel/osrelease", release + "\n")
        try f.file("boot/config-\(release)", config)
    }
}
