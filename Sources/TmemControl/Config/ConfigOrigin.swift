/// Where a configuration value came from: `/etc/tmemctl/tmemctl.conf:12`. Paths are shown as on the host
/// (root-relative paths with a leading `/`), so messages read the same under `--root`.
public struct ConfigOrigin: Equatable, Hashable, Sendable, CustomStringConvertible, Codable {
    public var file: String
    /// 1-based; 0 for something that has no line (a file as a whole, the kernel command line).
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}

/// A value and the place that set it last.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: ConfigOrigin
    /// The text as written, for `config show`.
    public var text: String

    public init(_ value: Value, origin: ConfigOrigin, text: String) {
        self.value = value
        self.origin = origin
        self.text = text
    }
}

/// One finding about the configuration: `FILE:LINE: key: what is wrong`.
public struct ConfigDiagnostic: Equatable, Sendable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var severity: Severity
    public var origin: ConfigOrigin
    /// The key (or `[section]`) it is about; nil for the file as a whole.
    public var key: String?
    public var message: String

    public init(_ severity: Severity, _ origin: ConfigOrigin, key: String?, _ message: String) {
        self.severity = severity
        self.origin = origin
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(origin): " + (key.map { "\($0): " } ?? "") + message
    }
}
