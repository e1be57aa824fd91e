import Foundation
import Testing
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    @Suite struct ModulesLive {
        /// This host's kernel has zram compiled in (CONFIG_ZRAM=y in /proc/config.gz) and no module support: what
        /// `module status` reports is checked against the kernel's own files, read here independently.
        @Test func zramStateMatchesTheKernel() throws {
            try LiveKernel.exclusive {
                let k = KernelModules(root: LiveKernel.root)
                let hasProcModules = FileManager.default.fileExists(atPath: "/proc/modules")
                #expect(k.support.loadableModules == hasProcModules)
                let initstate = try? String(contentsOfFile: "/sys/module/zram/initstate", encoding: .utf8)
                let s = k.status(of: .zram)
                if let i = initstate {
                    #expect(s.state.rawValue == i.trimmingCharacters(in: .whitespacesAndNewlines))
                } else {
                    // zram-control exists (the live suite needs it) and zram is not a loaded module: compiled in.
                    #expect(s.state == .builtin)
                }
                if !hasProcModules {
                    #expect(throws: HostError.self) { _ = try k.load("zram", options: "num_devices=2") }
                    #expect(throws: HostError.self) { _ = try k.load("no_such_module_tmemctl") }
                }
            }
        }

        /// libudev's enumeration names the same zram disks as /sys/block, including a scratch device.
        @Test func udevEnumeratesTheZramDisks() throws {
            try LiveKernel.exclusive {
                try LiveKernel.withScratchZram { device in
                    let sysBlock = try FileManager.default.contentsOfDirectory(atPath: "/sys/block").filter { $0.hasPrefix("zram") }
                    let udev = try #require(UdevDevices())
                    let names = udev.zramDevices().map(\.sysname)
                    #expect(Set(names) == Set(sysBlock))
                    #expect(names.contains(device.name))
                    #expect(udev.device(named: device.name)?.devnode == "/dev/\(device.name)")
                    let daemon = FileManager.default.fileExists(atPath: "/run/udev/control")
                    let outcome = udev.waitUntilSettled(device.name, timeoutMilliseconds: 3000)
                    #expect(outcome == (daemon ? .settled : .noDaemon))
                    #expect(udev.waitUntilSettled("zram999999", timeoutMilliseconds: 50) == (daemon ? .noDevice : .noDaemon))
                }
            }
        }
    }
}
