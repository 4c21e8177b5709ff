# make [CONFIGURATION=release]            build missedcalld and missedcallctl
# make install [PREFIX=/usr/local] [DESTDIR=]   install them with the unit, sysusers, udev rules,
#                                          a default configuration (never overwritten), man page
# make uninstall                           remove what install put (not the configuration or state)
# make deb                                 a Debian package built from the same layout (dpkg-deb)
PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
BINDIR = $(PREFIX)/bin
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
UDEVRULESDIR ?= /etc/udev/rules.d
CONFDIR ?= /etc/missedcall
MANDIR = $(PREFIX)/share/man/man1
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
	swift build -c $(CONFIGURATION) --product missedcalld
	swift build -c $(CONFIGURATION) --product missedcallctl
endif

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(CONFDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(MONITORINGDIR)
	install -m 0755 $(BUILT)/missedcalld $(BUILT)/missedcallctl $(DESTDIR)$(BINDIR)/
	install -d $(DESTDIR)$(PREFIX)/share/missedcall
	install -m 0644 Sources/Gateway/Resources/number-data.tsv Sources/Gateway/Resources/LICENSE-phonenumbers.txt $(DESTDIR)$(PREFIX)/share/missedcall/
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g' systemd/missedcalld.service.in > $(DESTDIR)$(UNITDIR)/missedcalld.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/missedcalld.service
	install -m 0644 systemd/missedcall.sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/missedcall.conf
	install -m 0644 udev-rules/70-missedcall-modems.rules $(DESTDIR)$(UDEVRULESDIR)/
	test -e $(DESTDIR)$(CONFDIR)/missedcalld.json || install -m 0640 systemd/missedcalld.json $(DESTDIR)$(CONFDIR)/missedcalld.json
	# The configuration may hold the SMTP password: readable by root and the service's group only.
	if [ -z "$(DESTDIR)" ] && getent group missedcall >/dev/null; then chgrp missedcall $(CONFDIR) $(CONFDIR)/missedcalld.json; fi
	install -m 0644 docs/man/missedcallctl.1 $(DESTDIR)$(MANDIR)/
	install -m 0644 docs/completions/missedcallctl.bash $(DESTDIR)$(BASHCOMPDIR)/missedcallctl
	install -m 0644 docs/completions/missedcallctl.zsh $(DESTDIR)$(ZSHCOMPDIR)/_missedcallctl
	install -m 0644 docs/completions/missedcallctl.fish $(DESTDIR)$(FISHCOMPDIR)/missedcallctl.fish
	install -m 0644 monitoring/missedcall-alerts.yml monitoring/missedcall-dashboard.json monitoring/README.md $(DESTDIR)$(MONITORINGDIR)/
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/
	cp -R docs/. $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/missedcalld $(DESTDIR)$(BINDIR)/missedcallctl $(DESTDIR)$(UNITDIR)/missedcalld.service \
		$(DESTDIR)$(SYSUSERSDIR)/missedcall.conf $(DESTDIR)$(UDEVRULESDIR)/70-missedcall-modems.rules \
		$(DESTDIR)$(MANDIR)/missedcallctl.1 $(DESTDIR)$(BASHCOMPDIR)/missedcallctl $(DESTDIR)$(ZSHCOMPDIR)/_missedcallctl \
		$(DESTDIR)$(FISHCOMPDIR)/missedcallctl.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/missedcall $(DESTDIR)$(DOCDIR)
	@echo "left in place: $(CONFDIR) (configuration) and /var/lib/missedcall (state)"

deb:
	rm -rf .build/deb && $(MAKE) install DESTDIR=$(CURDIR)/.build/deb PREFIX=/usr UNITDIR=/lib/systemd/system \
		SYSUSERSDIR=/usr/lib/sysusers.d UDEVRULESDIR=/usr/lib/udev/rules.d SKIP_BUILD=$(SKIP_BUILD)
	install -d .build/deb/DEBIAN
	printf 'Package: missedcall\nVersion: 0.1.0\nArchitecture: %s\nMaintainer: missedcall developers\nDepends: libudev1, libcairo2, fonts-dejavu-core, systemd\nDescription: self-hosted missed-call phone verification gateway\n' "$$(dpkg --print-architecture)" > .build/deb/DEBIAN/control
	printf '/etc/missedcall/missedcalld.json\n' > .build/deb/DEBIAN/conffiles
	printf '#!/bin/sh\nset -e\nsystemd-sysusers missedcall.conf || true\nchgrp missedcall /etc/missedcall /etc/missedcall/missedcalld.json || true\nudevadm control --reload 2>/dev/null || true\nsystemctl daemon-reload 2>/dev/null || true\n' > .build/deb/DEBIAN/postinst
	chmod 0755 .build/deb/DEBIAN/postinst
	dpkg-deb --root-owner-group --build .build/deb .build/missedcall.deb
