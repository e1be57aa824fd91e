import TmemHost

/// Which files make up the configuration, in the order they are applied, found the way zram-generator 1.1.2
/// (liboverdrop 0.0.2) finds its own: one main file, the first that exists of /run, /etc, /usr/local/lib and
/// /usr/lib; then drop-ins `*.conf` from /usr/lib, /usr/local/lib, /etc and /run, sorted by file name across
/// those directories, where a same-named file in a later directory replaces an earlier one, a symbolic link to
/// /dev/null removes it, an empty file contributes nothing, and any other link or non-file is skipped
/// (no link is followed). When tmemctl has no file at all, zram-generator's are used with the same rules.
public struct ConfigSources: Equatable, Sendable {
    public enum Family: String, Sendable, Codable {
        /// tmemctl/tmemctl.conf and tmemctl/tmemctl.conf.d.
        case tmemctl
        /// systemd/zram-generator.conf and systemd/zram-generator.conf.d (read when tmemctl has none).
        case zramGenerator = "zram-generator"
        /// One file given with --config.
        case single
    }

    public struct File: Equatable, Sendable {
        /// Root-relative path, e.g. `etc/tmemctl/tmemctl.conf`.
        public var relativePath: String
        /// As shown in messages: `/etc/tmemctl/tmemctl.conf`.
        public var displayPath: String
    }

    public var family: Family
    public var files: [File]
    /// Files that were looked at and left out, with why (masked by /dev/null, a symbolic link, ...).
    public var skipped: [ConfigDiagnostic]

    /// Lowest priority first, as drop-in directories are scanned.
    public static let baseDirectories = ["usr/lib", "usr/local/lib", "etc", "run"]

    static func mainName(_ family: Family) -> String {
        family == .tmemctl ? "tmemctl/tmemctl.conf" : "systemd/zram-generator.conf"
    }

    /// The tmemctl family when it has any file (a main file or any drop-in entry), else zram-generator's.
    public static func locate(root: SystemRoot) -> ConfigSources {
        let own = locate(.tmemctl, root: root)
        if !own.files.isEmpty || !own.skipped.isEmpty { return own }
        return locate(.zramGenerator, root: root)
    }

    /// `--config FILE`: that file alone (a path on the host, read as given).
    public static func single(path: String) -> ConfigSources {
        ConfigSources(family: .single, files: [File(relativePath: path, displayPath: path)], skipped: [])
    }

    public static func locate(_ family: Family, root: SystemRoot) -> ConfigSources {
        let main = mainName(family)
        var files: [File] = []
        var skipped: [ConfigDiagnostic] = []
        // The main file: existence follows links (a link to /dev/null is an empty main file).
        if let dir = baseDirectories.reversed().first(where: { root.exists("\($0)/\(main)") }) {
            files.append(File(relativePath: "\(dir)/\(main)", displayPath: "/\(dir)/\(main)"))
        }
        var dropIns: [String: File] = [:]
        for dir in baseDirectories {
            let d = "\(dir)/\(main).d"
            for name in root.list(d) where !name.hasPrefix(".") && extensionIsConf(name) {
                let rel = "\(d)/\(name)"
                let shown = "/\(rel)"
                switch root.entryKind(rel) {
                case .regularFile:
                    if let earlier = dropIns[name] {
                        skipped.append(ConfigDiagnostic(.warning, ConfigOrigin(file: earlier.displayPath, line: 0), key: nil,
                                                        "replaced by \(shown)"))
                    }
                    dropIns[name] = File(relativePath: rel, displayPath: shown)
                case .symbolicLink(target: "/dev/null"):
                    if let earlier = dropIns.removeValue(forKey: name) {
                        skipped.append(ConfigDiagnostic(.warning, ConfigOrigin(file: earlier.displayPath, line: 0), key: nil,
                                                        "masked by \(shown) (a link to /dev/null)"))
                    } else {
                        skipped.append(ConfigDiagnostic(.warning, ConfigOrigin(file: shown, line: 0), key: nil,
                                                        "a link to /dev/null: masks \(name) of earlier directories"))
                    }
                case .symbolicLink(let target):
                    skipped.append(ConfigDiagnostic(.warning, ConfigOrigin(file: shown, line: 0), key: nil,
                                                    "a symbolic link to \(target): ignored (drop-ins are not followed; only a link to /dev/null masks)"))
                default:
                    skipped.append(ConfigDiagnostic(.warning, ConfigOrigin(file: shown, line: 0), key: nil,
                                                    "not a regular file: ignored"))
                }
            }
        }
        files += dropIns.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).map { dropIns[$0]! }
        return ConfigSources(family: family, files: files, skipped: skipped)
    }

    /// Rust's Path::extension() == "conf": the text after the last dot of a name that does not start with it.
    static func extensionIsConf(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return name[name.index(after: dot)...] == "conf"
    }
}
