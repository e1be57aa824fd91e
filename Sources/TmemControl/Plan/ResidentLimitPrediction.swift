import TmemCore
import TmemHost

/// `zram-resident-limit = disksize / ratio * 1.2`: `ratio` is orig_data_size / mem_used_total that the zram model
/// predicts for the `ratio-from` corpus with the device's algorithm on this kernel (its zsmalloc chain rule).
/// Evaluated by plan and apply only (a corpus run is too slow for the generator).
public enum ResidentLimitPrediction {
    /// The model's ratio for one corpus file and algorithm.
    public static func ratio(corpusPath: String, algorithm: String?, root: SystemRoot) throws(InvalidRequest) -> Double {
        let name = algorithm ?? CompressionAlgorithm.lzoRle.rawValue
        guard let a = CompressionAlgorithm(rawValue: name) else {
            throw InvalidRequest("ratio needs the model, which knows \(CompressionAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'; give a fixed size instead")
        }
        let corpus: PageCorpus
        do { corpus = try CorpusFile.load(corpusPath, asConfiguration: true, checkOwner: root.isLive) } catch {
            throw InvalidRequest("ratio-from: \(error); capture one with tmemctl corpus capture")
        }
        let table = KernelFeatures.detect(root: root).classTable
        let stat = ZramPrediction.mmStat(corpus: corpus, algorithm: a, classTable: table)
        do { try CorpusFile.checkRead(corpus) } catch {
            throw InvalidRequest("ratio-from: \(error); capture one with tmemctl corpus capture")
        }
        guard stat.memUsedTotal > 0 else {
            throw InvalidRequest("ratio-from \(corpusPath): the model stores nothing for it (only same-filled pages), so ratio is undefined")
        }
        return Double(stat.origDataSize) / Double(stat.memUsedTotal)
    }

    /// The resolver plan and apply pass to `Planner.plan`: `ram` in whole MB, `disksize` in MB, `ratio` as above.
    public static func resolver(root: SystemRoot, ramMB: Double, evaluator: any SizeExpressionEvaluating) -> ResidentLimitResolver {
        { (device: DesiredState.Device, algorithm: String?) throws(InvalidRequest) -> UInt64 in
            guard let r = device.residentLimit else { return device.memLimit }
            let ratio = try Self.ratio(corpusPath: r.ratioFrom, algorithm: algorithm, root: root)
            return try evaluator.bytes(of: r.expression,
                                       variables: ["ram": ramMB, "disksize": Double(device.disksize) / 1048576, "ratio": ratio])
        }
    }
}
