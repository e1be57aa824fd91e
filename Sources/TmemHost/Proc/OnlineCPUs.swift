import TmemCore

/// `/sys/devices/system/cpu/online`, a cpulist such as `0-1` or `0,2-5`. zram has one compression stream per
/// online CPU since max_comp_streams stopped mattering, so this is what zramctl's STREAMS means today.
public enum OnlineCPUs {
    public static func count(parsing text: String, file: String = "/sys/devices/system/cpu/online") throws(HostError) -> Int {
        var n = 0
        for part in text.trimmingWhitespace().split(separator: ",") {
            let bounds = part.split(separator: "-")
            guard (1...2).contains(bounds.count), let lo = Int(bounds[0]), let hi = Int(bounds.last!), lo <= hi else {
                throw HostError.malformed("cpu list '\(text.trimmingWhitespace())'", in: file)
            }
            n += hi - lo + 1
        }
        guard n > 0 else { throw HostError.malformed("cpu list", in: file, hint: "it names no CPU") }
        return n
    }

    public static func count(root: SystemRoot) throws(HostError) -> Int {
        let rel = "sys/devices/system/cpu/online"
        return try count(parsing: try root.readForParsing(rel, subject: "cpu"), file: root.absolute(rel))
    }
}
