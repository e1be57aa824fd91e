import TmemCore
import TmemHost

/// `tmemctl verify --writeback STEPS --backing-device DEV` (block path): after the corpus is written, the steps
/// run on the device and on the model; mm_stat, bd_stat and io_stat must then be equal. Every page is then read
/// back and compared with the corpus (a written-back page comes from the backing device, counted in bd_reads),
/// and bd_stat is compared again (docs/kernel-notes.md#zram-writeback-accounting).
public struct WritebackRequest: Sendable, Equatable {
    public var steps: [ZramWritebackStep]
    /// The block device zram writes pages to; its contents are overwritten.
    public var backingDevice: String

    public init(steps: [ZramWritebackStep], backingDevice: String) {
        self.steps = steps
        self.backingDevice = backingDevice
    }
}

enum WritebackVerification {
    /// The model's side: the device after the corpus (`model`), after the steps, and after reading every page back.
    struct Prediction {
        var afterSteps: ZramModel
        var steps: [ModelReport.WritebackStepResult]
        var afterReadBack: ZramModel
    }

    static func predict(_ model: ZramModel, request: WritebackRequest, backingSize: UInt64, pages: Int,
                        syntax: ZramWritebackSyntax) -> Prediction {
        var m = model
        m.backingBlocks = ZramModel.usableBackingBlocks(bytes: backingSize)
        let steps = WritebackScenario.run(request.steps, on: &m, syntax: syntax)
        var back = m
        if pages > 0 { back.apply(.read(0...(pages - 1))) }
        return Prediction(afterSteps: m, steps: steps, afterReadBack: back)
    }

    /// Why this device cannot run the request, or nil.
    static func unsupported(_ request: WritebackRequest, on device: ZramDevice, settings: VerifySettings) -> String? {
        if !device.has(.backingDev) {
            return "this kernel's zram has no writeback (\(ZramAttribute.backingDev.rawValue): \(ZramAttribute.backingDev.absenceReason))"
        }
        return WritebackScenarioRefusal.first(request.steps, syntax: settings.writebackSyntax, kernel: settings.features.release ?? "this kernel")
    }

    /// Runs the steps on the live device, returning for each the errno name it failed with (nil: it succeeded).
    static func runSteps(_ steps: [ZramWritebackStep], on device: ZramDevice, syntax: ZramWritebackSyntax) throws -> [String?] {
        let io = try ZramBlockIO(device: device)
        let page = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: pageSize)
        defer { page.deallocate() }
        var errors: [String?] = []
        for step in steps {
            try Interruption.check()
            switch step {
            case .markIdle:
                try device.markIdle("all")
                errors.append(nil)
            case .read(let r):
                for i in r { try io.readPage(at: i, into: page) }
                errors.append(nil)
            case .writeback, .pageIndex, .pageIndexes:
                // The kernel's refusal is a result to compare with the model's, not a failure of the run.
                errors.append(try writebackOutcome(device, syntax.sysfsText(step)!))
            }
        }
        return errors
    }

    /// nil when the write succeeded, else the errno's name; an error without an errno is rethrown.
    static func writebackOutcome(_ device: ZramDevice, _ text: String) throws(HostError) -> String? {
        let r = Result { () throws(HostError) in try device.writeback(text) }
        guard case .failure(let e) = r else { return nil }
        guard let errno = e.errno else { throw e }
        return ErrnoName.of(errno)
    }

    /// Every page read back and compared with the corpus: the number that differ.
    static func readBack(_ corpus: PageCorpus, from device: ZramDevice) throws -> Int {
        let io = try ZramBlockIO(device: device)
        let page = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: pageSize)
        defer { page.deallocate() }
        var different = 0
        try corpus.forEachChunk { first, chunk in
            for k in 0..<(chunk.count / pageSize) {
                try Interruption.check()
                try io.readPage(at: first + k, into: page)
                if !PageBytes.equal(UnsafeRawBufferPointer(page), UnsafeRawBufferPointer(rebasing: chunk[k * pageSize ..< (k + 1) * pageSize])) { different += 1 }
            }
        }
        return different
    }

    /// The comparisons after the steps and after the read-back.
    static func compare(_ p: Prediction, liveSteps: [String?], mm: MMStat, bd: BDStat, io: IOStat?,
                        differing: Int, bdAfterReadBack: BDStat, countsInvalidIo: Bool) -> [FieldComparison] {
        var out = p.afterSteps.mmStat.compared(with: mm)
        out += zip(p.afterSteps.bdStat.fields, bd.fields).map { FieldComparison(source: "bd_stat", field: $0.name, predicted: $0.value, live: $1.value) }
        let predictedIO = p.afterSteps.ioStat(countsInvalidIo: countsInvalidIo)
        if let io {
            out += zip(predictedIO.fields, io.fields).map { FieldComparison(source: "io_stat", field: $0.name, predicted: $0.value ?? 0, live: $1.value ?? 0) }
        }
        let unexpected = zip(p.steps, liveSteps).filter { $0.error != $1 }.count
        out.append(FieldComparison(source: "writeback", field: "steps_with_other_outcome", predicted: 0, live: UInt64(unexpected),
                                   note: "steps whose kernel outcome (success or errno) differs from the model's"))
        out.append(FieldComparison(source: "read-back", field: "pages_different", predicted: 0, live: UInt64(differing),
                                   note: "every page read back and compared with the corpus"))
        out += zip(p.afterReadBack.bdStat.fields, bdAfterReadBack.fields).map {
            FieldComparison(source: "bd_stat after read-back", field: $0.name, predicted: $0.value, live: $1.value)
        }
        return out
    }

    static func notes(_ p: Prediction, liveSteps: [String?], request: WritebackRequest, backingSize: UInt64) -> String {
        let steps = zip(p.steps, liveSteps).map { m, live in
            "\(m.step) (model: \(m.pagesWritten) written\(m.error.map { ", \($0)" } ?? "")\(live.map { "; kernel: \($0)" } ?? ""))"
        }
        return "writeback to \(request.backingDevice) (\(backingSize) bytes): " + steps.joined(separator: ", ")
    }
}

/// The first step a kernel cannot run, explained; shared by model and verify.
public enum WritebackScenarioRefusal {
    public static func first(_ steps: [ZramWritebackStep], syntax: ZramWritebackSyntax, kernel: String) -> String? {
        steps.lazy.compactMap { syntax.refusal($0, kernel: kernel) }.first
    }
}
