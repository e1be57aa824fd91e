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
    static let exampleConfig = repository.appendingPathComponent("udev/tmemctl-udev.conf.example")

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
        // Only the device's own config file is imported, and the rules use only keys the example config sets.
        let imports = pairs.filter { $0.key == "IMPORT" }
        #expect(imports.map(\.value) == ["/etc/tmemctl/udev/$kernel.conf"])
        let config = try Self.config()
        for p in pairs where p.key == "ENV" { #expect(config[p.attribute!] != nil, "ENV{\(p.attribute!)} is not in the example config") }
        let swappiness = try #require(config["TMEMCTL_ZRAM_SWAPPINESS"].flatMap { Int($0) })
        #expect((0...200).contains(swappiness))
    }

    /// The actions are reached only through a successful import of the device's own file: the import line jumps
    /// to them, the next line jumps past them, and no action comes before the import. So a device without a
    /// file (the admin's other devices, verify's and bench's scratch devices) gets nothing but nowatch.
    @Test func onlyDevicesWithTheirOwnConfigFileAreConfigured() throws {
        let lines = try Self.ruleLines().map { Self.parse($0) ?? [] }
        let importAt = try #require(lines.firstIndex { $0.contains { $0.key == "IMPORT" } })
        let jump = try #require(lines[importAt].first { $0.key == "GOTO" }?.value)
        #expect(lines[importAt + 1] == [Pair(key: "GOTO", attribute: nil, op: "=", value: "tmemctl_zram_end")])
        #expect(lines[importAt + 2] == [Pair(key: "LABEL", attribute: nil, op: "=", value: jump)])
        let isAction = { (p: Pair) in ["SYSCTL", "RUN", "ATTR"].contains(p.key) && !(p.op == "==" || p.op == "!=") }
        for (i, line) in lines.enumerated() where line.contains(where: isAction) {
            #expect(i > importAt + 2, "an action before the per-device import: \(line)")
        }
        // A scratch device claimed by a tmemctl run (ZramClaims names the file zramN) stops before the import.
        #expect(lines[importAt - 1] == [Pair(key: "TEST", attribute: nil, op: "==", value: "/" + ZramClaims.directory + "/$kernel"),
                                        Pair(key: "GOTO", attribute: nil, op: "=", value: "tmemctl_zram_end")])
        let header = try String(contentsOf: Self.rulesFile, encoding: .utf8)
        #expect(header.contains("/etc/tmemctl/udev/zramN.conf"))
        #expect(header.contains("ONLY the zram devices the admin names"))
    }

    static func config() throws -> [String: String] {
        var out: [String: String] = [:]
        for line in try String(contentsOf: exampleConfig, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let kv = line.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { out[String(kv[0])] = String(kv[1]) }
        }
        return out
    }

    /// Every RUN of tmemctl, with udev's substitutions filled in as udev would for zram1 and the example config,
    /// is a command line tmemctl parses and validates.
    @Test func tmemctlInvocationsAreValidCommandLines() throws {
        let config = try Self.config()
        let runs = try Self.ruleLines().compactMap(Self.parse).flatMap { $0 }.filter { $0.key == "RUN" }
        #expect(!runs.isEmpty)
        for run in runs {
            var command = run.value.replacingOccurrences(of: "$kernel", with: "zram1")
            for (k, v) in config { command = command.replacingOccurrences(of: "$env{\(k)}", with: v) }
            #expect(!command.contains("$"), "unsubstituted: \(command)")
            let argv = command.split(separator: " ").map(String.init)
            #expect(argv.first?.hasSuffix("/tmemctl") == true && argv.first?.hasPrefix("/") == true)
            let parsed = try Tmemctl.parseAsRoot(Array(argv.dropFirst()))
            #expect(parsed is ZramSetCommand, "\(type(of: parsed))")
        }
    }
}
