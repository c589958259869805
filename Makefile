# thermaliq: PGXS build, plus the two commands of the README (demo, test).
#
#   make demo    apt-installs what is missing, builds, starts a throwaway
#                cluster in ./tmp, loads a synthetic plant, prints a report
#   make test    the same set-up, then pg_regress, pgTAP and TAP tests
#   make bench   benchmarks in bench/, printed as ratios (SIZE=readings)
#   make stop    stops the throwaway cluster of this checkout
#   make fuzz    fuzzes every function, type input and recv, and runs sqlsmith
#                (FUZZ_SECONDS, default 60; FUZZ_SEED); part of make test
#   make valgrind  pg_regress with the server under memcheck
#   make assert-check  a -DUSE_ASSERT_CHECKING build, pg_regress and pgTAP
#
# The usual PGXS targets (all, install, installcheck, clean) work as for any
# extension; `make install` installs into the server that pg_config names.

EXTENSION  = thermaliq
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big = thermaliq
SRCS       = $(sort $(wildcard src/*.c src/math/*.c src/pg/*.c src/plant/*.c))
OBJS       = $(SRCS:.c=.o)
TQ_HEADERS = $(wildcard src/*.h src/math/*.h src/pg/*.h src/plant/*.h)

# The install script of the current version is built from the numbered
# pieces in sql/install/. Released versions are frozen in sql/upgrade/
# (thermaliq--1.0.sql), and each update script A--B is built from the
# numbered pieces in sql/upgrade/A--B/ (see README, "Where things are");
# test/t/012_upgrade.pl checks that 1.0 updated to the current version
# equals a fresh install, object by object.
INSTALL_PIECES = $(sort $(wildcard sql/install/*.sql))
UPGRADE_DIRS   = $(sort $(patsubst %/,%,$(dir $(wildcard sql/upgrade/*--*/*))))
UPGRADE_SCRIPTS = $(foreach d,$(UPGRADE_DIRS),$(EXTENSION)--$(notdir $(d)).sql)
# The demo generator is a separate extension, thermaliq_demo (demo/: its
# control file and the pieces of its install script), installed next to
# thermaliq by `make install` and never required by it.
DEMO_VERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" demo/thermaliq_demo.control)
DEMO_PIECES  = $(sort $(wildcard demo/[0-9]*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPTS) thermaliq_demo--$(DEMO_VERSION).sql
DATA       = $(filter-out $(EXTENSION)--$(EXTVERSION).sql,$(wildcard sql/upgrade/$(EXTENSION)--*.sql)) \
             demo/thermaliq_demo.control

# pg_regress: sql/NAME.sql against expected/NAME.out, in name order;
# 00_setup installs the oldest version and upgrades through every later one.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=.

# TQ_CPPFLAGS: extra flags, e.g. -DUSE_ASSERT_CHECKING (scripts/assert_check.sh)
PG_CPPFLAGS = -I$(srcdir)/src $(TQ_CPPFLAGS)
PG_CFLAGS   = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
SHLIB_LINK  = -lm
EXTRA_CLEAN = $(DATA_built) regression.diffs regression.out results test/unit/*_test

PG_CONFIG ?= pg_config
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifeq ($(PGXS),)
# No server headers yet: only the targets that install them work.
all install installcheck:
	@echo "pg_config/PGXS not found: run 'make demo' or 'make test' first (they apt-install postgresql-server-dev-15)" >&2; exit 1
else
include $(PGXS)
endif
.SECONDEXPANSION:

$(OBJS): $(TQ_HEADERS)

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PIECES) $(EXTENSION).control
	@{ echo "-- $(EXTENSION) $(EXTVERSION): generated from sql/install/*.sql by the Makefile; edit the pieces."; \
	   printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	   for f in $(INSTALL_PIECES); do echo; echo "-- ---- $$f"; cat $$f; done; } > $@

thermaliq_demo--$(DEMO_VERSION).sql: $(DEMO_PIECES) demo/thermaliq_demo.control
	@{ echo "-- thermaliq_demo $(DEMO_VERSION): generated from demo/*.sql by the Makefile; edit the pieces."; \
	   printf '%s\n' '\echo Use "CREATE EXTENSION thermaliq_demo" to load this file. \quit'; \
	   for f in $(DEMO_PIECES); do echo; echo "-- ---- $$f"; cat $$f; done; } > $@

# thermaliq--A--B.sql from the pieces in sql/upgrade/A--B/, in name order:
# NN_*.sql is written for the update (new tables, ALTER, DROP of changed
# signatures); NN_*.use names install pieces, one per line, that are
# functions only (CREATE OR REPLACE) and are re-run as they are.
UPGRADE_PIECES = $(sort $(wildcard sql/upgrade/$(1)/*.sql sql/upgrade/$(1)/*.use))
$(EXTENSION)--%.sql: sql/upgrade/% $$(call UPGRADE_PIECES,$$*) $$(foreach u,$$(wildcard sql/upgrade/$$*/*.use),$$(shell grep -v '^\#' $$(u)))
	@{ echo "-- $(EXTENSION) update $*: generated from sql/upgrade/$*/ by the Makefile; edit the pieces."; \
	   printf '%s\n' '\echo Use "ALTER EXTENSION $(EXTENSION) UPDATE" to load this file. \quit'; \
	   for f in $(call UPGRADE_PIECES,$*); do \
	     case $$f in \
	     *.use) for g in $$(grep -v '^#' $$f); do echo; echo "-- ---- $$g (via $$f)"; cat $$g; done ;; \
	     *) echo; echo "-- ---- $$f"; cat $$f ;; \
	     esac; \
	   done; } > $@

.PHONY: demo test bench stop deps unit fuzz valgrind assert-check
deps:
	@scripts/deps.sh
demo:
	@scripts/demo.sh
test:
	@scripts/test.sh
bench:
	@scripts/bench.sh $(SIZE)
stop:
	@scripts/cluster.sh stop
fuzz:
	@scripts/fuzz.sh
# The regression suite with the server under valgrind memcheck: fails on
# any report with a frame in thermaliq.so (scripts/valgrind.supp).
valgrind:
	@VALGRIND=1 scripts/test.sh regress
# One build with -DUSE_ASSERT_CHECKING against Debian's (non-assert)
# server, from a copy of the checkout, with pg_regress and pgTAP (CI).
assert-check:
	@scripts/assert_check.sh
# Unit tests of the pure-C maths (src/math), no server needed.
unit:
	@scripts/unit.sh
