import Testing
import TmemControl
import TmemCore
import TmemTestSupport

/// verify's and advise's reports as metrics: each its own tmemctl_verify_* / tmemctl_advise_* families (the
/// textfile collector rejects a family two files define), and promtool accepts them.
@Suite struct ModelMetricsTests {
    func failedReport() -> VerifyReport {
        let ok = AlgorithmVerification(algorithm: .lz4, device: "zram1", fields: [
            FieldComparison(source: "mm_stat", field: "orig_data_size", predicted: 4096, live: 4096),
            FieldComparison(source: "mm_stat", field: "mem_used_total", predicted: 8192, live: 12288),
        ])
        let skipped = AlgorithmVerification.skipped(.lzo, reason: "not offered")
        return VerifyReport(corpus: CorpusDescription(path: nil, pages: 1, seed: 1), path: .block, zswap: false,
                            kernel: .init(release: "6.18", chainSize: 8, chainSizeSource: "/proc/config.gz", hugeClassSize: 3632), results: [ok, skipped])
    }

    @Test func verifyReportBecomesPredictedAndLivePerField() throws {
        let text = PrometheusText.render(failedReport().metrics(timestamp: 1_700_000_000.5))
        let s = ExpositionSamples.parse(text)
        #expect(s["tmemctl_verify_passed{path=\"block\"}"] == "0")
        #expect(s["tmemctl_verify_last_run_timestamp_seconds{path=\"block\"}"] == "1700000000.5")
        #expect(s["tmemctl_verify_algorithm_passed{path=\"block\",algorithm=\"lz4\"}"] == "0")
        #expect(s["tmemctl_verify_algorithm_passed{path=\"block\",algorithm=\"lzo\"}"] == "0")
        let f = "{path=\"block\",algorithm=\"lz4\",source=\"mm_stat\",field=\"mem_used_total\"}"
        #expect(s["tmemctl_verify_field_predicted\(f)"] == "8192")
        #expect(s["tmemctl_verify_field_live\(f)"] == "12288")
        #expect(s["tmemctl_verify_field_equal\(f)"] == "0")
        #expect(s["tmemctl_verify_field_equal{path=\"block\",algorithm=\"lz4\",source=\"mm_stat\",field=\"orig_data_size\"}"] == "1")
        // A skipped algorithm has no field samples.
        #expect(!text.contains("algorithm=\"lzo\",source="))
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("# HELP tmemctl_verify_") || $0.hasPrefix("# TYPE tmemctl_verify_") || $0.hasPrefix("tmemctl_verify_") })
        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let check = try Promtool.checkMetrics(text)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
    }

    @Test func labelValuesAndHelpAreEscaped() {
        var m = MetricFamilies()
        m.add("tmemctl_test", .gauge, help: "a \\ b\nc", labels: [MetricLabel("device", "x\"y\\z\nw")], .real(.nan))
        m.add("tmemctl_test", .gauge, help: "a \\ b\nc", labels: [MetricLabel("device", "inf")], .real(-.infinity))
        #expect(PrometheusText.render(m) == """
            # HELP tmemctl_test a \\\\ b\\nc
            # TYPE tmemctl_test gauge
            tmemctl_test{device="x\\"y\\\\z\\nw"} NaN
            tmemctl_test{device="inf"} -Inf

            """)
    }
}
