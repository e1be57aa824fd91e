import ArgumentParser
import TmemControl

/// `tmemctl config show`: the merged configuration with the file and line of every value.
struct ConfigShowCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the merged configuration and, per value, the file and line it came from."
    )
    static var errorPrefix: String { "tmemctl config show" }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions
    @OptionGroup var format: JSONOutputOption

    func execute() throws {
        let config = ConfigReader(root: rootOptions.systemRoot).read(configFile: source.config)
        let listing = ConfigListing(config)
        if format.json {
            try Output.printJSON(ConfigShowDocument(config: config, listing: listing))
            return
        }
        for d in config.diagnostics { Output.diagnostic("\(d.severity.rawValue): \(d)") }
        var header = config.sources.files.map { "# \($0.displayPath)" }
        if config.sources.files.isEmpty { header = ["# no configuration file (\(config.sources.family.rawValue) family searched)"] }
        else if config.sources.family == .zramGenerator { header.insert("# zram-generator's files (no tmemctl configuration exists)", at: 0) }
        print(header.joined(separator: "\n"))
        let text = listing.text(origins: true)
        if !text.isEmpty { print(""); print(text, terminator: "") }
    }
}

/// `config show --json`; every key present.
struct ConfigShowDocument: Encodable {
    var config: TmemConfig
    var listing: ConfigListing

    enum K: String, CodingKey { case schemaVersion, source, files, sections, diagnostics }
    enum S: String, CodingKey { case name, origin, keys }
    enum E: String, CodingKey { case key, value, file, line }
    enum D: String, CodingKey { case severity, file, line, key, message }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        try c.encode(1, forKey: .schemaVersion)
        try c.encode(config.sources.family.rawValue, forKey: .source)
        try c.encode(config.sources.files.map(\.displayPath), forKey: .files)
        var sections = c.nestedUnkeyedContainer(forKey: .sections)
        for s in listing.sections {
            var sc = sections.nestedContainer(keyedBy: S.self)
            try sc.encode(s.name, forKey: .name)
            try sc.encode(s.origin?.description, forKey: .origin)
            var keys = sc.nestedUnkeyedContainer(forKey: .keys)
            for e in s.entries {
                var ec = keys.nestedContainer(keyedBy: E.self)
                try ec.encode(e.key, forKey: .key)
                try ec.encode(e.value, forKey: .value)
                try ec.encode(e.origin?.file, forKey: .file)
                try ec.encode(e.origin?.line, forKey: .line)
            }
        }
        var diags = c.nestedUnkeyedContainer(forKey: .diagnostics)
        for d in config.diagnostics {
            var dc = diags.nestedContainer(keyedBy: D.self)
            try dc.encode(d.severity.rawValue, forKey: .severity)
            try dc.encode(d.origin.file, forKey: .file)
            try dc.encode(d.origin.line == 0 ? nil : d.origin.line, forKey: .line)
            try dc.encode(d.key, forKey: .key)
            try dc.encode(d.message, forKey: .message)
        }
    }
}
