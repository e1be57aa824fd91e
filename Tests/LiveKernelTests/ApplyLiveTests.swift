import Foundation
import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// Plan and apply against the running kernel: two devices the test learns the indexes of from hot_add (a swap
    /// with a priority, an ext4 mount), a zswap parameter and a sysctl; every value read back from sysfs/procfs.
    @Suite struct ApplyLive {
        /// What the host looks like, for "nothing changed" and "as before".
        struct HostSnapshot: Equatable, CustomStringConvertible {
            var devices: [String]
            var swaps: String
            var mounts: [String]
            var zswap: [String: String]
            var sysctl: [String]
            var records: [String]

            static func take() throws -> HostSnapshot {
                let root = LiveKernel.root
                let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
                    .split(separator: "\n").map { $0.split(separator: " ").dropFirst(2).prefix(3).joined(separator: " ") }.sorted()
                return HostSnapshot(
                    devices: ZramControl(root: root).devices().map { d in
                        "\(d.name) init=\((try? d.isInitialized()) ?? false) size=\((try? d.disksize()) ?? 0) alg=\((try? d.algorithms().selected ?? "") ?? "")"
                    },
                    swaps: try String(contentsOfFile: "/proc/swaps", encoding: .utf8),
                    mounts: mounts,
                    zswap: Dictionary(uniqueKeysWithValues: try Zswap(root: root).parameters().map { ($0.key.rawValue, $0.value) }),
                    sysctl: try VMSysctl.allCases.map { "\($0.rawValue)=\(try $0.read(root: root) ?? -1)" },
                    records: root.list(ApplyRecords.directory))
            }

            var description: String { "\(devices) \(swaps) zswap=\(zswap) \(sysctl) records=\(records)" }
        }

        /// Two free indexes, as hot_add hands them out now (created and removed again at once).
        static func freeIndexes() throws -> [Int] {
            let control = ZramControl(root: LiveKernel.root)
            let a = try control.hotAdd(), b = try control.hotAdd()
            try control.hotRemoveWaitingForUdev(b)
            try control.hotRemoveWaitingForUdev(a)
            return [a.id, b.id]
        }

        /// Whatever happens, the devices go and zswap/sysctls return to what they were.
        static func cleanUp(_ names: [String], mountPoint: String, before: HostSnapshot) {
            let root = LiveKernel.root
            for name in names {
                guard let d = ZramDevice(name: name, root: root), d.id != 0, d.exists else { continue }
                if d.swapArea != nil { try? SwapControl(root: root).swapOff("dev/\(name)") }
                try? FilesystemMount(root: root).unmount(mountPoint, subject: name)
                try? ZramControl(root: root).hotRemoveWaitingForUdev(d)
                try? ApplyRecords(root: root).forget(name)
            }
            for (k, v) in before.zswap {
                if let p = ZswapParameter(rawValue: k), (try? Zswap(root: root).value(p)) != v { try? Zswap(root: root).set(p, to: v) }
            }
            for line in before.sysctl {
                let kv = line.split(separator: "=")
                if let s = VMSysctl(rawValue: String(kv[0])), let n = Int(kv[1]), (try? s.read(root: root)) != n { try? s.write(n, root: root) }
            }
            if before.records.isEmpty { try? ApplyRecords(root: root).replaceSaved(.init()) }
        }

        func run(_ desired: DesiredState, _ options: PlanOptions) throws -> (Plan, ApplyResult) {
            let plan = Planner.plan(desired, current: try CurrentState.read(root: LiveKernel.root), options: options)
            return (plan, PlanExecutor(root: LiveKernel.root).execute(plan))
        }

        @Test func applyIsIdempotentChangesWhatChangedAndTearsDownToTheHostBefore() throws {
            guard SystemProgram("mkswap") != nil, SystemProgram("mkfs.ext4") != nil, SystemProgram("mount") != nil else {
                print("skipped: needs mkswap, mkfs.ext4 and mount(8)")
                return
            }
            try LiveKernel.exclusive { () throws -> Void in
                let before = try HostSnapshot.take()
                let ids = try Self.freeIndexes()
                #expect(!ids.contains(0))
                let names = ids.map { "zram\($0)" }
                let mnt = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-apply-live-\(getpid())").path
                try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
                defer {
                    Self.cleanUp(names, mountPoint: mnt, before: before)
                    try? FileManager.default.removeItem(atPath: mnt)
                }
                let pool = before.zswap["max_pool_percent"] == "23" ? 24 : 23
                let swappiness = (before.sysctl.first.flatMap { Int($0.split(separator: "=")[1]) } ?? 60) == 133 ? 134 : 133
                // 64 MB swap at priority 321 with lzo, and a 48 MB ext4 mount with lz4 and a 16 MB resident limit.
                var desired = DesiredState(
                    devices: [.init(name: names[0], disksize: 64 << 20, compAlgorithm: "lzo", swap: .init(priority: 321, options: "discard")),
                              .init(name: names[1], disksize: 48 << 20, memLimit: 16 << 20, compAlgorithm: "lz4",
                                    mount: .init(point: mnt, fsType: "ext4", options: "noatime"))],
                    zswap: .init(maxPoolPercent: pool, withZramSwap: .keep),
                    sysctl: .init(swappiness: swappiness))

                let (first, result) = try run(desired, .init(mode: .apply))
                #expect(first.devices.map(\.status) == [.create, .create])
                #expect(result.succeeded, "\(result)")
                // The host, read directly.
                #expect(try String(contentsOfFile: "/sys/block/\(names[0])/comp_algorithm", encoding: .utf8).contains("[lzo]"))
                #expect(try String(contentsOfFile: "/sys/block/\(names[0])/disksize", encoding: .utf8) == "67108864\n")
                let swaps = try String(contentsOfFile: "/proc/swaps", encoding: .utf8)
                #expect(swaps.split(separator: "\n").contains { $0.hasPrefix("/dev/\(names[0]) ") && $0.hasSuffix("321") }, "\(swaps)")
                #expect(try String(contentsOfFile: "/sys/block/\(names[1])/comp_algorithm", encoding: .utf8).contains("[lz4]"))
                let mm = try String(contentsOfFile: "/sys/block/\(names[1])/mm_stat", encoding: .utf8).split(separator: " ")
                #expect(mm[3] == "16777216")
                let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
                #expect(mounts.split(separator: "\n").contains { $0.contains(" \(mnt) ") && $0.contains(" - ext4 ") && $0.contains("noatime") })
                #expect(try String(contentsOfFile: "/sys/module/zswap/parameters/max_pool_percent", encoding: .utf8) == "\(pool)\n")
                #expect(try String(contentsOfFile: "/proc/sys/vm/swappiness", encoding: .utf8) == "\(swappiness)\n")
                // Saved before the first change, 0600.
                let saved = try ApplyRecords(root: LiveKernel.root).saved()
                #expect(saved.zswap["max_pool_percent"] == before.zswap["max_pool_percent"])
                var st = stat()
                #expect(stat("/run/tmemctl/apply/saved.json", &st) == 0 && st.st_mode & 0o777 == 0o600)

                // Again: nothing to do.
                let again = Planner.plan(desired, current: try CurrentState.read(root: LiveKernel.root), options: .init(mode: .apply))
                #expect(!again.hasChanges, "\(again.actions)")
                #expect(again.devices.map(\.status) == [.upToDate, .upToDate])

                // A new resident limit changes in place; a new algorithm on the swap in use needs --reconfigure.
                desired.devices[1].memLimit = 20 << 20
                desired.devices[0].compAlgorithm = "lz4"
                let refused = Planner.plan(desired, current: try CurrentState.read(root: LiveKernel.root), options: .init(mode: .apply))
                #expect(refused.devices.map(\.status) == [.needsReset, .change])
                let partial = PlanExecutor(root: LiveKernel.root).execute(refused)
                #expect(partial.failed.map(\.name) == [names[0]])
                #expect(try String(contentsOfFile: "/sys/block/\(names[0])/comp_algorithm", encoding: .utf8).contains("[lzo]"))
                #expect(try String(contentsOfFile: "/sys/block/\(names[1])/mm_stat", encoding: .utf8).split(separator: " ")[3] == "20971520")
                let (_, redone) = try run(desired, .init(mode: .apply, reconfigure: true))
                #expect(redone.succeeded, "\(redone)")
                #expect(try String(contentsOfFile: "/sys/block/\(names[0])/comp_algorithm", encoding: .utf8).contains("[lz4]"))
                #expect(try String(contentsOfFile: "/proc/swaps", encoding: .utf8).contains("/dev/\(names[0]) "))
                #expect(!Planner.plan(desired, current: try CurrentState.read(root: LiveKernel.root), options: .init(mode: .apply)).hasChanges)

                // Teardown: the host as before.
                let (_, down) = try run(desired, .init(mode: .teardown))
                #expect(down.succeeded, "\(down)")
                #expect(try HostSnapshot.take() == before)
            }
        }

        @Test func aFailingStepRollsTheDeviceBackAndTheOtherProceeds() throws {
            guard SystemProgram("mkswap") != nil else { print("skipped: needs mkswap"); return }
            try LiveKernel.exclusive { () throws -> Void in
                let before = try HostSnapshot.take()
                let ids = try Self.freeIndexes()
                let names = ids.map { "zram\($0)" }
                defer { Self.cleanUp(names, mountPoint: "/nonexistent-tmemctl", before: before) }
                // The first device's swap options are refused at swapon, after the kernel already holds its setup.
                let desired = DesiredState(devices: [
                    .init(name: names[0], disksize: 32 << 20, swap: .init(priority: 5, options: "bogus-option")),
                    .init(name: names[1], disksize: 32 << 20, swap: .init(priority: 6, options: "")),
                ])
                let (_, result) = try run(desired, .init(mode: .apply))
                #expect(result.failed.map(\.name) == [names[0]])
                #expect(result.failed.first?.error?.contains("bogus-option") == true)
                #expect(result.failed.first?.rollbackError == nil)
                #expect(!FileManager.default.fileExists(atPath: "/sys/block/\(names[0])"))
                #expect(try String(contentsOfFile: "/proc/swaps", encoding: .utf8).contains("/dev/\(names[1]) "))
                let (_, down) = try run(desired, .init(mode: .teardown))
                #expect(down.succeeded, "\(down)")
                #expect(try HostSnapshot.take() == before)
            }
        }
    }
}
