import TmemHost

extension ZramProvisioner {
    /// Tells udev the device is now configured: a synthetic change uevent, as `udevadm trigger` sends. The kernel
    /// sends none when disksize goes from 0 to a size (it announces only resizes between non-zero sizes), so
    /// without this, udev rules that look at initialized devices and blkid's view of the new
    /// swap signature would wait for the next unrelated event. Best effort: a missing udev changes nothing.
    func announceToUdev(_ device: ZramDevice) {
        guard device.has("uevent") else { return }
        try? device.write("uevent", "change")
    }
}
