import TmemCore
import TmemHost

/// Carries out one setup step on a device. The live writer does the sysfs writes and system calls; tests
/// inject writers that record or fail, to check the order and the rollback.
public protocol ZramStepWriter {
    func apply(_ step: ZramSetupStep, to device: ZramDevice) throws(HostError)
    /// Puts the device back to uninitialized (reset frees the pool and restores the default algorithm,
    /// mem_limit and parameters).
    func undo(_ device: ZramDevice) throws(HostError)
}

public struct LiveZramStepWriter: ZramStepWriter {
    public var retry: BusyRetry
    public init(retry: BusyRetry = .standard) { self.retry = retry }

    public func apply(_ step: ZramSetupStep, to device: ZramDevice) throws(HostError) {
        switch step {
        case .compAlgorithm(let a): try device.setAlgorithm(a)
        case .algorithmParams(let p): try device.setAlgorithmParams(p)
        case .recompAlgorithm(let a, let prio): try device.setRecompressionAlgorithm(a, priority: prio)
        case .backingDev(let b): try device.setBackingDevice(b)
        case .memLimit(let m): try device.setMemLimit(m)
        case .disksize(let s): try device.setDisksize(s)
        case .mkswap(let label):
            let size = try device.disksize()
            try SwapSignature(deviceSize: size, label: label).write(to: device.devicePath)
        case .swapon(let prio):
            try SwapControl(root: device.root).swapOn(device, priority: prio)
        }
    }

    public func undo(_ device: ZramDevice) throws(HostError) {
        if device.swapArea != nil { try? SwapControl(root: device.root).swapOff(device) }
        try device.resetWaitingForUdev(retry)
    }
}

/// A setup that failed part-way: which step, why, and whether the device was put back.
public struct ZramSetupFailure: Error, CustomStringConvertible, Sendable {
    public var device: String
    public var step: ZramSetupStep
    public var cause: HostError
    /// nil when the rollback succeeded.
    public var rollbackError: HostError?

    public var description: String {
        var s = "\(cause)"
        s += rollbackError.map { "; rolling back \(device) also failed: \($0)" } ?? "; \(device) was rolled back, nothing changed"
        return s
    }
}

extension ZramSetupPlan {
    /// Runs the steps in order. On the first failure the device is reset so that nothing half-configured
    /// remains, and the failure (`ZramSetupFailure`) says which step broke. `pendingSignal` is asked before each
    /// step and after the last: a stop request (SIGINT/SIGTERM) resets the device the same way and throws
    /// `Interrupted`.
    public func apply(to device: ZramDevice, writer: some ZramStepWriter = LiveZramStepWriter(),
                      pendingSignal: () -> Int32? = { Interruption.pending }) throws {
        func stopIfAsked() throws(Interrupted) {
            guard let signal = pendingSignal() else { return }
            var interrupted = Interrupted(signal: signal)
            do { try writer.undo(device) } catch { interrupted.cleanupFailures.append("reset \(device.name): \(error)") }
            throw interrupted
        }
        for step in steps {
            try stopIfAsked()
            do { try writer.apply(step, to: device) } catch {
                var rollbackError: HostError?
                do { try writer.undo(device) } catch { rollbackError = error }
                throw ZramSetupFailure(device: device.name, step: step, cause: error, rollbackError: rollbackError)
            }
        }
        try stopIfAsked()
    }
}
