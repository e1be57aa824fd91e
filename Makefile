# tmemctl: build a self-contained release binary, install it with its units, rules, man pages and completions,
# and build a Debian package.
#
#   make                          release binary in .build-release (Swift runtime and libstdc++ linked in: no
#                                 toolchain needed to run it; only Debian's libraries stay dynamic)
#   make install [DESTDIR=] [PREFIX=/usr/local]
#   make uninstall [DESTDIR=] [PREFIX=/usr/local]
#   make deb [DEBDIR=dist]        dist/tmemctl_VERSION_ARCH.deb (installs under /usr)
#
# TMEMCTL_BIN=PATH installs that binary instead of building the release one (the tests install a debug build).
# @BINDIR@ in systemd/*.service|*.timer and udev/*.rules is replaced by the installed binary's directory.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/tmemctl
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
SYSTEMDGENERATORDIR ?= $(PREFIX)/lib/systemd/system-generators
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
# Debian's zsh searches vendor-completions under /usr and site-functions under /usr/local.
ZSHCOMPDIR ?= $(if $(filter /usr,$(PREFIX)),$(DATADIR)/zsh/vendor-completions,$(DATADIR)/zsh/site-functions)
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
DEBDIR ?= dist

SWIFT ?= swift
RELEASE_SCRATCH ?= .build-release

ifeq ($(origin TMEMCTL_BIN),undefined)
TMEMCTL_BIN := $(RELEASE_SCRATCH)/release/tmemctl
BINARY_PREREQ := release
else
BINARY_PREREQ :=
endif

UNITS := $(sort $(wildcard systemd/*.service systemd/*.timer))
RULES := $(sort $(wildcard udev/*.rules))
MAN5 := $(sort $(wildcard man/*.5))
MAN8 := $(sort $(wildcard man/*.8))
CONF_EXAMPLE := docs/tmemctl.conf.example

SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g'

.PHONY: all release install uninstall deb

all: release

# SwiftPM rebuilds only what changed; the scratch path keeps the release build apart from the debug one. No
# $ORIGIN run path (nothing is loaded from next to the binary); relocations read-only and bound at start.
# libstdc++, which the Swift runtime needs, is linked in as well: a directory holding only its static archive is
# searched first, so the runtime's -lstdc++ takes the archive (the same libstdc++-12-dev the toolchain links
# against). Binding its ~1,700 symbols at every start was a fifth of a `tmemctl status`. --no-export-dynamic undoes
# the static Swift runtime's -export-dynamic: nothing loads symbols from the executable, and its 11,000 exported
# symbols made the runtime's start-up dladdr scan a 270 KB symbol table. Generic metadata (a Dictionary's storage
# class, say) is fetched through direct accessors rather than by mangled name: resolving a name checks the generic
# requirements by scanning all 5,600 protocol conformance records, ~330,000 instructions for each new type.
STATIC_CXX_DIR = $(abspath $(RELEASE_SCRATCH))/static-libstdc++
release:
	@cxx=$$($(CC) -print-file-name=libstdc++.a); case "$$cxx" in /*) ;; \
	    *) echo "make: no libstdc++.a for $(CC) (apt-get install libstdc++-12-dev)" >&2; exit 1;; esac; \
	    mkdir -p $(STATIC_CXX_DIR) && ln -sfn "$$cxx" $(STATIC_CXX_DIR)/libstdc++.a
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --scratch-path $(RELEASE_SCRATCH) \
	    -Xswiftc -L$(STATIC_CXX_DIR) -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
	    -Xlinker --no-export-dynamic -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now \
	    --product tmemctl

install: $(BINARY_PREREQ)
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSTEMDGENERATORDIR) \
	    $(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 $(TMEMCTL_BIN) $(DESTDIR)$(BINDIR)/tmemctl
	set -e; for f in $(UNITS); do $(SUBST) $$f > $(DESTDIR)$(SYSTEMDUNITDIR)/$${f##*/}; \
	    chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/$${f##*/}; done
# The generator is the binary under another name (it runs generate-units when called tmemctl-generator).
	ln -sfr $(DESTDIR)$(BINDIR)/tmemctl $(DESTDIR)$(SYSTEMDGENERATORDIR)/tmemctl-generator
	set -e; for f in $(RULES); do $(SUBST) $$f > $(DESTDIR)$(UDEVRULESDIR)/$${f##*/}; \
	    chmod 0644 $(DESTDIR)$(UDEVRULESDIR)/$${f##*/}; done
	set -e; for f in $(MAN5); do gzip -9n -c $$f > $(DESTDIR)$(MANDIR)/man5/$${f##*/}.gz; \
	    chmod 0644 $(DESTDIR)$(MANDIR)/man5/$${f##*/}.gz; done
	set -e; for f in $(MAN8); do gzip -9n -c $$f > $(DESTDIR)$(MANDIR)/man8/$${f##*/}.gz; \
	    chmod 0644 $(DESTDIR)$(MANDIR)/man8/$${f##*/}.gz; done
# bash-completion sources the file: no #! line.
	sed -e '1{/^#!/d}' completions/tmemctl.bash > $(DESTDIR)$(BASHCOMPDIR)/tmemctl
	chmod 0644 $(DESTDIR)$(BASHCOMPDIR)/tmemctl
	install -m 0644 completions/_tmemctl $(DESTDIR)$(ZSHCOMPDIR)/_tmemctl
	install -m 0644 completions/tmemctl.fish $(DESTDIR)$(FISHCOMPDIR)/tmemctl.fish
	install -m 0644 $(CONF_EXAMPLE) $(DESTDIR)$(DOCDIR)/tmemctl.conf.example

# Removes exactly what install puts there (and the doc directory when it is left empty); shared directories stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tmemctl $(DESTDIR)$(SYSTEMDGENERATORDIR)/tmemctl-generator \
	    $(addprefix $(DESTDIR)$(SYSTEMDUNITDIR)/,$(notdir $(UNITS))) \
	    $(addprefix $(DESTDIR)$(UDEVRULESDIR)/,$(notdir $(RULES))) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(addsuffix .gz,$(notdir $(MAN5)))) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(addsuffix .gz,$(notdir $(MAN8)))) \
	    $(DESTDIR)$(BASHCOMPDIR)/tmemctl $(DESTDIR)$(ZSHCOMPDIR)/_tmemctl $(DESTDIR)$(FISHCOMPDIR)/tmemctl.fish \
	    $(DESTDIR)$(DOCDIR)/tmemctl.conf.example
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

deb: $(BINARY_PREREQ)
	sh scripts/build-deb $(TMEMCTL_BIN) $(DEBDIR)
