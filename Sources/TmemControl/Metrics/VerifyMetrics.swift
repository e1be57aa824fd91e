import TmemCore

/// `tmemctl verify --textfile DIR` → DIR/tmemctl_verify.prom: whether the model still matches the kernel, and
/// per field what it predicted and what the kernel showed, so a dashboard shows where they parted. Its
/// families are its own (tmemctl_verify_*): the textfile collector rejects a family two files define.
extension VerifyReport {
    public func metrics(timestamp: Double) -> MetricFamilies {
        var m = MetricFamilies()
        let path = MetricLabel("path", self.path.rawValue)
        m.add("tmemctl_verify_passed", .gauge,
              help: "1 when every field of every algorithm tmemctl verify ran equalled the model's prediction (or stayed within its stated bound), else 0.",
              labels: [path], passed ? 1 : 0)
        m.add("tmemctl_verify_last_run_timestamp_seconds", .gauge, help: "When this verify run ended, seconds since the epoch.",
              labels: [path], .real(timestamp))
        for r in results {
            let alg = [path, MetricLabel("algorithm", r.algorithm.rawValue)]
            m.add("tmemctl_verify_algorithm_passed", .gauge,
                  help: "Per algorithm: 1 passed, 0 failed; no sample for an algorithm skipped on this kernel.",
                  labels: alg, r.status == .passed ? 1 : 0)
            if r.status == .skipped { continue }
            for f in r.fields {
                let field = alg + [MetricLabel("source", f.source), MetricLabel("field", f.field)]
                m.add("tmemctl_verify_field_predicted", .gauge,
                      help: "The model's prediction of a kernel counter (source mm_stat, zswap, meminfo, vmstat, pagemap; field as the kernel names it).",
                      labels: field, f.predicted)
                m.add("tmemctl_verify_field_live", .gauge, help: "The kernel's value of the same counter in the same run.",
                      labels: field, f.live)
                m.add("tmemctl_verify_field_equal", .gauge,
                      help: "1 when live equals predicted or is within the field's stated bound, else 0.",
                      labels: field, f.status == .different ? 0 : 1)
            }
        }
        return m
    }
}
