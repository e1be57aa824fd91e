import Foundation
import Testing
import TmemTestSupport

/// contrib/prometheus/tmemctl.rules.yml: promtool accepts the rules and proves each alert on the synthetic series
/// of tmemctl.rules.test.yml (firing where it must, silent beside it); every alert has a test.
@Suite struct PrometheusRulesTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib/prometheus")

    func names(_ file: String, after prefix: String) throws -> Set<String> {
        let text = try String(contentsOf: Self.dir.appendingPathComponent(file), encoding: .utf8)
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix(prefix) ? t.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) : nil
        })
    }

    @Test func promtoolChecksAndTestsTheRules() throws {
        try #require(Promtool.path != nil, Comment(rawValue: Promtool.missingReason))
        let rules = Self.dir.appendingPathComponent("tmemctl.rules.yml").path
        let check = try Promtool.run(["check", "rules", rules])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("SUCCESS: 5 rules found"), "\(check.output)")
        let test = try Promtool.run(["test", "rules", Self.dir.appendingPathComponent("tmemctl.rules.test.yml").path])
        #expect(test.status == 0, "\(test.output)")
        #expect(test.output.contains("SUCCESS"), "\(test.output)")
    }

    @Test func everyAlertHasATest() throws {
        let alerts = try names("tmemctl.rules.yml", after: "- alert:")
        #expect(alerts == ["ZramNearMemLimit", "ZswapRejectingPages", "ZswapPoolFull", "TmemctlVerifyFailed", "TmemctlScrapeError"])
        #expect(try names("tmemctl.rules.test.yml", after: "alertname:") == alerts)
    }
}
