/// Prometheus metric types tmemctl emits (text format 0.0.4 `# TYPE` values).
public enum MetricType: String, Sendable {
    /// Cumulative since boot (or since the device was initialized); the name ends in `_total`.
    case counter
    case gauge
    /// A kernel counter whose meaning tmemctl does not know (a debugfs file of a newer kernel).
    case untyped
}

/// A sample's value. Kernel counters are unsigned 64-bit and printed exactly; derived figures are real numbers.
public enum MetricValue: Equatable, Sendable {
    case unsigned(UInt64)
    case signed(Int64)
    case real(Double)
}

public struct MetricLabel: Equatable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public struct MetricSample: Equatable, Sendable {
    public var labels: [MetricLabel]
    public var value: MetricValue
}

/// One family: a name, one HELP and TYPE, and its samples.
public struct MetricFamily: Equatable, Sendable {
    public var name: String
    public var type: MetricType
    public var help: String
    public var samples: [MetricSample]
}

/// Families in the order they were first added, so output order is stable between scrapes.
public struct MetricFamilies: Sendable {
    public private(set) var families: [MetricFamily] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Adds a sample to `name`, creating the family on first use. A name is one family: adding it again with
    /// another type or help is a programming error.
    public mutating func add(_ name: String, _ type: MetricType, help: String, labels: [MetricLabel] = [],
                             _ value: MetricValue) {
        precondition(type != .counter || name.hasSuffix("_total"), "counter \(name) must end in _total")
        if let i = index[name] {
            precondition(families[i].type == type && families[i].help == help, "family \(name) redefined")
            families[i].samples.append(MetricSample(labels: labels, value: value))
        } else {
            index[name] = families.count
            families.append(MetricFamily(name: name, type: type, help: help,
                                         samples: [MetricSample(labels: labels, value: value)]))
        }
    }

    public mutating func add(_ name: String, _ type: MetricType, help: String, labels: [MetricLabel] = [],
                             _ value: UInt64) {
        add(name, type, help: help, labels: labels, .unsigned(value))
    }

    public subscript(_ name: String) -> MetricFamily? { index[name].map { families[$0] } }
}
