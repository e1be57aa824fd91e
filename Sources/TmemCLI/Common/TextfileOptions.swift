import ArgumentParser
import TmemHost

/// `--textfile DIR`: publish the command's metrics to a file of node_exporter's textfile collector instead of
/// (metrics) or besides (verify, advise) printing them. Each command writes its own file, because the
/// collector rejects a metric family that two files define.
struct TextfileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write Prometheus metrics atomically to DIR (node_exporter's textfile directory, e.g. /var/lib/prometheus/node-exporter).",
                                            valueName: "DIR"),
            completion: .directory)
    var textfile: String?

    func validate() throws {
        if let d = textfile, d.isEmpty { throw ValidationError("--textfile needs a directory, e.g. /var/lib/prometheus/node-exporter") }
    }

    /// Writes `text` as DIR/`file` when --textfile was given; true when it did.
    @discardableResult
    func publish(_ file: String, _ text: String) throws -> Bool {
        guard let dir = textfile else { return false }
        try TextfileWriter(directory: dir).publish(file, contents: text)
        return true
    }
}
