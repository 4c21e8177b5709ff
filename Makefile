# make [CONFIGURATION=release]            build missedcalld and missedcallctl
# make install [PREFIX=/usr/local] [DESTDIR=]   install them with the unit, sysusers, udev rules,
#                                          a default configuration (never overwritten), man page
# make uninstall                           remove what install put (not the configuration or state)
# make deb                                 a Debian package built from the same layout (dpkg-deb)
PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
# Release binaries carry the Swift runtime and Foundation inside them: they run on a Debian 12 box
# with no Swift toolchain (measured in docs/operations/operators-guide.md).
SWIFT_FLAGS ?= $(if $(filter release,$(CONFIGURATION)),--static-swift-stdlib,)
# The one place the version lives: what `missedcalld --version` prints.
VERSION := $(shell sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/AdminContract/MissedcallVersion.swift)
BINDIR = $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
UDEVRULESDIR ?= /etc/udev/rules.d
CONFDIR ?= /etc/missedcall
MANDIR = $(PREFIX)/share/man/man1
MAN8DIR = $(PREFIX)/share/man/man8
DOCDIR = $(PREFIX)/share/doc/missedcall
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
MONITORINGDIR = $(PREFIX)/share/missedcall/monitoring
BUILT = .build/$(CONFIGURATION)

.PHONY: all build install uninstall deb

all: build

build:
ifndef SKIP_BUILD
	scripts/install-deps
	swift build -c $(CONFIGURATION) $(SWIFT_FLAGS) --product missedcalld
	swift build -c $(CONFIGURATION) $(SWIFT_FLAGS) --product missedcallctl
endif

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(CONFDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(MAN8DIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(MONITORINGDIR)
	install -m 0755 $(BUILT)/missedcalld $(BUILT)/missedcallctl $(DESTDIR)$(BINDIR)/
	install -d $(DESTDIR)$(PREFIX)/share/missedcall
	install -m 0644 Sources/Gateway/Resources/number-data.tsv Sources/Gateway/Resources/LICENSE-phonenumbers.txt $(DESTDIR)$(PREFIX)/share/missedcall/
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g' systemd/missedcalld.service.in > $(DESTDIR)$(UNITDIR)/missedcalld.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/missedcalld.service
	install -m 0644 systemd/missedcall.sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/missedcall.conf
	install -m 0644 udev-rules/70-missedcall-modems.rules $(DESTDIR)$(UDEVRULESDIR)/
	test -e $(DESTDIR)$(CONFDIR)/missedcalld.json || install -m 0640 systemd/missedcalld.json $(DESTDIR)$(CONFDIR)/missedcalld.json
	# Every key with its default and what it does, beside the minimal default (and with the docs).
	install -m 0644 systemd/missedcalld.example.json $(DESTDIR)$(CONFDIR)/missedcalld.example.json
	install -d $(DESTDIR)$(DOCDIR)/examples
	install -m 0644 systemd/missedcalld.example.json $(DESTDIR)$(DOCDIR)/examples/
	# The configuration may hold the SMTP password: readable by root and the service's group only.
	if [ -z "$(DESTDIR)" ] && getent group missedcall >/dev/null; then chgrp missedcall $(CONFDIR) $(CONFDIR)/missedcalld.json; fi
	install -m 0644 docs/man/missedcallctl.1 $(DESTDIR)$(MANDIR)/
	install -m 0644 docs/man/missedcalld.8 $(DESTDIR)$(MAN8DIR)/
	install -m 0644 docs/completions/missedcallctl.bash $(DESTDIR)$(BASHCOMPDIR)/missedcallctl
	install -m 0644 docs/completions/missedcallctl.zsh $(DESTDIR)$(ZSHCOMPDIR)/_missedcallctl
	install -m 0644 docs/completions/missedcallctl.fish $(DESTDIR)$(FISHCOMPDIR)/missedcallctl.fish
	install -m 0644 monitoring/missedcall-alerts.yml monitoring/missedcall-dashboard.json monitoring/README.md $(DESTDIR)$(MONITORINGDIR)/
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/
	cp -R docs/. $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/missedcalld $(DESTDIR)$(BINDIR)/missedcallctl $(DESTDIR)$(UNITDIR)/missedcalld.service \
		$(DESTDIR)$(SYSUSERSDIR)/missedcall.conf $(DESTDIR)$(UDEVRULESDIR)/70-missedcall-modems.rules \
		$(DESTDIR)$(MANDIR)/missedcallctl.1 $(DESTDIR)$(MAN8DIR)/missedcalld.8 $(DESTDIR)$(BASHCOMPDIR)/missedcallctl $(DESTDIR)$(ZSHCOMPDIR)/_missedcallctl \
		$(DESTDIR)$(FISHCOMPDIR)/missedcallctl.fish
	rm -f $(DESTDIR)$(CONFDIR)/missedcalld.example.json
	rm -rf $(DESTDIR)$(PREFIX)/share/missedcall $(DESTDIR)$(DOCDIR)
	@echo "left in place: $(CONFDIR) (configuration) and /var/lib/missedcall (state)"

deb:
	rm -rf .build/deb && $(MAKE) install DESTDIR=$(CURDIR)/.build/deb PREFIX=/usr UNITDIR=/lib/systemd/system \
		SYSUSERSDIR=/usr/lib/sysusers.d UDEVRULESDIR=/usr/lib/udev/rules.d SKIP_BUILD=$(SKIP_BUILD)
	install -d .build/deb/DEBIAN
	# Debug information off the shipped binaries: 208 MB and 134 MB become 96 MB and 74 MB.
	strip --strip-unneeded .build/deb/usr/bin/missedcalld .build/deb/usr/bin/missedcallctl
	install -m 0644 packaging/debian/copyright .build/deb/usr/share/doc/missedcall/copyright
	printf 'Package: missedcall\nVersion: %s\nArchitecture: %s\nMaintainer: missedcall developers\nInstalled-Size: %s\nDepends: libc6, libstdc++6, libgcc-s1, zlib1g, libudev1, libcairo2, fonts-dejavu-core, adduser\nRecommends: systemd, udev, sqlite3, curl\nSuggests: postgresql-client, prometheus\nSection: net\nPriority: optional\nDescription: self-hosted missed-call phone verification gateway\n missedcalld drives USB GSM dongles over AT commands, hangs up on each missed call without\n answering, matches the caller against the verification session of the number dialled and tells\n the app by signed webhook and e-mail. missedcallctl administers it.\n' \
		"$(VERSION)" "$$(dpkg --print-architecture)" "$$(du -sk .build/deb --exclude=DEBIAN | cut -f1)" > .build/deb/DEBIAN/control
	printf '/etc/missedcall/missedcalld.json\n' > .build/deb/DEBIAN/conffiles
	install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm .build/deb/DEBIAN/
	dpkg-deb --root-owner-group --build .build/deb .build/missedcall_$(VERSION)_$$(dpkg --print-architecture).deb
