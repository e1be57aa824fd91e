import TmemCore
import TmemHost

/// A zram device a run creates for itself (verify, bench, advise, the live tests): claimed before hot_add (so
/// that `apply` and the udev rules leave it alone), never zram0 (the admin's), configured through a
/// `ZramSetupPlan` like any other device, and removed again with hot_remove (after swapoff when it is swap),
/// its claim released last. Removal is registered on the run's `CleanupStack` as "remove zramN".
public struct ScratchZram {
    public let device: ZramDevice
    /// What the kernel offers, read from the new device before anything is written.
    public let facts: ZramKernelFacts
    let writer: LiveZramStepWriter

    /// Takes a claim, hot_adds a device and binds the claim to it. `purpose` is what the claim file says
    /// (`verify --path block`, `bench tmem`).
    public static func create(root: SystemRoot, purpose: String, cleanup: CleanupStack,
                              retry: BusyRetry = .standard) throws -> ScratchZram {
        let control = ZramControl(root: root)
        guard control.isAvailable else {
            throw HostError(subject: "zram-control", action: "cannot create a device: no", path: control.hotAddPath,
                            errno: .noSuchFileOrDirectory, hint: ZramProvisioner(root: root).zramMissingHint())
        }
        let claim = try ZramClaims(root: root).take(purpose: purpose)
        let device: ZramDevice
        do { device = try control.hotAdd() } catch {
            try? claim.release()
            throw error
        }
        // The claim goes only once the device is gone: a device left behind stays claimed (stale once we exit).
        cleanup.push("remove \(device.name)") {
            try remove(device, retry: retry)
            try claim.release()
        }
        if device.id == 0 {
            throw HostError(subject: device.name, action: "hot_add returned zram0", path: device.devicePath,
                            hint: "refusing to use zram0; it is left for the admin")
        }
        try claim.bind(to: device)
        return ScratchZram(device: device, facts: try ZramKernelFacts.read(from: device), writer: LiveZramStepWriter(retry: retry))
    }

    /// Configures the (uninitialized) device as `request` asks, through the plan's checks and its rollback.
    public func configure(_ request: ZramSetupRequest) throws {
        try ZramSetupPlan(request, facts: facts).apply(to: device, writer: writer)
    }

    /// Puts the device back to uninitialized (swapoff first when it is swap), waiting out udev's openers.
    public func reset() throws(HostError) {
        try writer.undo(device)
    }

    /// swapoff if it is active swap, then hot_remove, retrying while a transient opener (udev's probe) has it.
    /// Also for devices a test created another way (`tmemctl zram add`).
    public static func remove(_ device: ZramDevice, retry: BusyRetry = .standard) throws(HostError) {
        guard device.exists else { return }
        if device.swapArea != nil { try SwapControl(root: device.root).swapOff(device) }
        try ZramControl(root: device.root).hotRemoveWaitingForUdev(device, retry)
    }
}
