import ArgumentParser
import TmemControl
import TmemHost

struct BootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boot",
        abstract: "Show and change zswap and zram settings for the next boot.",
        discussion: """
        Boot-time settings live on the kernel command line (zswap.enabled=Y, zram.num_devices=N for a built-in \
        zram) or, for a modular zram, in /etc/modprobe.d (options zram num_devices=N). tmemctl edits GRUB's \
        /etc/default/grub (GRUB_CMDLINE_LINUX_DEFAULT, or GRUB_CMDLINE_LINUX where a parameter already is), \
        systemd-boot/kernel-install's /etc/kernel/cmdline, and its own /etc/modprobe.d/tmemctl-zram.conf. \
        Files are replaced atomically and the previous version is kept as FILE.tmemctl-bak; --dry-run prints \
        the diff instead. tmemctl never runs update-grub, kernel-install or a reboot: it says what to run.
        """,
        subcommands: [BootShowCommand.self, BootSetCommand.self, BootUnsetCommand.self]
    )
}


/// What set and unset share: print the diff (dry run) or write and say what to run next.
enum BootChangeOutput {
    static func run(_ change: BootChange, root: SystemRoot, dryRun: Bool,
                    unchanged: String = "nothing to change: the boot configuration already says this") throws {
        for w in change.warnings { Output.diagnostic("tmemctl: warning: \(w)") }
        if change.edits.isEmpty {
            print(unchanged)
            return
        }
        if dryRun {
            print(change.diff(root: root), terminator: "")
            for e in change.edits { print("dry run: would \(verb(e)) \(root.absolute(e.file)); nothing written") }
            return
        }
        try change.apply(root: root)
        for e in change.edits {
            let backup = e.old == nil ? "" : " (previous version: \(root.absolute(ConfigurationFileWriter.backupPath(e.file))))"
            print("\(verb(e, past: true)) \(root.absolute(e.file))\(backup)")
        }
        for s in change.nextSteps { print("next: \(s)") }
    }

    static func verb(_ e: BootChange.FileEdit, past: Bool = false) -> String {
        switch (e.old, e.new) {
        case (nil, _): past ? "created" : "create"
        case (_, nil): past ? "removed" : "remove"
        default: past ? "edited" : "edit"
        }
    }
}
