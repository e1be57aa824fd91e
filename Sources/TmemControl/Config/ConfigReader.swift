import TmemCore
import SystemPackage
import TmemHost

/// Reads the files of `ConfigSources` into a `TmemConfig`: `[zramN]` keys with zram-generator's exact
/// acceptance, tmemctl's `[zswap]`, `[sysctl]` and `[boot]`, every value with its file:line, and every problem
/// found at once (zram-generator stops at the first; `config check` lists them all).
public struct ConfigReader {
    public let root: SystemRoot

    public init(root: SystemRoot) { self.root = root }

    /// The host's configuration (tmemctl's files, else zram-generator's), or one file for `--config`.
    public func read(configFile: String? = nil) -> TmemConfig {
        let sources = configFile.map(ConfigSources.single(path:)) ?? ConfigSources.locate(root: root)
        return read(sources)
    }

    public func read(_ sources: ConfigSources) -> TmemConfig {
        var config = TmemConfig(sources: sources)
        config.diagnostics += sources.skipped
        for file in sources.files {
            let text: String
            do {
                text = try readText(file, family: sources.family)
            } catch {
                config.diagnostics.append(ConfigDiagnostic(.error, ConfigOrigin(file: file.displayPath, line: 0), key: nil,
                                                           error.message))
                continue
            }
            apply(text: text, file: file.displayPath, to: &config)
        }
        return config
    }

    struct ReadFailure: Error { var message: String }

    private func readText(_ file: ConfigSources.File, family: ConfigSources.Family) throws(ReadFailure) -> String {
        let bytes: [UInt8]
        do {
            // --config names a host path; the located files are under the root (resolved beneath it).
            let (b, st) = family == .single ? try SystemRoot("/").readFile(file.relativePath) : try root.readFile(file.relativePath)
            if let why = ConfigurationTrust.problem(st, checkOwner: root.isLive) {
                throw ReadFailure(message: "refused: \(why); tmemctl applies it as root")
            }
            bytes = b
        } catch let e as Errno {
            let hint = e == .invalidArgument ? "not a regular file" : "check the path and its permissions"
            throw ReadFailure(message: "cannot read: \(ErrnoName.of(e)) (\(hint))")
        } catch let e as ReadFailure {
            throw e
        } catch {
            throw ReadFailure(message: "cannot read: \(ErrnoName.describe(error))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ReadFailure(message: "not valid UTF-8 (zram-generator refuses such a file too)")
        }
        return text
    }

    /// Parses one file's text and merges it (exposed for tests and `config import`).
    public func apply(text: String, file: String, to config: inout TmemConfig) {
        var parser = ConfigIniParser(text)
        let parsed: (sections: [(name: String, line: Int)], properties: [ConfigIniProperty])
        do {
            parsed = try parser.parse()
        } catch {
            config.diagnostics.append(ConfigDiagnostic(.error, ConfigOrigin(file: file, line: error.line), key: nil, error.message))
            return
        }
        // Section headers first, so an empty [zramN] still names a device.
        for s in parsed.sections {
            _ = section(s.name, origin: ConfigOrigin(file: file, line: s.line), config: &config, announce: true)
        }
        for p in parsed.properties {
            let origin = ConfigOrigin(file: file, line: p.line)
            guard let name = p.section else {
                topLevel(p, origin: origin, config: &config)
                continue
            }
            switch section(name, origin: origin, config: &config, announce: false) {
            case .device(let index): ZramKeys.apply(p, origin: origin, to: &config.devices[index]!, diagnostics: &config.diagnostics)
            case .zswap: PolicyKeys.zswap(p, origin: origin, to: &config.zswap!, diagnostics: &config.diagnostics)
            case .sysctl: PolicyKeys.sysctl(p, origin: origin, to: &config.sysctl!, diagnostics: &config.diagnostics)
            case .boot: PolicyKeys.boot(p, origin: origin, root: root, to: &config.boot!, diagnostics: &config.diagnostics)
            case .ignored: break
            }
        }
    }

    enum Section { case device(Int), zswap, sysctl, boot, ignored }

    private func section(_ name: String, origin: ConfigOrigin, config: inout TmemConfig, announce: Bool) -> Section {
        switch name {
        case "zswap":
            if config.zswap == nil { config.zswap = ZswapConfig(origin: origin) }
            return .zswap
        case "sysctl":
            if config.sysctl == nil { config.sysctl = SysctlConfig(origin: origin) }
            return .sysctl
        case "boot":
            if config.boot == nil { config.boot = BootConfig(origin: origin) }
            return .boot
        default: break
        }
        // zram-generator: "zram" followed by anything Rust parses as a u64.
        guard name.hasPrefix("zram"), let n = ConfigValueParsing.rustU64(String(name.dropFirst(4))) else {
            if announce {
                config.diagnostics.append(ConfigDiagnostic(.warning, origin, key: "[\(name)]",
                    "unknown section, ignored (known: [zramN], [zswap], [sysctl], [boot])"))
            }
            return .ignored
        }
        guard n <= UInt64(Int32.max) else {
            if announce {
                config.diagnostics.append(ConfigDiagnostic(.error, origin, key: "[\(name)]", "device index \(n) is out of range"))
            }
            return .ignored
        }
        let index = Int(n)
        if announce && name != "zram\(index)" {
            // zram-generator would make units for a /dev/\(name) that the kernel never creates.
            config.diagnostics.append(ConfigDiagnostic(.warning, origin, key: "[\(name)]",
                "the kernel calls this device zram\(index); read as [zram\(index)], write it that way"))
        }
        if config.devices[index] == nil { config.devices[index] = ZramDeviceConfig(index: index, origin: origin) }
        return .device(index)
    }

    private func topLevel(_ p: ConfigIniProperty, origin: ConfigOrigin, config: inout TmemConfig) {
        if p.key.hasPrefix("set!") {
            config.diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key,
                "refused: set! runs a shell command, and tmemctl runs no shell from configuration (it is root at boot); "
                + "compute the value and write it into the size expression instead"))
        } else {
            config.diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key, "outside any section, ignored"))
        }
    }
}
