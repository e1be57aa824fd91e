import CShimHarness
import Testing

/// Runs the C harness: toy C backends registered through every era's frontswap and cleancache registration
/// mirror and called only through CShim's kernel-side dispatch. Its expectations are worked out by hand in C.
@Suite struct OpsTableHarnessTests {
    @Test func cHarnessReportsNoFailures() {
        var report = [CChar](repeating: 0, count: 16 * 1024)
        let failures = cshim_harness_run(&report, report.count)
        let text = String(decoding: report.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(failures == 0, "\(text)")
        // The harness really ran its checks (a summary line with a non-zero count).
        #expect(text.hasSuffix("checks, 0 failed\n"))
        #expect(!text.hasPrefix("0 checks"))
    }
}
