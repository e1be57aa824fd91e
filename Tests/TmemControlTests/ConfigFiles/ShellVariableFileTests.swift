import Foundation
import Testing
import TmemControl

/// /etc/default/grub as a shell would read it; each expected value is what `sh -c '. FILE; echo "$VAR"'` prints.
@Suite struct ShellVariableFileTests {
    let debian = """
    # If you change this file, run 'update-grub' afterwards to update
    GRUB_DEFAULT=0
    GRUB_TIMEOUT=5
    GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`
    GRUB_CMDLINE_LINUX_DEFAULT="quiet"
    GRUB_CMDLINE_LINUX=""
    #GRUB_CMDLINE_LINUX="zswap.enabled=1"

    """

    func value(_ text: String, _ name: String) -> String? {
        if case .assigned(let a) = ShellVariableFile(text).lookup(name) { return a.value }
        return nil
    }

    @Test func readsDoubleSingleAndBareForms() {
        #expect(value(debian, "GRUB_CMDLINE_LINUX_DEFAULT") == "quiet")
        #expect(value(debian, "GRUB_CMDLINE_LINUX") == "")
        #expect(value("GRUB_CMDLINE_LINUX='ro  zswap.enabled=1' # note\n", "GRUB_CMDLINE_LINUX") == "ro  zswap.enabled=1")
        #expect(value("export GRUB_CMDLINE_LINUX=quiet\n", "GRUB_CMDLINE_LINUX") == "quiet")
        #expect(value("GRUB_CMDLINE_LINUX=\"a\"\nGRUB_CMDLINE_LINUX=\"b\"\n", "GRUB_CMDLINE_LINUX") == "b")
        #expect(ShellVariableFile("GRUB_TIMEOUT=5\n").lookup("GRUB_CMDLINE_LINUX") == .missing)
    }

    @Test(arguments: [
        "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX quiet\"\n",
        "GRUB_CMDLINE_LINUX=\"quiet\"' splash'\n",
        "GRUB_CMDLINE_LINUX=\"quiet\n splash\"\n",
        "GRUB_CMDLINE_LINUX=\"quiet\"; echo hi\n",
        "GRUB_CMDLINE_LINUX+=\" splash\"\n",
        "GRUB_CMDLINE_LINUX=\"ok\"\nGRUB_CMDLINE_LINUX=\"${GRUB_CMDLINE_LINUX} x\"\n",
        "GRUB_CMDLINE_LINUX=a\\ b\n",
    ])
    func refusesFormsItCannotReadSafely(_ text: String) {
        guard case .unparseable = ShellVariableFile(text).lookup("GRUB_CMDLINE_LINUX") else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(ShellVariableFile(text).assigning("GRUB_CMDLINE_LINUX", "x") == nil)
    }

    @Test func rewritesOnlyTheValueInItsOwnQuoting() throws {
        let edited = try #require(ShellVariableFile(debian).assigning("GRUB_CMDLINE_LINUX_DEFAULT", "quiet zswap.enabled=Y"))
        #expect(edited == debian.replacingOccurrences(of: "_DEFAULT=\"quiet\"", with: "_DEFAULT=\"quiet zswap.enabled=Y\""))
        let single = "A=1\nGRUB_CMDLINE_LINUX='ro' # keep\nB=2"
        #expect(ShellVariableFile(single).assigning("GRUB_CMDLINE_LINUX", "ro zram.num_devices=2") == "A=1\nGRUB_CMDLINE_LINUX='ro zram.num_devices=2' # keep\nB=2")
        #expect(ShellVariableFile("GRUB_CMDLINE_LINUX=ro\n").assigning("GRUB_CMDLINE_LINUX", "ro quiet") == "GRUB_CMDLINE_LINUX=\"ro quiet\"\n")
    }

    @Test func appendsAMissingVariable() {
        #expect(ShellVariableFile("GRUB_TIMEOUT=5").assigning("GRUB_CMDLINE_LINUX_DEFAULT", "zswap.enabled=Y")
                == "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT=\"zswap.enabled=Y\"\n")
        #expect(ShellVariableFile("").assigning("GRUB_CMDLINE_LINUX_DEFAULT", "q") == "GRUB_CMDLINE_LINUX_DEFAULT=\"q\"\n")
    }
}
