# thermaliq: PGXS build, plus the two commands of the README (demo, test).
#
#   make demo    apt-installs what is missing, builds, starts a throwaway
#                cluster in ./tmp, loads a synthetic plant, prints a report
#   make test    the same set-up, then pg_regress, pgTAP and TAP tests
#   make bench   benchmarks in bench/, printed as ratios (SIZE=readings)
#   make stop    stops the throwaway cluster of this checkout
#
# The usual PGXS targets (all, install, installcheck, clean) work as for any
# extension; `make install` installs into the server that pg_config names.

EXTENSION  = thermaliq
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big = thermaliq
SRCS       = $(sort $(wildcard src/*.c src/math/*.c src/pg/*.c src/plant/*.c))
OBJS       = $(SRCS:.c=.o)
TQ_HEADERS = $(wildcard src/*.h src/math/*.h src/pg/*.h src/plant/*.h)

# The install script is built from the numbered pieces in sql/install/;
# upgrade scripts live in sql/upgrade/ (see README, "Where things are").
INSTALL_PIECES = $(sort $(wildcard sql/install/*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA       = $(wildcard sql/upgrade/$(EXTENSION)--*--*.sql)

# pg_regress: sql/NAME.sql against expected/NAME.out, in name order;
# 00_setup installs the oldest version and upgrades through every later one.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=.

PG_CPPFLAGS = -I$(srcdir)/src
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

$(OBJS): $(TQ_HEADERS)

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PIECES) $(EXTENSION).control
	@{ echo "-- $(EXTENSION) $(EXTVERSION): generated from sql/install/*.sql by the Makefile; edit the pieces."; \
	   printf '%s\n' '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	   for f in $(INSTALL_PIECES); do echo; echo "-- ---- $$f"; cat $$f; done; } > $@

.PHONY: demo test bench stop deps unit
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
# Unit tests of the pure-C maths (src/math), no server needed.
unit:
	@scripts/unit.sh
