import TmemCore

/// Whether this system runs in a container, where zram (a kernel block device shared by the whole host) is not
/// the guest's to set up. zram-generator asks `systemd-detect-virt --container`; so does this, on the live root
/// only, after /run/systemd/container (written by systemd as PID 1 in a container, and readable under a fake root).
public enum ContainerDetection {
    /// What says this is a container, or nil.
    public static func container(root: SystemRoot) -> String? {
        if let c = try? root.read("run/systemd/container"), !c.trimmingWhitespace().isEmpty {
            return "\(root.absolute("run/systemd/container")) says \(c.trimmingWhitespace())"
        }
        guard root.isLive, let detect = SystemProgram("systemd-detect-virt") else { return nil }
        // Exit 0 means a container was found; 1 (and anything else) means none.
        guard (try? detect.run(["--container", "--quiet"], root: root, subject: "generator")) != nil else { return nil }
        return "systemd-detect-virt --container"
    }
}
