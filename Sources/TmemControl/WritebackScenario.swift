import TmemCore

/// Writeback steps run on the zram model, each with what it did; the same steps `verify --writeback` runs on the
/// kernel (docs/kernel-notes.md#zram-writeback-accounting).
public enum WritebackScenario {
    public static func run(_ steps: [ZramWritebackStep], on model: inout ZramModel,
                           syntax: ZramWritebackSyntax) -> [ModelReport.WritebackStepResult] {
        steps.map { step in
            switch model.apply(step) {
            case .success(let n):
                return ModelReport.WritebackStepResult(step: step.description, pagesWritten: n, error: nil)
            case .failure(let e):
                let written = if case .backingDeviceFull(let n) = e { n } else { 0 }
                return ModelReport.WritebackStepResult(step: step.description, pagesWritten: written,
                                                       error: errnoName(e, syntax: syntax))
            }
        }
    }

    /// The errno name the kernel's `writeback` write fails with.
    static func errnoName(_ e: ZramWritebackError, syntax: ZramWritebackSyntax) -> String {
        switch e {
        case .backingDeviceFull: "ENOSPC"
        case .outOfRange: syntax.outOfRangeErrno
        }
    }
}
