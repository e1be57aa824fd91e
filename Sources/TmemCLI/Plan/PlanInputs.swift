import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemCore
import TmemHost

/// What plan and apply share: the configuration read and resolved for this host (exit 64 with every error, as
/// `config check` prints them), the current state, and the plan between them.
struct PlanInputs {
    var root: SystemRoot
    var desired: DesiredState
    var current: CurrentState
    var ramMB: Double

    static func load(root: SystemRoot, configFile: String?) throws -> PlanInputs {
        let config = ConfigReader(root: root).read(configFile: configFile)
        // The resolution carries the file's own findings too, demoted to warnings under systemd.zram=0 (as
        // zram-generator then reads nothing), so they are reported once, from there.
        let resolver = try ConfigResolver(root: root)
        let resolution = resolver.resolve(config)
        for d in resolution.diagnostics where d.severity == .warning { Output.diagnostic("warning: \(d)") }
        if !resolution.errors.isEmpty {
            for d in resolution.errors { Output.diagnostic("\(d)") }
            throw ExitCode(64)
        }
        if config.sources.files.isEmpty { Output.diagnostic("no configuration file found; the plan is empty") }
        let current = try CurrentState.read(root: root, backingFiles: resolution.state.devices.compactMap { $0.backingFile?.path },
                                            now: Int64(Date().timeIntervalSince1970.rounded(.down)))
        return PlanInputs(root: root, desired: resolution.state, current: current, ramMB: Double(resolver.ramMB))
    }

    func plan(_ options: PlanOptions) -> Plan {
        let root = self.root
        return Planner.plan(desired, current: current, options: options,
                            residentLimit: ResidentLimitPrediction.resolver(root: root, ramMB: ramMB, evaluator: ConfigSizeEvaluator()),
                            bootChange: { boot in try Self.bootActions(boot, root: root).actions })
    }

    /// The boot-file edits the existing boot code would make (files whose text would not change are left out).
    static func bootActions(_ boot: DesiredState.Boot, root: SystemRoot) throws -> (change: BootChange?, actions: [PlanAction]) {
        var values: [BootParameter: String] = [:]
        for (name, value) in boot.parameters {
            guard let p = BootParameter(name: name) else { throw InvalidRequest("[boot] \(name) is not a boot parameter tmemctl manages") }
            values[p] = value
        }
        guard !values.isEmpty else { return (nil, []) }
        var change = try BootChange(set: values, target: boot.target, root: root)
        change.edits = change.edits.filter { $0.old != $0.new }
        let actions = change.edits.map { e in
            PlanAction.bootFile(path: e.file, diff: UnifiedDiff.render(old: e.old, new: e.new, oldName: root.absolute(e.file), newName: root.absolute(e.file)))
        }
        return (change.edits.isEmpty ? nil : change, actions)
    }
}

/// `--device zramN`, checked before anything is read.
func validatedDeviceOption(_ device: String?) throws -> String? {
    guard let device else { return nil }
    guard let d = ZramDevice(name: device, root: SystemRoot("/")) else {
        throw ValidationError("--device: " + ZramDevice.nameRefusal(device))
    }
    return d.name
}
