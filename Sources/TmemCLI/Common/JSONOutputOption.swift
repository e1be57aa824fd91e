import ArgumentParser

/// `--json`, the one declaration every command that prints a report shares: one JSON document on stdout
/// instead of text (see `Output.json` for what every document carries).
struct JSONOutputOption: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false
}
