import Foundation
import Testing
import TmemTestSupport

extension LiveKernelSuite {
    /// `boot show` and `boot set --dry-run` on the real root: values checked against /proc and sysfs read
    /// directly; nothing in /etc is written (a dry run, and the files are compared before and after).
    @Suite struct BootLive {
        func etcSnapshot() -> [String: Data] {
            var out: [String: Data] = [:]
            for path in ["/etc/default/grub", "/etc/kernel/cmdline", "/etc/modprobe.d/tmemctl-zram.conf"] {
                out[path] = FileManager.default.contents(atPath: path)
            }
            return out
        }

        @Test func showReportsTheRunningKernel() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let r = try TmemctlRunner.run(["boot", "show", "--json"])
                #expect(r.status == 0, "\(r.stderr)")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
                let running = try #require(json["running_command_line"] as? [String: Any])
                let cmdline = try String(contentsOfFile: "/proc/cmdline", encoding: .utf8)
                #expect(running["command_line"] as? String == cmdline.trimmingCharacters(in: .whitespacesAndNewlines))
                let params = try #require(json["parameters"] as? [[String: Any]])
                for p in params {
                    let name = try #require(p["name"] as? String)
                    guard name.hasPrefix("zswap.") else { continue }
                    let file = "/sys/module/zswap/parameters/" + name.dropFirst(6)
                    let live = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect(p["running"] as? String == live, "\(name)")
                }
            }
        }

        @Test func dryRunWritesNothingInEtc() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let before = etcSnapshot()
                let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--target", "kernel-cmdline", "--dry-run"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.contains("/etc/kernel/cmdline"))
                #expect(etcSnapshot() == before)
            }
        }
    }
}
