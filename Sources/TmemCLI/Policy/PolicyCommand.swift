import ArgumentParser

/// `tmemctl policy`: the tiering policy declared in the configuration's `[zramN]` sections.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Apply the declared zram tiering policy (idle marking, budgeted writeback, recompression).",
        discussion: """
        A [zramN] section declares the policy with idle-age, writeback-budget, writeback-types, recompress-type \
        and recompress-threshold (see tmemctl.conf(5)); tmemctl-policy.timer runs `tmemctl policy run` \
        periodically.
        """,
        subcommands: [PolicyRunCommand.self]
    )
}
