import Foundation
import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `tmemctl plan`/`apply` from a configuration file the test writes, against the running kernel.
    @Suite struct ApplyCLILive {
        typealias Snapshot = ApplyLive.HostSnapshot

        struct Setup {
            var dir: String
            var names: [String]
            var mnt: String
            var corpus: String
            var pool: Int
            var swappiness: Int
            var conf: String { dir + "/tmemctl.conf" }

            func config(swapAlgorithm: String = "lzo", mountSize: Int = 48, swapPriority: String = "321",
                        mountPoint: String? = nil, extra: String = "") -> String {
                """
                [\(names[0])]
                zram-size = 64
                compression-algorithm = \(swapAlgorithm)
                swap-priority = \(swapPriority)

                [\(names[1])]
                zram-size = \(mountSize)
                compression-algorithm = lz4
                fs-type = ext4
                mount-point = \(mountPoint ?? mnt)
                options = noatime
                zram-resident-limit = disksize / ratio * 1.2
                ratio-from = \(corpus)

                [zswap]
                max-pool-percent = \(pool)
                with-zram-swap = keep

                [sysctl]
                vm.swappiness = \(swappiness)
                \(extra)
                """
            }

            func write(_ text: String) throws { try text.write(toFile: conf, atomically: true, encoding: .utf8) }
        }

        func tmemctl(_ args: [String]) throws -> TmemctlRunner.Result { try TmemctlRunner.run(args) }

        func withSetup(_ body: (Setup, Snapshot) throws -> Void) throws {
            guard SystemProgram("mkswap") != nil, SystemProgram("mkfs.ext4") != nil, SystemProgram("mount") != nil else {
                print("skipped: needs mkswap, mkfs.ext4 and mount(8)")
                return
            }
            try LiveKernel.exclusive { () throws -> Void in
                let before = try Snapshot.take()
                let ids = try ApplyLive.freeIndexes()
                #expect(!ids.contains(0))
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-apply-cli-\(getpid())").path
                try FileManager.default.createDirectory(atPath: dir + "/mnt", withIntermediateDirectories: true)
                let s = Setup(dir: dir, names: ids.map { "zram\($0)" }, mnt: dir + "/mnt", corpus: dir + "/corpus",
                              pool: before.zswap["max_pool_percent"] == "23" ? 24 : 23,
                              swappiness: before.sysctl.first == "vm.swappiness=133" ? 134 : 133)
                defer {
                    ApplyLive.cleanUp(s.names, mountPoint: s.mnt, before: before)
                    try? FileManager.default.removeItem(atPath: dir)
                }
                let c = try tmemctl(["corpus", "builtin", "--pages", "256", "-o", s.corpus])
                #expect(c.status == 0, "\(c.stderr)")
                try body(s, before)
            }
        }

        /// mem_limit for `disksize / ratio * 1.2` with ratio from `tmemctl model` on the same corpus, worked here.
        func expectedLimit(_ s: Setup, disksizeMB: Double) throws -> UInt64 {
            let r = try tmemctl(["model", "--corpus", s.corpus, "--algorithm", "lz4", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            let mm = ((doc["results"] as! [[String: Any]])[0]["mm_stat"] as! [String: Any])
            let ratio = (mm["orig_data_size"] as! NSNumber).doubleValue / (mm["mem_used_total"] as! NSNumber).doubleValue
            let bytes = UInt64((disksizeMB / ratio * 1.2 * 1048576).rounded(.down))
            return (bytes + 4095) / 4096 * 4096
        }

        func planJSON(_ s: Setup) throws -> [String: Any] {
            let r = try tmemctl(["plan", "--config", s.conf, "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        }

        /// Every device of the plan, as the kernel shows it now.
        func expectHostMatches(_ s: Setup, _ plan: [String: Any]) throws {
            for d in plan["devices"] as! [[String: Any]] {
                let name = d["name"] as! String
                let sys = "/sys/block/\(name)/"
                #expect(try String(contentsOfFile: sys + "disksize", encoding: .utf8) == "\(d["disksize_effective"] as! Int)\n")
                #expect(try String(contentsOfFile: sys + "comp_algorithm", encoding: .utf8).contains("[\(d["comp_algorithm"] as! String)]"))
                let mm = try String(contentsOfFile: sys + "mm_stat", encoding: .utf8).split(separator: " ")
                #expect(Int(mm[3]) == d["mem_limit_effective"] as? Int)
                if let swap = d["swap"] as? [String: Any] {
                    let line = try String(contentsOfFile: "/proc/swaps", encoding: .utf8).split(separator: "\n")
                        .first { $0.hasPrefix("/dev/\(name) ") }
                    #expect(line?.split(separator: "\t").last.map(String.init) == "\(swap["priority"] as! Int)", "\(line ?? "no swap")")
                }
                if let m = d["mount"] as? [String: Any] {
                    let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
                    #expect(mounts.split(separator: "\n").contains { $0.contains(" \(m["point"] as! String) ") && $0.contains(" - \(m["fs_type"] as! String) ") })
                }
            }
            #expect(try String(contentsOfFile: "/sys/module/zswap/parameters/max_pool_percent", encoding: .utf8) == "\(s.pool)\n")
            #expect(try String(contentsOfFile: "/proc/sys/vm/swappiness", encoding: .utf8) == "\(s.swappiness)\n")
        }

        @Test func applyCheckChangeAndTeardownFromAConfigFile() throws {
            try withSetup { s, before in
                try s.write(s.config())
                let plan = try planJSON(s)
                #expect(plan["schema_version"] as? Int == 1)
                #expect((plan["devices"] as! [[String: Any]]).map { $0["status"] as! String } == ["create", "create"])
                let d1 = (plan["devices"] as! [[String: Any]])[1]
                #expect(d1["mem_limit_effective"] as? Int == Int(try expectedLimit(s, disksizeMB: 48)))
                #expect(try tmemctl(["apply", "--config", s.conf, "--check"]).status == 2)
                #expect(try Snapshot.take() == before, "--check changed the host")

                let applied = try tmemctl(["apply", "--config", s.conf])
                #expect(applied.status == 0, "\(applied.stderr)")
                try expectHostMatches(s, plan)
                let again = try tmemctl(["apply", "--config", s.conf])
                #expect(again.status == 0)
                #expect(again.stderr.contains("nothing to do"), "\(again.stderr)")
                #expect(try tmemctl(["apply", "--config", s.conf, "--check"]).status == 0)

                // A bigger mount device: it is in use, so the plan says needs-reset and apply refuses (exit 1) ...
                try s.write(s.config(mountSize: 56))
                #expect(try tmemctl(["apply", "--config", s.conf, "--check"]).status == 2)
                let held = try Snapshot.take()
                let refused = try tmemctl(["apply", "--config", s.conf])
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("\(s.names[1]) (refused)"), "\(refused.stderr)")
                #expect(try Snapshot.take() == held, "a refused apply changed the host")
                // ... until --reconfigure.
                let redone = try tmemctl(["apply", "--config", s.conf, "--reconfigure"])
                #expect(redone.status == 0, "\(redone.stderr)")
                let plan2 = try planJSON(s)
                #expect((plan2["devices"] as! [[String: Any]]).map { $0["status"] as! String } == ["up-to-date", "up-to-date"])
                try expectHostMatches(s, plan2)
                #expect((plan2["devices"] as! [[String: Any]])[1]["mem_limit_effective"] as? Int == Int(try expectedLimit(s, disksizeMB: 56)))

                let down = try tmemctl(["apply", "--config", s.conf, "--teardown"])
                #expect(down.status == 0, "\(down.stderr)")
                #expect(try Snapshot.take() == before)
            }
        }

        @Test func badConfigsChangeNothing() throws {
            try withSetup { s, before in
                let bad: [(String, String)] = [
                    ("syntax error", s.config() + "\n[zram7\n"),
                    ("negative size", s.config().replacingOccurrences(of: "zram-size = 64", with: "zram-size = -1")),
                    ("priority out of range", s.config(swapPriority: "40000")),
                    ("relative mount point", s.config(mountPoint: "relative/mnt")),
                ]
                for (what, text) in bad {
                    try s.write(text)
                    let r = try tmemctl(["apply", "--config", s.conf])
                    #expect(r.status == 64, "\(what): \(r.status) \(r.stderr)")
                    #expect(try Snapshot.take() == before, "\(what) changed the host")
                }
                // The test's own device in use with other settings: refused, nothing changes.
                try s.write(s.config())
                #expect(try tmemctl(["apply", "--config", s.conf]).status == 0)
                let applied = try Snapshot.take()
                try s.write(s.config(swapAlgorithm: "lz4"))
                let r = try tmemctl(["apply", "--config", s.conf])
                #expect(r.status == 1)
                #expect(r.stderr.contains("needs") || r.stderr.contains("in use"), "\(r.stderr)")
                #expect(try Snapshot.take() == applied)
                // An algorithm this kernel lacks: plan is an error, apply warns and keeps the kernel's default.
                try s.write(s.config(swapAlgorithm: "no-such-alg"))
                let p = try tmemctl(["plan", "--config", s.conf, "--device", s.names[0]])
                #expect(p.status == 1)
                #expect(p.stderr.contains("not built into this kernel"), "\(p.stderr)")
                try s.write(s.config())
                #expect(try tmemctl(["apply", "--config", s.conf, "--teardown"]).status == 0)
                try s.write(s.config(swapAlgorithm: "no-such-alg"))
                let w = try tmemctl(["apply", "--config", s.conf, "--device", s.names[0]])
                #expect(w.status == 0, "\(w.stderr)")
                #expect(w.stderr.contains("using the kernel's default"), "\(w.stderr)")
                let zram0 = try String(contentsOfFile: "/sys/block/zram0/comp_algorithm", encoding: .utf8)
                let def = zram0.split(separator: " ").first { $0.hasPrefix("[") }.map { String($0.dropFirst().dropLast()) }
                if let def, (try? ZramDevice(id: 0, root: LiveKernel.root).isInitialized()) == false {
                    #expect(try String(contentsOfFile: "/sys/block/\(s.names[0])/comp_algorithm", encoding: .utf8).contains("[\(def)]"))
                }
                #expect(try tmemctl(["apply", "--config", s.conf, "--teardown"]).status == 0)
                #expect(try Snapshot.take() == before)
            }
        }
    }
}
