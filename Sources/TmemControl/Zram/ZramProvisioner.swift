import TmemCore
import TmemHost

/// `zram add`: validate against the kernel, hot_add a device, run the plan; a device that could not be set up
/// is removed again, so the host ends as it started.
public struct ZramProvisioner {
    public let root: SystemRoot
    public var retry: BusyRetry

    public init(root: SystemRoot, retry: BusyRetry = .standard) {
        self.root = root
        self.retry = retry
    }

    public var control: ZramControl { ZramControl(root: root) }

    /// Kernel facts from an existing device, read-only. Without any device, nil: the caller must add one first.
    public func facts() throws(HostError) -> ZramKernelFacts? {
        guard let any = control.devices().first(where: { $0.has(.compAlgorithm) }) else { return nil }
        return try ZramKernelFacts.read(from: any)
    }

    /// Validates without changing anything (when a device exists to read the kernel's facts from).
    public func plan(_ request: ZramSetupRequest) throws -> ZramSetupPlan? {
        guard control.isAvailable else {
            throw HostError(subject: "zram", action: "cannot add a device: no", path: control.hotAddPath,
                            errno: .noSuchFileOrDirectory, hint: zramMissingHint())
        }
        guard let f = try facts() else { return nil }
        return try ZramSetupPlan(request, facts: f)
    }

    /// Creates and configures a device; returns it and the plan that was applied. The request is checked as far
    /// as it can be without the kernel before anything is loaded or read. A stop request (`pendingSignal`, the
    /// flag set by `Interruption`'s handlers, which the caller installs) is honoured before hot_add and between
    /// steps: the device is rolled back and removed exactly as after a failed step, then `Interrupted` thrown.
    public func add(_ request: ZramSetupRequest, writer: some ZramStepWriter = LiveZramStepWriter(),
                    pendingSignal: () -> Int32? = { Interruption.pending }) throws -> (ZramDevice, ZramSetupPlan) {
        try request.validateWithoutKernel()
        _ = try loadModuleIfNeeded()
        let early = try plan(request)
        if let signal = pendingSignal() { throw Interrupted(signal: signal) }
        let device = try control.hotAdd()
        let plan: ZramSetupPlan
        if let early { plan = early } else {
            do { plan = try ZramSetupPlan(request, facts: try ZramKernelFacts.read(from: device)) } catch {
                try? control.hotRemoveWaitingForUdev(device, retry)
                throw error
            }
        }
        do { try plan.apply(to: device, writer: writer, pendingSignal: pendingSignal) } catch var interrupted as Interrupted {
            do { try control.hotRemoveWaitingForUdev(device, retry) } catch {
                interrupted.cleanupFailures.append("remove \(device.name): \(error)")
            }
            throw interrupted
        } catch var failure as ZramSetupFailure {
            do { try control.hotRemoveWaitingForUdev(device, retry) } catch {
                failure.rollbackError = failure.rollbackError ?? error
            }
            throw failure
        }
        announceToUdev(device)
        return (device, plan)
    }

    /// Undoes a finished `add` that was interrupted before its result was delivered: swapoff, reset, hot_remove.
    /// What could not be undone is named in the returned `Interrupted`.
    public func withdraw(_ device: ZramDevice, interruptedBy signal: Int32,
                         writer: some ZramStepWriter = LiveZramStepWriter()) -> Interrupted {
        var interrupted = Interrupted(signal: signal)
        do { try writer.undo(device) } catch { interrupted.cleanupFailures.append("reset \(device.name): \(error)") }
        do { try control.hotRemoveWaitingForUdev(device, retry) } catch {
            interrupted.cleanupFailures.append("remove \(device.name): \(error)")
        }
        return interrupted
    }
}
