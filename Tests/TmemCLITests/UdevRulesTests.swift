import Foundation
import Testing
@testable import TmemCLI
import TmemHost

/// udev/60-tmemctl-zram.rules: Debian 12's systemd 252 has no `udevadm verify` (253+), so the rules are checked
/// against udev(7)'s grammar here: every line a comment or comma-separated KEY[{attr}] OP "value" pairs with a
/// known key and an operator that key allows, GOTOs that reach a LABEL, and every tmemctl it runs a command
/// line tmemctl accepts.
@Suite struct UdevRulesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesFile = repository.appendingPathComponent("udev/60-tmemctl-zram.rules")

    /// udev(7): keys that only match, keys that only assign, keys that do both.
    static let matchOnly: Set<String> = ["ACTION", "DEVPATH", "KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER",
                                         "DRIVERS", "ATTRS", "TAGS", "TEST", "PROGRAM", "RESULT", "CONST"]
    static let assignOnly: Set<String> = ["OPTIONS", "OWNER", "GROUP", "MODE", "SECLABEL", "RUN", "LABEL", "GOTO", "IMPORT"]
    static let both: Set<String> = ["NAME", "SYMLINK", "ATTR", "SYSCTL", "ENV", "TAG"]
    static let needsAttribute: Set<String> = ["ATTR", "ATTRS", "SYSCTL", "ENV", "IMPORT", "SECLABEL", "CONST"]
    static let options: Set<String> = ["watch", "nowatch", "db_persist", "static_node", "link_priority", "string_escape", "log_level"]

    struct Pair: Equatable { var key: String; var attribute: String?; var op: String; var value: String }

    /// Splits one rule line into its pairs; nil if any part does not follow the grammar.
    static func parse(_ line: String) -> [Pair]? {
        var pairs: [Pair] = []
        var s = Substring(line)
        while true {
            s = s.drop(while: { $0 == " " || $0 == "\t" })
            let key = s.prefix(while: { $0.isUppercase || $0 == "_" })
            guard !key.isEmpty else { return nil }
            s = s.dropFirst(key.count)
            var attribute: String?
            if s.first == "{" {
                guard let close = s.firstIndex(of: "}") else { return nil }
                attribute = String(s[s.index(after: s.startIndex)..<close])
                guard !attribute!.isEmpty else { return nil }
                s = s[s.index(after: close)...]
            }
            s = s.drop(while: { $0 == " " })
            guard let op = ["==", "!=", "+=", "-=", ":=", "="].first(where: { s.hasPrefix($0) }) else { return nil }
            s = s.dropFirst(op.count).drop(while: { $0 == " " })
            guard s.first == "\"" else { return nil }
            s = s.dropFirst()
            guard let end = s.firstIndex(of: "\"") else { return nil }
            pairs.append(Pair(key: String(key), attribute: attribute, op: op, value: String(s[..<end])))
            s = s[s.index(after: end)...].drop(while: { $0 == " " })
            if s.isEmpty { return pairs }
            guard s.first == "," else { return nil }
            s = s.dropFirst()
        }
    }

    static func problems(in pairs: [Pair]) -> [String] {
        var out: [String] = []
        for p in pairs {
            let isMatch = p.op == "==" || p.op == "!="
            if matchOnly.contains(p.key) { if !isMatch { out.append("\(p.key) only matches, not \(p.op)") } }
            else if assignOnly.contains(p.key) { if isMatch { out.append("\(p.key) only assigns, not \(p.op)") } }
            else if !both.contains(p.key) { out.append("unknown key \(p.key)") }
            if needsAttribute.contains(p.key) && p.attribute == nil { out.append("\(p.key) needs {attribute}") }
            if ["LABEL", "GOTO", "IMPORT"].contains(p.key) && p.op != "=" { out.append("\(p.key) takes =") }
            if p.key == "OPTIONS" {
                for o in p.value.split(separator: ",") where !options.contains(String(o.split(separator: "=")[0])) {
                    out.append("unknown option \(o)")
                }
            }
        }
        return out
    }

    static func ruleLines() throws -> [String] {
        try String(contentsOf: rulesFile, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
    }

    @Test func theCheckerRejectsWhatUdevRejects() {
        #expect(Self.parse(#"KERNEL=="zram*", OPTIONS+="nowatch""#) != nil)
        #expect(Self.parse(#"KERNEL=="zram*" OPTIONS+="nowatch""#) == nil)          // no comma
        #expect(Self.parse(#"KERNEL==zram*"#) == nil)                                 // unquoted
        #expect(Self.parse(#"ATTR{initstate=="1""#) == nil)                            // unclosed brace
        #expect(Self.problems(in: Self.parse(#"KERNAL=="zram*""#)!) == ["unknown key KERNAL"])
        #expect(Self.problems(in: Self.parse(#"ACTION="add""#)!) == ["ACTION only matches, not ="])
        #expect(Self.problems(in: Self.parse(#"RUN=="x""#)!) == ["RUN only assigns, not =="])
        #expect(Self.problems(in: Self.parse(#"OPTIONS+="no_watch""#)!) == ["unknown option no_watch"])
    }

    @Test func everyRuleLineFollowsTheGrammar() throws {
        let lines = try Self.ruleLines()
        #expect(lines.count >= 5)
        for line in lines {
            let pairs = Self.parse(line)
            #expect(pairs != nil, "cannot parse: \(line)")
            #expect(Self.problems(in: pairs ?? []) == [], "\(line)")
        }
    }

    @Test func gotosReachALabelAndZramIsNotWatched() throws {
        let pairs = try Self.ruleLines().compactMap(Self.parse).flatMap { $0 }
        let labels = Set(pairs.filter { $0.key == "LABEL" }.map(\.value))
        for g in pairs where g.key == "GOTO" { #expect(labels.contains(g.value), "GOTO \(g.value) has no LABEL") }
        #expect(pairs.contains(Pair(key: "OPTIONS", attribute: nil, op: "+=", value: "nowatch")))
        #expect(pairs.contains(Pair(key: "KERNEL", attribute: nil, op: "!=", value: "zram[0-9]*")))
        // No per-device file any more: the rules read no configuration themselves.
        #expect(!pairs.contains { $0.key == "IMPORT" })
    }

    /// The actions are reached only through the decision of `tmemctl config wants`: its line jumps to them, the next
    /// line jumps past them, and no action comes before it. A claimed scratch device stops before the decision runs,
    /// and the properties that would steer the programs are dropped before anything runs.
    @Test func onlyDevicesTheConfigurationWantsAreConfigured() throws {
        let lines = try Self.ruleLines().map { Self.parse($0) ?? [] }
        let decisionAt = try #require(lines.firstIndex { $0.contains { $0.key == "PROGRAM" } })
        let jump = try #require(lines[decisionAt].first { $0.key == "GOTO" }?.value)
        #expect(lines[decisionAt + 1] == [Pair(key: "GOTO", attribute: nil, op: "=", value: "tmemctl_zram_end")])
        #expect(lines[decisionAt + 2] == [Pair(key: "LABEL", attribute: nil, op: "=", value: jump)])
        let isAction = { (p: Pair) in
            ["SYSCTL", "RUN", "ATTR"].contains(p.key) && !(p.op == "==" || p.op == "!=") || (p.key == "ENV" && p.attribute == "SYSTEMD_WANTS")
        }
        for (i, line) in lines.enumerated() where line.contains(where: isAction) {
            #expect(i > decisionAt + 2, "an action before the decision: \(line)")
        }
        // A scratch device claimed by a tmemctl run (ZramClaims names the file zramN) stops before the decision.
        let claimAt = try #require(lines.firstIndex { $0.first == Pair(key: "TEST", attribute: nil, op: "==", value: "/" + ZramClaims.directory + "/%k") })
        #expect(claimAt < decisionAt)
        #expect(lines[claimAt].last == Pair(key: "GOTO", attribute: nil, op: "=", value: "tmemctl_zram_end"))
        // Under systemd the setup unit is wanted (the decision's line passed); otherwise apply runs on add.
        let wants = try #require(lines.first { $0.contains { $0.key == "ENV" && $0.attribute == "SYSTEMD_WANTS" } })
        #expect(wants == [Pair(key: "TEST", attribute: nil, op: "==", value: "/run/systemd/system"),
                          Pair(key: "ENV", attribute: "SYSTEMD_WANTS", op: "+=", value: "tmemctl-setup@%k.service"),
                          Pair(key: "GOTO", attribute: nil, op: "=", value: "tmemctl_zram_end")])
        let run = try #require(lines.first { $0.contains { $0.key == "RUN" } })
        #expect(run.first == Pair(key: "ACTION", attribute: nil, op: "==", value: "add"))
        #expect(lines.firstIndex(of: wants)! < lines.firstIndex(of: run)!)
        let header = try String(contentsOf: Self.rulesFile, encoding: .utf8)
        #expect(!header.contains("/etc/tmemctl/udev"))
        #expect(header.contains("only when the device first becomes active"))
    }

    /// udev passes every property of the device as the environment of what it runs. The ld.so variables and
    /// TMEMCTL_ROOT are dropped before the first program, and each program starts through `env -i`.
    @Test func programsRunWithAReducedEnvironment() throws {
        let lines = try Self.ruleLines().map { Self.parse($0) ?? [] }
        let firstProgram = try #require(lines.firstIndex { $0.contains { $0.key == "PROGRAM" || $0.key == "RUN" } })
        let cleared = Set(lines[..<firstProgram].flatMap { $0 }.filter { $0.key == "ENV" && $0.op == "=" && $0.value.isEmpty }.compactMap(\.attribute))
        #expect(cleared.isSuperset(of: ["LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "TMEMCTL_ROOT"]), "\(cleared)")
        for p in lines.flatMap({ $0 }) where p.key == "PROGRAM" || p.key == "RUN" {
            #expect(p.value.hasPrefix("/usr/bin/env -i @BINDIR@/tmemctl "), "\(p.value)")
        }
    }

    /// Every command the rules run, as udev splits it (on spaces, after substitution), with the device's kernel name
    /// the only value from the event: each one a command line tmemctl parses, the fake root pinned to `/` against
    /// any TMEMCTL_ROOT, and the name attached to its option with `=`, so a value that begins with `-` could not
    /// become an option of its own.
    @Test func tmemctlInvocationsAreValidCommandLines() throws {
        let programs = try Self.ruleLines().compactMap(Self.parse).flatMap { $0 }.filter { $0.key == "RUN" || $0.key == "PROGRAM" }
        #expect(programs.count == 2)
        var kinds: [String] = []
        for program in programs {
            let words = program.value.split(separator: " ").map(String.init)
            let substituted = words.filter { $0.contains("%") || $0.contains("$") }
            #expect(substituted == ["--device=%k"], "\(program.value)")
            let argv = words.map { $0.replacingOccurrences(of: "%k", with: "zram1") }
            #expect(Array(argv.prefix(3)) == ["/usr/bin/env", "-i", "@BINDIR@/tmemctl"])
            #expect(argv.contains("--root=/"))
            let parsed = try Tmemctl.parseAsRoot(Array(argv.dropFirst(3)))
            kinds.append("\(type(of: parsed))")
        }
        #expect(kinds == ["ConfigWantsCommand", "ApplyCommand"])
    }
}
