import Foundation
import Testing
import TmemHost

/// VMStat and MemInfo parse bytes in place (Sources/TmemHost/Proc/NameValueText.swift). They are checked against
/// a reference written here with the standard library's splitting and integer parsing (what they did before),
/// on this machine's own /proc files and on edge cases the kernel does not write but a fixture or a future
/// kernel might: the same fields, the same values, and an error exactly where the reference has one.
@Suite struct NameValueTextTests {
    /// The reference for /proc/vmstat: `name value`, negative values skipped, anything else an error.
    static func referenceVMStat(_ text: String) -> [String: UInt64]? {
        var f: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            if let v = UInt64(parts[1]) { f[String(parts[0])] = v } else if Int64(parts[1]) == nil { return nil }
        }
        return f
    }

    /// The reference for /proc/meminfo: `Name: number [kB]`, kB meaning KiB.
    static func referenceMemInfo(_ text: String) -> [String: UInt64]? {
        var f: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let rest = line[line.index(after: colon)...].split(separator: " ")
            guard let first = rest.first, let v = UInt64(first), rest.count <= 2 else { return nil }
            if rest.count == 2 && rest[1] == "kB" {
                let (bytes, overflow) = v.multipliedReportingOverflow(by: 1024)
                if overflow { return nil }
                f[String(line[..<colon])] = bytes
            } else {
                f[String(line[..<colon])] = v
            }
        }
        return f
    }

    static let vmstatCases = [
        "nr_free_pages 1234\nzswpout 26281\nnr_zone_write_pending -1\n",
        "a  7\n\n\nb 8", "a 7 8\n", "a\n", "a x\n", "a +5\n", "a -0\n", "a -\n", "a +\n", "a 1x\n",
        "a 18446744073709551615\n", "a 18446744073709551616\n", "a -9223372036854775808\n", "a -9223372036854775809\n",
        "", "\n", " a 1\n", "a 1 \n", "α 3\n",
    ]

    static let meminfoCases = [
        "MemTotal:       24669048 kB\nZswap:              77432 kB\nHugePages_Total:       0\n",
        "A: 1 KB\n", "A: 1 kB x\n", "A:\n", "A 1\n", ":5\n", "A:5\n", "A: +5 kB\n", "A: -1 kB\n", "A: -0\n",
        "A: 18014398509481983 kB\n", "A: 18014398509481984 kB\n", "A: 18446744073709551615\n", "A: 1:2\n",
        "A: x kB\n", "", "\n\n", "Name With Space: 3 kB\n",
    ]

    @Test(arguments: vmstatCases) func vmstatAgreesWithTheReference(_ text: String) {
        let ours = try? VMStat(parsing: text).fields
        #expect(ours == Self.referenceVMStat(text), "\(text.debugDescription)")
    }

    @Test(arguments: meminfoCases) func meminfoAgreesWithTheReference(_ text: String) {
        let ours = try? MemInfo(parsing: text).fields
        #expect(ours == Self.referenceMemInfo(text), "\(text.debugDescription)")
    }

    @Test func thisMachinesProcFilesAgree() throws {
        let vmstat = try String(contentsOfFile: "/proc/vmstat", encoding: .utf8)
        let reference = try #require(Self.referenceVMStat(vmstat))
        #expect(reference.count > 100 && reference["pgfault"] != nil)
        #expect(try VMStat(parsing: vmstat).fields == reference)
        let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let memReference = try #require(Self.referenceMemInfo(meminfo))
        #expect(memReference["MemTotal"] != nil)
        #expect(try MemInfo(parsing: meminfo).fields == memReference)
    }

    @Test func anErrorNamesTheLineAndTheFile() {
        #expect { try VMStat(parsing: "a 1\nzswpout x\n", file: "/f") } throws: { e in
            (e as? HostError)?.description == "f: malformed line 'zswpout x' in /f"
        }
        #expect { try MemInfo(parsing: "A: 1 kB\nB 2\n", file: "/m") } throws: { e in
            (e as? HostError)?.description == "m: malformed line 'B 2' in /m"
        }
    }
}
