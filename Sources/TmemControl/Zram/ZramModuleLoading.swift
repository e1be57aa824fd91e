import TmemHost

extension ZramProvisioner {
    /// When /sys/class/zram-control is missing and zram is a loadable module, loads it as modprobe would, with
    /// num_devices=0 so that `add` creates exactly the device asked for (hot_add then gives zram0). Returns nil
    /// when nothing needs loading or nothing can be loaded (plan() then explains why).
    public func loadModuleIfNeeded(dryRun: Bool = false) throws(HostError) -> ModuleLoadResult? {
        guard !control.isAvailable else { return nil }
        let modules = KernelModules(root: root)
        guard modules.status(of: .zram).state == .loadable else { return nil }
        return try modules.load("zram", options: "num_devices=0", dryRun: dryRun)
    }

    /// Why zram-control is missing, for the error that says so.
    func zramMissingHint() -> String {
        let status = KernelModules(root: root).status(of: .zram)
        switch status.state {
        case .unsupported, .notFound: return "zram is not available: \(status.evidence)"
        case .loadable: return "zram is not loaded: tmemctl module load"
        default: return "this kernel's zram predates zram-control (Linux 4.2)"
        }
    }
}
