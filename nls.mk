# Message catalog of thermaliq: the xgettext keywords of its messages.
# Besides ereport's, the maths' tq_error() (math/errors.h: detail, hint and
# the format are literals) and IF97's RangeError(); summary_io.c's reasons
# are marked with gettext_noop().
CATALOG_NAME     = thermaliq
GETTEXT_FILES    = $(wildcard src/*.c src/math/*.c src/pg/*.c src/plant/*.c)
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS) tq_error:3 tq_error:4 tq_error:5 RangeError:2 RangeError:3
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS) tq_error:5:c-format RangeError:3:c-format
