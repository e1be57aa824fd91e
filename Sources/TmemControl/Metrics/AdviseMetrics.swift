import TmemCore

/// `tmemctl advise --textfile DIR` → DIR/tmemctl_advise.prom: the ratio each algorithm would reach on the
/// workload, the advised one, and the disksize that fits the budget. Families tmemctl_advise_* only.
extension AdviseReport {
    public func metrics(timestamp: Double) -> MetricFamilies {
        var m = MetricFamilies()
        let workloadLabel = MetricLabel("workload", workload.kind.rawValue)
        m.add("tmemctl_advise_last_run_timestamp_seconds", .gauge, help: "When this advise run ended, seconds since the epoch.",
              labels: [workloadLabel], .real(timestamp))
        m.add("tmemctl_advise_workload_pages", .gauge, help: "Pages of the workload sample the advice is based on.",
              labels: [workloadLabel], UInt64(workload.pages))
        for r in results {
            let alg = [workloadLabel] + Self.labels(r)
            if let ratio = r.ratioAtScale {
                m.add("tmemctl_advise_algorithm_expected_ratio", .gauge,
                      help: "orig_data_size / mem_used_total the model expects for the workload at scale, per algorithm.",
                      labels: alg, .real(ratio))
            }
            m.add("tmemctl_advise_algorithm_pool_bytes", .gauge,
                  help: "zsmalloc memory the model expects the workload sample to take, per algorithm (mem_used_total).",
                  labels: alg, r.memUsedTotal)
        }
        if let bestEntry = results.first(where: { $0.name == bestName }) {
            let labels = [workloadLabel] + Self.labels(bestEntry)
            let ratio = bestEntry.ratioAtScale
            if let ratio {
                m.add("tmemctl_advise_expected_ratio", .gauge,
                      help: "The advised algorithm's expected orig_data_size / mem_used_total (its name is the algorithm label).",
                      labels: labels, .real(ratio))
            }
            if let d = disksize {
                m.add("tmemctl_advise_recommended_disksize_bytes", .gauge,
                      help: "Largest disksize whose full device stays within the RAM budget (--pool-percent).",
                      labels: labels, d.recommendedDisksize)
                m.add("tmemctl_advise_worth_it", .gauge,
                      help: "1 when swapping to zram frees at least 20% of what it holds for this workload, else 0.",
                      labels: labels, d.worthIt ? 1 : 0)
            }
        }
        return m
    }

    /// algorithm, and level where the algorithm has levels (one series per ranked setting).
    static func labels(_ r: AlgorithmCost) -> [MetricLabel] {
        [MetricLabel("algorithm", r.algorithm.rawValue)] + (r.level.map { [MetricLabel("level", String($0))] } ?? [])
    }
}
