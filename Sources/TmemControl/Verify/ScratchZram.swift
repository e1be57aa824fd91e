import CShim
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// A zram device created for one run with hot_add, never zram0 (which belongs to the admin), and removed
/// again with hot_remove (the kernel resets it first).
public enum ScratchZram {
    public static func create(root: SystemRoot, cleanup: CleanupStack) throws(HostError) -> ZramDevice {
        let control = ZramControl(root: root)
        guard control.isAvailable else {
            throw HostError(subject: "zram-control", action: "cannot create a device: no", path: root.absolute("sys/class/zram-control/hot_add"),
                            errno: .noSuchFileOrDirectory, hint: "zram is not loaded or too old for hot_add (Linux 4.2+); try modprobe zram")
        }
        let device = try control.hotAdd()
        cleanup.push("remove \(device.name)") { try remove(device) }
        if device.id == 0 {
            throw HostError(subject: device.name, action: "hot_add returned zram0", path: device.devicePath,
                            hint: "refusing to use zram0; it is left for the admin")
        }
        return device
    }

    /// swapoff if it is active swap, then hot_remove; EBUSY (a prober still has it open) is retried for 5 s.
    public static func remove(_ device: ZramDevice) throws(HostError) {
        guard device.exists else { return }
        if device.root.isLive { _ = cshim_swapoff(device.devicePath) }
        var attempt = 0
        while true {
            do {
                try ZramControl(root: device.root).hotRemove(device)
                return
            } catch {
                attempt += 1
                if error.errno != .resourceBusy || attempt >= 50 { throw error }
                usleep(100_000)
            }
        }
    }
}
