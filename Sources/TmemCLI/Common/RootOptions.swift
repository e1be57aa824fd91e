import ArgumentParser
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// Options every command that touches the host shares.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).", valueName: "DIR"))
    var root: String?


    var systemRoot: SystemRoot {
        var env: [String: String] = [:]
        if let v = getenv("TMEMCTL_ROOT") { env["TMEMCTL_ROOT"] = String(cString: v) }
        return SystemRoot.resolve(option: root, environment: env)
    }
}
