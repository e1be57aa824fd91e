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

    /// Unwinds after `error` ended a run and returns what to throw instead: the same error when everything was
    /// undone, else one that also names what is left behind (an interruption keeps its signal).
    public func unwind(after error: any Error) -> any Error {
        unwind()
        if failures.isEmpty { return error }
        if var interrupted = error as? Interrupted {
            interrupted.cleanupFailures += failures
            return interrupted
        }
        return CleanupIncomplete(error: error, failures: failures)
    }

    /// Runs `body` with a fresh stack, then unwinds it: returns the body's result and the undo actions that
    /// failed; a thrown error is replaced as in `unwind(after:)`.
    public static func run<T>(_ body: (CleanupStack) throws -> T) throws -> (result: T, failures: [String]) {
        let cleanup = CleanupStack()
        let result: T
        do { result = try body(cleanup) } catch { throw cleanup.unwind(after: error) }
        cleanup.unwind()
        return (result, cleanup.failures)
    }

    deinit { unwind() }
}

/// A run failed and then could not undo everything it had created on the kernel.
public struct CleanupIncomplete: Error, CustomStringConvertible {
    public let error: any Error
    public let failures: [String]

    public var description: String {
        "\(error); cleanup FAILED, remove these by hand: " + failures.joined(separator: "; ")
    }
}

/// A run that otherwise finished could not undo everything it had created on the kernel.
public struct CleanupFailed: Error, CustomStringConvertible {
    public let failures: [String]
    public init(failures: [String]) { self.failures = failures }

    public var description: String { "cleanup FAILED, remove these by hand: " + failures.joined(separator: "; ") }
}
