import TmemHost

/// Whether a zram device that just appeared is set up from the configuration: what `tmemctl config wants`
/// answers for udev/60-tmemctl-zram.rules. Only a device the configuration names (a `[zramN]` section that
/// applies on this host: not skipped by host-memory-limit, a zero size or `systemd.zram=0`) and no other tmemctl
/// run claims (verify's, bench's and the tests' scratch devices, bound or about to be) is configured.
public enum HotplugDecision: Equatable, Sendable {
    case configure
    /// Left alone, with why (for the log).
    case leaveAlone(String)
    /// The configuration does not resolve: nothing is configured, and the errors say why.
    case configurationError([String])

    public static func decide(device: ZramDevice, root: SystemRoot, configFile: String? = nil) -> HotplugDecision {
        let config = ConfigReader(root: root).read(configFile: configFile)
        let resolution: ConfigResolver.Resolution
        do { resolution = try ConfigResolver(root: root).resolve(config) } catch {
            return .configurationError(["\(error)"])
        }
        if !resolution.errors.isEmpty { return .configurationError(resolution.errors.map { "\($0)" }) }
        guard let desired = resolution.state.devices.first(where: { $0.name == device.name }) else {
            let files = config.sources.files.map(\.displayPath)
            return .leaveAlone("\(device.name) is not named in \(files.isEmpty ? "any configuration file (there is none)" : files.joined(separator: ", "))")
        }
        if let why = desired.skipped { return .leaveAlone("\(device.name) is skipped on this host: \(why)") }
        switch ZramClaims(root: root).state(of: device) {
        case .claimed(let c): return .leaveAlone("\(device.name) is claimed by pid \(c.pid) (\(c.purpose)): \(c.path)")
        case .pending(let cs):
            return .leaveAlone("a tmemctl run is about to create a device (pid \(cs.map { String($0.pid) }.joined(separator: ", "))): \(device.name) may be its scratch device")
        case .unclaimed, .stale: return .configure
        }
    }
}
