import ArgumentParser
import TmemCore

/// `--writeback STEPS`, shared by `model` and `verify` so both run the same scenario
/// (docs/kernel-notes.md#zram-writeback-accounting).
enum WritebackStepsArgument {
    static func parse(_ text: String) throws -> [ZramWritebackStep] {
        switch ZramWritebackStep.parseList(text) {
        case .success(let steps): return steps
        case .failure(let e): throw ValidationError("--writeback: \(e.message)")
        }
    }

    static let help = ArgumentHelp(
        "After writing the corpus, run these writeback steps in order (comma-separated): mark-idle (echo all > idle), read=LO-HI (read those pages: clears their idle mark), idle, huge, huge_idle, incompressible (writeback of that type), page_index=N, page_indexes=LO-HI (Linux 6.16+). Ranges are inclusive.",
        valueName: "STEPS")

    static let completion = CompletionKind.list(["mark-idle,huge,idle", "mark-idle,read=0-99,huge_idle,idle", "page_index=0"])
}
