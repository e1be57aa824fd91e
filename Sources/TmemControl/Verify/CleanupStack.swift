/// Undo actions for what a run created on the live kernel (devices, swap, cgroups, parameters, mounts), run in
/// reverse order of creation whether the run succeeds, fails or is interrupted. A failing undo does not stop
/// the others; its message is kept for the report.
public final class CleanupStack {
    private var actions: [(what: String, action: () throws -> Void)] = []
    public private(set) var failures: [String] = []

    public init() {}

    public func push(_ what: String, _ action: @escaping () throws -> Void) {
        actions.append((what, action))
    }

    /// Runs every pending action, last pushed first.
    public func unwind() {
        while let (what, action) = actions.popLast() {
            do { try action() } catch { failures.append("\(what): \(error)") }
        }
    }

    deinit { unwind() }
}
