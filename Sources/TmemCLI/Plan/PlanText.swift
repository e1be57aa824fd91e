import TmemControl
import TmemHost

/// The plan as text: per device its decision and the actions, then zswap/sysctl writes and boot files.
enum PlanText {
    static func render(_ plan: Plan, root: SystemRoot) -> String {
        var out: [String] = []
        if let why = plan.kernelUnknown { out.append("note: \(why)") }
        for d in plan.devices {
            var head = "\(d.name): \(d.status.rawValue)"
            if d.status != .skipped && d.status != .absent {
                head += " (disksize \(d.desired.disksize)"
                if d.disksizeEffective != d.desired.disksize { head += ", kernel \(d.disksizeEffective)" }
                if let m = d.memLimitEffective, m != 0 { head += ", mem_limit \(d.desired.memLimit)\(m != d.desired.memLimit ? ", kernel \(m)" : "")" }
                head += ", \(d.desired.compAlgorithm ?? "kernel's default algorithm")"
                if let s = d.desired.swap { head += ", swap priority \(s.priority)" }
                if let m = d.desired.mount { head += ", \(m.fsType) on \(m.point)" }
                head += ")"
            }
            out.append(head)
            for r in d.reasons { out.append("  - \(r)") }
            for a in d.actions { out.append("  \(describe(a, root: root))") }
        }
        for a in plan.policyActions { out.append(describe(a, root: root)) }
        for a in plan.bootActions {
            out.append(describe(a, root: root))
            if let diff = a.value { out.append(diff.hasSuffix("\n") ? String(diff.dropLast()) : diff) }
        }
        if !plan.hasChanges { out.append("nothing to do") }
        return out.joined(separator: "\n")
    }

    static func describe(_ a: PlanAction, root: SystemRoot) -> String {
        if case .write(_, let path, let value) = a { return "write \(value) to \(root.absolute(path))" }
        if case .bootFile(let path, _) = a { return "rewrite \(root.absolute(path))" }
        if case .backingFile = a { return a.backingFileDescription { root.absolute($0) } }
        return a.description
    }
}
