import ArgumentParser
import TmemCore

/// Defaults of the built-in mix, shared by `corpus builtin` and `model --builtin`.
enum BuiltinCorpusDefaults {
    /// 4096 pages = 16 MiB.
    static let pages = 4096
    static let seed: UInt64 = 1

    /// --pages of the built-in mix, the same bound for every command (exit 64 beyond it).
    static func validatePages(_ n: Int) throws {
        guard PageCorpus.pageCountRange.contains(n) else {
            throw ValidationError("--pages must be between 1 and \(PageCorpus.maxPages) (16 GiB of 4 KiB pages), not \(n)")
        }
    }
}
