#!/usr/bin/python3
"""thermaliq fuzzer (make fuzz; scripts/fuzz.sh starts its server).

Three parts, for --seconds in all (seeded: --seed, printed first):
  1. calls: every function and aggregate of extension thermaliq, found in
     the catalog at run time (so new functions are fuzzed without a change
     here), with random and extreme arguments (NaN, +-Infinity, 5e-324,
     1e308, timestamps at and past PostgreSQL's range, empty, NULL and very
     long text, odd units, crafted readings tables with wrong column types,
     tables the caller may not read), aggregates over generated rows (in
     order, shuffled, duplicated, varying parameters, up to 200,000 rows);
  2. payloads: every type input with valid text edited at random, every
     *_recv with the bytes of *_send edited at random (sent as a binary
     parameter of the type, so the server runs the type's receive function),
     and what is accepted is printed again, re-read and passed to every
     accessor of the type;
  3. sqlsmith (Debian's) against the same database, with the demo plant,
     as an unprivileged role, for --sqlsmith-share of the time.

A finding is a backend terminated by a signal (connection lost, or
"terminated by signal" in the server log), an XX000 error, a statement
cancelled by the 10 s statement_timeout, or a value the type prints but
cannot read back (roundtrip). Findings that match test/fuzz/allowlist.txt
(kind, regular expression, issue) are listed as allowed; any other fails
the run (exit 1).
"""
import argparse
import math
import os
import random
import re
import struct
import subprocess
import sys
import time

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format

SKIP_TYPES = {'internal', 'cstring', 'trigger', 'event_trigger', 'language_handler'}

FLOATS = ['NaN', 'Infinity', '-Infinity', '0', '-0', '5e-324', '-5e-324', '2.2250738585072014e-308',
          '1e-300', '1e-70', '9.3e-71', '1e308', '-1e308', '1.7976931348623157e308', '1', '-1', '0.5',
          '273.15', '298.15', '373.15', '647.096', '1073.15', '2273.15', '22.064', '0.000611657',
          '0.1', '3', '16.5', '50', '100', '1000', '1e6', '1e9', '1e15', '4.9e15', '-273.15', '81.9']
TIMESTAMPS = ["'infinity'", "'-infinity'", "'4714-11-24 00:00:00+00 BC'", "'4713-01-01 00:00:00+00 BC'",
              "'294276-12-31 23:59:59.999999+00'", "'294276-12-31 00:00:00+00'", "'1970-01-01 00:00+00'",
              "'2000-01-01 00:00+00'", "'0001-01-01 00:00+00'", "'9999-12-31 23:59:59+00'"]
INTERVALS = ['0', '1 microsecond', '1 second', '1 minute', '15 minutes', '1 hour', '1 day', '7 days',
             '1 month', '1 year', '-1 hour', '-1 microsecond', '178000000 years', '-178000000 years',
             '2147483647 days', '-2147483648 days', '2147483647 months', '1 day -1 microsecond',
             '100000 hours', '0.000001 seconds']
INTS = [0, 1, -1, 2, 3, 4, 10, 60, 100, 1000, 100000, 2147483647, -2147483648, 2147483646]
BIGINTS = [0, 1, -1, 9223372036854775807, -9223372036854775808, 4294967296]
WORDS = ['', ' ', 'linear', 'locf', 'previous', 'left', 'step', 'trapezoid', 'lhv', 'hhv', 'LHV', 'net',
         'kWh', 'kW', 'MWh', 'GJ', 'MMBtu', 'therm', 'degC', 'degF', 'K', '%', 'kg/h', 't/h', 'm3/h', 'MPa',
         'bar', 'kPa', 'Nm3/h', 'kJ/kg', 'hour', 'day', '15 min', '1 month', 'bogus', 'NULL', 'NaN',
         'natural_gas', 'methane', 'propane', 'fuel_oil', 'coal', 'wood', 'hydrogen', 'steam_boiler',
         'hot_water_boiler', 'process_heater', 'plant-001', 'plant-002', 'plant-003', 'gas_flow',
         'heat_out', 'elec', 'elec_kwh', 'fg_temp', 'fg_o2', 'public.energy_readings',
         'é☃𝄞', "o'brien", '"quoted"', '\\', '%s%n%x', 'x' * 10000, 'y' * 100000,
         'public."o\'\'brien"', 'a.b.c', 'r' * 70, 'é' * 40]


def lit(s):
    """An SQL string literal (standard_conforming_strings is on)."""
    return "'" + s.replace("'", "''") + "'"


def short(s, n=400):
    s = ' '.join(s.split())
    return s if len(s) <= n else s[:n] + '... (%d chars)' % len(s)


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.calls = 0
        self.errors = 0
        self.ok = 0
        self.queries = 0
        self.payloads = 0
        self.findings = []          # (kind, statement, message)
        self.slow_joins = 0         # sqlsmith timeouts that call no thermaliq function
        self.core_errors = 0        # sqlsmith XX000s in statements that reach no thermaliq code
        self.heavy = []             # sqlsmith timeouts naming thermaliq whose time is not thermaliq's
        self.seen = set()
        self.pool = {'thermaliq.tw_summary': [], 'thermaliq.meter_summary': []}
        self.sent = {'thermaliq.tw_summary': [], 'thermaliq.meter_summary': []}
        self.allow = []
        if args.allowlist and os.path.exists(args.allowlist):
            for line in open(args.allowlist, encoding='utf-8'):
                line = line.rstrip('\n')
                if not line.strip() or line.lstrip().startswith('#'):
                    continue
                kind, regex, issue = line.split('\t', 2)
                self.allow.append((kind, re.compile(regex, re.S), issue))
        self.conn = None

    # -- connections ----------------------------------------------------
    def dsn(self, user, app):
        return 'host=%s port=%s dbname=%s user=%s application_name=%s' % (
            self.args.host, self.args.port, self.args.dbname, user, app)

    def connect(self):
        for _ in range(30):
            try:
                self.conn = psycopg.connect(self.dsn(self.args.user, 'fuzz'), autocommit=True)
                self.register_dumpers()
                return
            except psycopg.OperationalError:
                time.sleep(1)
        raise SystemExit('fuzz: cannot reconnect to the server')

    @staticmethod
    def shape(kind, msg):
        """What makes two findings the same: the message without its
        numbers and quoted values."""
        first = msg.strip().split('\n')[0]
        return (kind, re.sub(r'\d+', 'N', re.sub(r'"[^"]*"', '"..."', first))[:200])

    def finding(self, kind, stmt, msg):
        key = self.shape(kind, msg)
        first = key not in self.seen
        self.seen.add(key)
        self.findings.append((kind, stmt, msg))
        if first:
            print('FINDING %s: %s\n  statement: %s' % (kind, short(msg, 300), short(stmt, 1500)), flush=True)

    def run(self, stmt, params=None, fetch=True):
        """Runs one statement; returns its rows or None on an error."""
        self.calls += 1
        try:
            with self.conn.cursor() as cur:
                cur.execute(stmt, params, prepare=False)
                rows = cur.fetchmany(2000) if fetch and cur.description else []
            self.ok += 1
            return rows
        except psycopg.errors.QueryCanceled as e:
            self.errors += 1
            if 'statement timeout' in str(e):
                self.finding('timeout', stmt, str(e).strip())
            return None
        except psycopg.Error as e:
            self.errors += 1
            if getattr(e, 'sqlstate', None) == 'XX000':
                self.finding('XX000', stmt, str(e).strip())
            if self.conn.closed or self.conn.broken:
                # a backend that died (the server log says by which signal)
                self.finding('signal', stmt, 'connection lost: ' + str(e).strip())
                time.sleep(2)
                self.connect()
            return None

    # -- catalog ----------------------------------------------------------
    def load_catalog(self):
        rows = self.run("""
            SELECT p.oid::regprocedure::text, p.proname, p.prokind, p.proretset,
                   p.pronargs, p.pronargdefaults,
                   ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t),
                   format_type(p.prorettype, NULL)
            FROM pg_proc p
            JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'thermaliq'
            ORDER BY 1""")
        self.funcs = []
        for sig, name, kind, retset, nargs, ndef, argtypes, rettype in rows:
            if set(argtypes) & SKIP_TYPES or rettype in SKIP_TYPES:
                continue
            self.funcs.append(dict(sig=sig, name=name, kind=kind, retset=retset, nargs=nargs,
                                   ndef=ndef, args=argtypes, ret=rettype))
        self.accessors = {t: [f for f in self.funcs if f['kind'] == 'f' and f['args'][:1] == [t]]
                          for t in self.pool}
        self.oids = dict(self.run("""SELECT format_type(oid, NULL), oid FROM pg_type
            WHERE oid IN ('thermaliq.tw_summary'::regtype, 'thermaliq.meter_summary'::regtype)"""))
        self.tables = [r[0] for r in self.run("""SELECT c.oid::regclass::text FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('crafted', 'secret')
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""")]
        self.words = list(WORDS)
        for q in ("SELECT unit FROM thermaliq.units()", "SELECT fuel_id FROM thermaliq.fuels",
                  "SELECT facility_id FROM thermaliq.facilities", "SELECT DISTINCT meter_id FROM thermaliq.meters",
                  "SELECT DISTINCT process_type FROM thermaliq.benchmarks"):
            self.words += [r[0] for r in (self.run(q) or [])]
        self.options = self.run("SELECT thermaliq.analyze_default_options()::text")
        self.option_keys = []
        if self.options:
            self.option_keys = [r[0] for r in self.run(
                "SELECT jsonb_object_keys(%s::jsonb)" % lit(self.options[0][0])) or []]
        print('fuzz: %d functions and aggregates of thermaliq, %d crafted tables, %d words' % (
            len(self.funcs), len(self.tables), len(self.words)), flush=True)

    # -- values -----------------------------------------------------------
    def float_sql(self):
        r = self.rng.random()
        if r < 0.45:
            v = self.rng.choice(FLOATS)
        elif r < 0.6:
            v = repr(self.rng.choice([-1, 1]) * 10 ** self.rng.uniform(-323, 308))
        elif r < 0.9:
            v = repr(self.rng.uniform(-50, 2500))
        else:
            v = repr(self.rng.uniform(0, 1))
        return "%s::float8" % lit(v)

    def ts_sql(self):
        r = self.rng.random()
        if r < 0.55:
            # inside the demo plant's two days, or just around them
            return "(now() - %s * interval '1 second')" % repr(self.rng.uniform(-3600, 3 * 86400))
        if r < 0.8:
            return "%s::timestamptz" % self.rng.choice(TIMESTAMPS)
        y = self.rng.choice([1, 100, 1900, 1999, 2026, 3000, 9999, 100000, 294276])
        return "make_timestamptz(%d, %d, %d, %d, %d, %s, 'UTC')" % (
            y, self.rng.randint(1, 12), self.rng.randint(1, 28), self.rng.randint(0, 23),
            self.rng.randint(0, 59), repr(round(self.rng.uniform(0, 59.999999), 6)))

    def interval_sql(self):
        if self.rng.random() < 0.7:
            return "%s::interval" % lit(self.rng.choice(INTERVALS))
        return "make_interval(secs => %s)" % repr(self.rng.choice([-1, 1]) * 10 ** self.rng.uniform(-6, 12))

    def text_sql(self):
        r = self.rng.random()
        if r < 0.8:
            return lit(self.rng.choice(self.words))
        if r < 0.9:
            return lit(''.join(chr(self.rng.randint(32, 0x2FF)) for _ in range(self.rng.randint(0, 40))))
        return lit(self.rng.choice(self.words) + self.rng.choice(['', ' ', 'x', '\t', '%', "'"]))

    def jsonb_sql(self):
        r = self.rng.random()
        if r < 0.15 or not self.option_keys:
            return "%s::jsonb" % lit(self.rng.choice(['{}', 'null', '[]', '"x"', '1', '{"a": {"b": [1, 2]}}',
                                                      '[' * 500 + ']' * 500]))
        obj = {}
        for k in self.rng.sample(self.option_keys, self.rng.randint(1, min(4, len(self.option_keys)))):
            obj[k] = self.rng.choice(['null', 'true', '"x"', '""', '-1', '0', '1e308', '1e400', '-0', '5e-324',
                                      '"NaN"', '"Infinity"', '[]', '{}', '"1 hour"', '"1 microsecond"',
                                      '"178000000 years"', '"hhv"', '"lhv"', '"day"', '"hour"', '2147483648',
                                      '"' + 'z' * 5000 + '"', '0.5', '100'])
        if self.rng.random() < 0.2:
            obj[self.rng.choice(['bogus', '', 'é'])] = '1'
        return "%s::jsonb" % lit('{' + ', '.join('"%s": %s' % (k, v) for k, v in obj.items()) + '}')

    def regclass_sql(self):
        r = self.rng.random()
        if r < 0.5:
            return "'public.energy_readings'::regclass"
        if r < 0.9 and self.tables:
            return "%s::regclass" % lit(self.rng.choice(self.tables))
        return self.rng.choice(["'thermaliq.meters'::regclass", "'pg_class'::regclass", "0::regclass",
                                "'thermaliq.facilities'::regclass", "4294967295::oid::regclass"])

    def summary_sql(self, t):
        pool = self.pool.get(t) or []
        r = self.rng.random()
        if pool and r < 0.6:
            return "%s::%s" % (lit(self.rng.choice(pool)), t)
        if pool and r < 0.85:
            return "%s::%s" % (lit(self.mutate_text(self.rng.choice(pool))), t)
        agg = 'time_weight' if t == 'thermaliq.tw_summary' else 'meter_agg'
        return "(SELECT thermaliq.%s(\"timestamp\", value) FROM public.energy_readings WHERE meter_id = %s)" % (
            agg, lit(self.rng.choice(['gas_flow', 'heat_out', 'elec_kwh', 'fg_temp', 'none'])))

    def value_sql(self, t):
        if self.rng.random() < 0.05:
            return 'NULL::%s' % t
        if t == 'double precision':
            return self.float_sql()
        if t == 'timestamp with time zone':
            return self.ts_sql()
        if t == 'interval':
            return self.interval_sql()
        if t == 'text':
            return self.text_sql()
        if t == 'text[]':
            return "ARRAY[%s]::text[]" % ', '.join(self.text_sql() for _ in range(self.rng.randint(0, 4)))
        if t in ('integer', 'smallint'):
            v = self.rng.choice(INTS) if self.rng.random() < 0.7 else self.rng.randint(-5, 500)
            if t == 'smallint':
                v = max(-32768, min(32767, v))
            return '(%d)::%s' % (v, t)
        if t == 'bigint':
            return '(%d)::bigint' % self.rng.choice(BIGINTS + INTS)
        if t == 'numeric':
            return "%s::numeric" % lit(self.rng.choice(['0', '1e1000', '-1e-1000', 'NaN', '3.14']))
        if t == 'boolean':
            return self.rng.choice(['true', 'false'])
        if t == 'jsonb':
            return self.jsonb_sql()
        if t == 'regclass':
            return self.regclass_sql()
        if t in self.pool:
            return self.summary_sql(t)
        return 'NULL::%s' % t

    def mutate_text(self, s):
        for _ in range(self.rng.randint(1, 3)):
            r = self.rng.random()
            nums = list(re.finditer(r'-?\d+(\.\d+)?(e[-+]?\d+)?', s))
            if r < 0.4 and nums:
                m = self.rng.choice(nums)
                s = s[:m.start()] + self.rng.choice(FLOATS + ['9223372036854775807', '-9223372036854775808',
                                                              '18446744073709551616', '1' * 400, '']) + s[m.end():]
            elif r < 0.5:
                m = re.search(r'\d{4}-\d\d-\d\d[ T][\d:.]+(\+\d\d)?', s)
                if m:
                    s = s[:m.start()] + self.rng.choice(['294277-01-01 00:00:00+00', 'infinity', '-infinity',
                                                         '4714-11-23 00:00:00+00 BC', '2026-13-40 25:61:00+00']) \
                        + s[m.end():]
            elif r < 0.65 and s:
                i = self.rng.randrange(len(s))
                s = s[:i] + s[i + self.rng.randint(1, 8):]
            elif r < 0.75 and s:
                i, j = sorted(self.rng.randrange(len(s)) for _ in range(2))
                s = s[:j] + s[i:j] + s[j:]
            elif r < 0.85:
                i = self.rng.randrange(len(s) + 1)
                s = s[:i] + self.rng.choice([',', ':', '(', ')', '{', '}', ' ', '"', '\\', 'x', '-', 'e']) + s[i:]
            elif r < 0.92:
                parts = s.split(',')
                self.rng.shuffle(parts)
                s = ','.join(parts)
            else:
                s = s[:self.rng.randrange(len(s) + 1)]
        return s

    # -- part 1: calls ------------------------------------------------------
    def call_function(self, f):
        n = f['nargs']
        if f['ndef'] and self.rng.random() < 0.3:
            n -= self.rng.randint(0, f['ndef'])
        args = ', '.join(self.value_sql(t) for t in f['args'][:n])
        name = f['sig'].split('(')[0]
        if f['retset']:
            stmt = 'SELECT t::text FROM %s(%s) AS t LIMIT 5000' % (name, args)
        else:
            stmt = 'SELECT (%s(%s))::text' % (name, args)
        rows = self.run(stmt)
        if rows and f['ret'] in self.pool and rows[0][0] is not None:
            self.keep(f['ret'], rows[0][0])

    def keep(self, t, text):
        pool = self.pool[t]
        if len(pool) < 300:
            pool.append(text)
        else:
            pool[self.rng.randrange(len(pool))] = text

    def agg_rows(self, f):
        """FROM clause for an aggregate: literal rows, or many generated."""
        args = f['args']
        cols = ['c%d' % i for i in range(len(args))]
        if self.rng.random() < 0.3 and args[:2] == ['timestamp with time zone', 'double precision']:
            n = self.rng.choice([1000, 10000, 100000, 200000])
            step = self.rng.choice(['1 second', '1 microsecond', '1 hour', '15 seconds'])
            exprs = ["'2026-01-01 00:00+00'::timestamptz + g * interval %s" % lit(step),
                     self.rng.choice(['sin(g)', 'g::float8', '1e308', "'NaN'::float8", 'random()', '(g % 7)::float8',
                                      '5e-324::float8', "CASE WHEN g % 1000 = 0 THEN 'Infinity' ELSE 1 END::float8"])]
            for t in args[2:]:
                v = self.value_sql(t)
                while len(v) > 200:      # not 200,000 copies of a long text
                    v = self.value_sql(t)
                exprs.append(v)
            order = self.rng.choice(['', ' ORDER BY random()', ' ORDER BY g DESC'])
            sub = 'SELECT %s FROM generate_series(1, %d) g%s' % (
                ', '.join('%s AS %s' % (e, c) for e, c in zip(exprs, cols)), n, order)
            return cols, '(%s) AS v' % sub
        if args[:1] in (['thermaliq.tw_summary'], ['thermaliq.meter_summary']):
            n = self.rng.choice([0, 1, 2, 3, 5, 20])
        else:
            n = self.rng.choice([0, 1, 2, 3, 5, 10, 50, 300])
        fixed = [self.value_sql(t) for t in args]
        rows = []
        base = self.rng.uniform(0, 2 * 86400)
        for i in range(n):
            row = []
            for j, t in enumerate(args):
                if j == 0 and t == 'timestamp with time zone' and self.rng.random() < 0.8:
                    # mostly increasing, sometimes equal, late or extreme
                    base += self.rng.choice([60, 60, 60, 1, 0, -300, 3600, 1e-6])
                    row.append("('2026-06-01 00:00+00'::timestamptz + %s * interval '1 second')" % repr(base))
                elif j >= 2 and self.rng.random() < 0.9:
                    row.append(fixed[j])   # parameters mostly constant per group
                else:
                    row.append(self.value_sql(t))
            rows.append('(%s)' % ', '.join(row))
        if not rows:
            return cols, '(SELECT %s WHERE false) AS v' % ', '.join(
                '%s AS %s' % (fixed[j], c) for j, c in enumerate(cols))
        return cols, '(VALUES %s) AS v(%s)' % (', '.join(rows), ', '.join(cols))

    def call_aggregate(self, f):
        cols, src = self.agg_rows(f)
        name = f['sig'].split('(')[0]
        order = ' ORDER BY c0' if self.rng.random() < 0.3 and f['args'][0] == 'timestamp with time zone' else ''
        agg = '%s(%s%s)' % (name, ', '.join(cols), order)
        acc = [a for a in self.accessors.get(f['ret'], [])] if f['ret'] in self.pool else []
        if acc and self.rng.random() < 0.5:
            a = self.rng.choice(acc)
            extra = ''.join(', ' + self.value_sql(t) for t in a['args'][1:])
            stmt = 'SELECT (%s(%s%s))::text FROM %s' % (a['sig'].split('(')[0], agg, extra, src)
            self.run(stmt)
            return
        stmt = 'SELECT (%s)::text FROM %s' % (agg, src)
        rows = self.run(stmt)
        if rows and rows[0][0] is not None and f['ret'] in self.pool:
            self.keep(f['ret'], rows[0][0])

    # -- part 2: payloads ---------------------------------------------------
    def register_dumpers(self):
        self.raw = {}
        for t, oid in getattr(self, 'oids', {}).items():
            cls = type('Raw_' + t.split('.')[-1], (), {'__init__': lambda s, b: setattr(s, 'b', b)})

            class D(Dumper):
                format = Format.BINARY

                def dump(self, obj):
                    return obj.b
            D.oid = oid
            self.conn.adapters.register_dumper(cls, D)
            self.raw[t] = cls

    def mutate_bytes(self, b):
        b = bytearray(b)
        for _ in range(self.rng.randint(1, 4)):
            r = self.rng.random()
            if r < 0.25 and b:
                i = self.rng.randrange(len(b))
                b[i] ^= 1 << self.rng.randrange(8)
            elif r < 0.55 and len(b) >= 8:
                i = self.rng.randrange(0, len(b) - 7)
                v = self.rng.choice([
                    struct.pack('>d', float('nan')), struct.pack('>d', float('inf')), struct.pack('>d', -float('inf')),
                    struct.pack('>d', 5e-324), struct.pack('>d', 1e308), struct.pack('>d', -1e308),
                    struct.pack('>q', 2 ** 63 - 1), struct.pack('>q', -2 ** 63), struct.pack('>q', 0),
                    struct.pack('>q', -1), struct.pack('>q', 9223371331200000000),  # past PostgreSQL's end
                    struct.pack('>q', -211813488000000000 - 1), struct.pack('>q', 2 ** 31)])
                b[i:i + 8] = v
            elif r < 0.65 and len(b) >= 4:
                i = self.rng.randrange(0, len(b) - 3)
                b[i:i + 4] = struct.pack('>i', self.rng.choice([-1, 0, 2 ** 31 - 1, -2 ** 31, 1000000, 7]))
            elif r < 0.8:
                b = b[:self.rng.randrange(len(b) + 1)]
            elif r < 0.9:
                b += bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 16)))
            elif b:
                i = self.rng.randrange(len(b))
                b[i] = self.rng.randrange(256)
        return bytes(b)

    def fuzz_payload(self):
        t = self.rng.choice(sorted(self.pool))
        self.payloads += 1
        if self.rng.random() < 0.5 or not self.pool[t]:
            # text input
            src = self.mutate_text(self.rng.choice(self.pool[t])) if self.pool[t] else self.text_sql()[1:-1]
            rows = self.run('SELECT (%s::%s)::text' % (lit(src), t))
            if rows and rows[0][0] is not None:
                self.check_value(t, '%s::%s' % (lit(rows[0][0]), t), rows[0][0])
            return
        # binary input: the bytes of send, edited
        if not self.sent[t] or self.rng.random() < 0.2:
            rows = self.run('SELECT %s_send(%s::%s)' % (t, lit(self.rng.choice(self.pool[t])), t))
            if rows and rows[0][0] is not None:
                self.sent[t].append(bytes(rows[0][0]))
                if len(self.sent[t]) > 100:
                    self.sent[t].pop(0)
            return
        data = self.mutate_bytes(self.rng.choice(self.sent[t]))
        stmt = 'SELECT (%b)::text'
        self.calls += 1
        repro = "recv of %s from E'\\\\x%s' (binary parameter)" % (t, data.hex())
        try:
            with self.conn.cursor() as cur:
                cur.execute(stmt, [self.raw[t](data)], prepare=False)
                text = cur.fetchone()[0]
            self.ok += 1
        except psycopg.Error as e:
            self.errors += 1
            if getattr(e, 'sqlstate', None) == 'XX000':
                self.finding('XX000', repro, str(e).strip())
            if self.conn.closed or self.conn.broken:
                self.finding('signal', repro, 'connection lost: ' + str(e).strip())
                time.sleep(2)
                self.connect()
            return
        if text is not None:
            self.check_value(t, '%s::%s' % (lit(text), t), text, repro)

    def check_value(self, t, expr, text, origin=None):
        """An accepted value must read back and survive every accessor."""
        rows = self.run('SELECT (%s)::text = %s' % (expr, lit(text)))
        if rows is None:
            self.calls += 1
            try:
                with self.conn.cursor() as cur:
                    cur.execute('SELECT (%s)::text' % expr, prepare=False)
            except psycopg.Error as e:
                self.finding('roundtrip', 'SELECT (%s)::text%s' % (expr, '  -- the value came from ' + origin if origin else ''),
                             'output does not read back: %s' % str(e).strip())
            return
        for a in self.accessors.get(t, []):
            extra = ''.join(', ' + self.value_sql(x) for x in a['args'][1:])
            self.run('SELECT (%s(%s%s))::text' % (a['sig'].split('(')[0], expr, extra))

    # -- part 3: sqlsmith ---------------------------------------------------
    def sqlsmith(self, seconds):
        end = time.time() + seconds
        runs = 0
        while time.time() < end:
            seed = self.rng.randrange(2 ** 31)
            runs += 1
            try:
                p = subprocess.run(['sqlsmith', '--target=' + self.dsn('smith', 'sqlsmith'), '--seed=%d' % seed,
                                    '--exclude-catalog', '--max-queries=%d' % self.args.sqlsmith_batch, '--verbose'],
                                   capture_output=True, text=True, timeout=max(5, end - time.time() + 15))
                out = p.stderr + p.stdout
            except subprocess.TimeoutExpired as e:
                out = (e.stderr or b'').decode(errors='replace') if isinstance(e.stderr, bytes) else (e.stderr or '')
            m = re.search(r'queries: (\d+)', out)
            if m:
                self.queries += int(m.group(1))
            else:
                self.queries += out.count('.') + out.count('e') // 2   # no summary: it was cut off
            if re.search(r'(server closed the connection|terminating connection)', out):
                print('sqlsmith run %d (seed %d) lost its connection' % (runs, seed), flush=True)
        print('sqlsmith: %d runs' % runs, flush=True)

    # -- the server log -----------------------------------------------------
    def thermaliq_call_re(self):
        """A call of any thermaliq function, by its qualified name."""
        return re.compile(r'thermaliq\.(%s)\s*\(' % '|'.join(
            sorted({re.escape(f['name']) for f in getattr(self, 'funcs', [])}) or ['$^']))

    def scan_log(self, start_offset):
        """Backends killed by a signal, and sqlsmith's XX000 errors and
        timeouts, from the server log (log_line_prefix '%m [%p] %a %e: ';
        an entry's continuation lines have no prefix)."""
        if not self.args.log or not os.path.exists(self.args.log):
            return
        with open(self.args.log, encoding='utf-8', errors='replace') as fh:
            fh.seek(start_offset)
            text = fh.read()
        head = re.compile(r'^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (\S*) ?(\w{5}): (\w+):  ', re.M)
        entries = []
        marks = list(head.finditer(text))
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            entries.append((m.group(1), m.group(2), m.group(3), m.group(4), text[m.end():end].strip()))
        for i, (pid, app, state, level, body) in enumerate(entries):
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            stmt = nxt[4] if nxt and nxt[0] == pid and nxt[3] == 'STATEMENT' else ''
            if 'terminated by signal' in body:
                # the postmaster's LOG, then DETAIL: Failed process was running: ...
                detail = nxt[4] if nxt and nxt[0] == pid and nxt[3] == 'DETAIL' else ''
                self.finding('signal', detail.split('Failed process was running:')[-1].strip(), body.split('\n')[0])
            elif not app.startswith('sqlsmith') or level not in ('ERROR', 'FATAL', 'PANIC'):
                continue
            elif state == 'XX000':
                # sqlsmith also calls core internals the wrong way (an
                # aggregate's transition function outside an aggregate, NULL
                # cast to the pseudo-type unknown): only a statement that
                # calls a thermaliq function or uses a thermaliq type can
                # reach thermaliq code, and only that one is a finding
                if self.thermaliq_call_re().search(stmt) or re.search(
                        r'(tw_summary|meter_summary|water_props)', stmt):
                    self.finding('XX000', stmt, body)
                else:
                    self.core_errors += 1
            elif state == '57014' and 'statement timeout' in body:
                # a sqlsmith join of the demo tables can be slow on its own:
                # only a statement that calls a thermaliq function can be a
                # finding, and only when its time is spent in thermaliq
                if self.thermaliq_call_re().search(stmt) and 'pg_sleep' not in stmt:
                    where = self.where_time_goes(stmt)
                    if where is None or where[0] >= 2:
                        self.finding('timeout', stmt, body + (
                            '' if where is None else ' (%d of %d stack samples in thermaliq)' % where[:2]))
                    else:
                        self.heavy.append(where)
                else:
                    self.slow_joins += 1

    def where_time_goes(self, stmt):
        """Runs a statement sqlsmith timed out on again, as sqlsmith's role
        with the same 10 s timeout, and takes up to 5 stack samples of its
        backend with gdb, 1.5 s apart. A sample counts as thermaliq's when a
        frame is in thermaliq.so (its file names src/math|pg|plant, or the
        library) or in PL/pgSQL (thermaliq's functions are the PL/pgSQL
        functions sqlsmith reaches, with pg_partman's: counted as
        thermaliq's, which errs towards a finding). Returns (samples in
        thermaliq, samples, finished within 10 s this time), or None when
        the statement cannot be rerun or sampled."""
        import threading
        try:
            c = psycopg.connect(self.dsn('smith', 'fuzz-recheck'), autocommit=True)
            pid = c.execute('SELECT pg_backend_pid()').fetchone()[0]
            c.execute("SET statement_timeout = '10s'")
        except psycopg.Error:
            return None
        done = []

        def go():
            try:
                c.execute(stmt)
            except psycopg.Error:
                pass
            done.append(time.time())

        t0 = time.time()
        th = threading.Thread(target=go, daemon=True)
        th.start()
        hits = samples = 0
        for _ in range(5):
            time.sleep(1.5)
            if done:
                break
            try:
                bt = subprocess.run(['gdb', '-p', str(pid), '-batch', '-ex', 'bt'], capture_output=True,
                                    text=True, timeout=30).stdout
            except (OSError, subprocess.TimeoutExpired):
                th.join(30)
                c.close()
                return None
            if not re.search(r'^#\d+ ', bt, re.M):
                continue    # not attached (permissions): no sample
            samples += 1
            if re.search(r'(thermaliq\.so|src/(math|pg|plant)/|plpgsql)', bt):
                hits += 1
        th.join(30)
        c.close()
        finished = bool(done) and done[0] - t0 < 10
        if samples == 0 and not finished:
            return None
        return hits, samples, finished

    # -- main -----------------------------------------------------------------
    def main(self):
        a = self.args
        print('fuzz: seed %d, %d s (sqlsmith %d %%)' % (a.seed, a.seconds, round(100 * a.sqlsmith_share)), flush=True)
        log_start = os.path.getsize(a.log) if a.log and os.path.exists(a.log) else 0
        self.connect()
        self.load_catalog()
        self.register_dumpers()
        # seed the pools with real summaries of the demo plant
        for agg, t in (('time_weight', 'thermaliq.tw_summary'), ('meter_agg', 'thermaliq.meter_summary')):
            for r in self.run('SELECT thermaliq.%s("timestamp", value)::text FROM public.energy_readings '
                              'GROUP BY facility_id, meter_id' % agg) or []:
                if r[0]:
                    self.keep(t, r[0])
        start = time.time()
        own = a.seconds * (1 - a.sqlsmith_share)
        n = 0
        while time.time() - start < own:
            n += 1
            r = self.rng.random()
            if r < 0.25:
                self.fuzz_payload()
            else:
                f = self.rng.choice(self.funcs)
                if f['kind'] == 'a':
                    self.call_aggregate(f)
                else:
                    self.call_function(f)
            if n % 500 == 0:
                print('fuzz: %d calls, %d errors (expected ones included), %d findings, %.0f s' % (
                    self.calls, self.errors, len(self.findings), time.time() - start), flush=True)
        if a.sqlsmith_share > 0:
            self.sqlsmith(max(1, a.seconds - (time.time() - start)))
        time.sleep(1)
        self.scan_log(log_start)
        return self.report()

    def report(self):
        bad, allowed = [], []
        for kind, stmt, msg in self.findings:
            hit = next((issue for k, rx, issue in self.allow
                        if k == kind and (rx.search(msg) or rx.search(stmt))), None)
            (allowed if hit else bad).append((kind, stmt, msg, hit))
        print('\nfuzz summary: seed %d; %d calls (%d returned, %d errors), %d payloads, %d sqlsmith queries; '
              '%d findings (%d allowed, %d failing); %d sqlsmith statements without a thermaliq function '
              'cancelled at 10 s, %d core XX000s in statements that reach no thermaliq code, %d timeouts of '
              'statements naming thermaliq whose rerun spent its time elsewhere (%d of them finished in 10 s '
              'on the rerun; stack samples in thermaliq: %d of %d) (not findings)' % (
                  self.args.seed, self.calls, self.ok, self.errors, self.payloads, self.queries,
                  len(self.findings), len(allowed), len(bad), self.slow_joins, self.core_errors,
                  len(self.heavy), sum(1 for h in self.heavy if h[2]), sum(h[0] for h in self.heavy),
                  sum(h[1] for h in self.heavy)))
        shown = set()
        for kind, stmt, msg, issue in bad + allowed:
            key = self.shape(kind, msg)
            if key in shown:
                continue
            shown.add(key)
            n = sum(1 for f in self.findings if self.shape(f[0], f[2]) == key)
            print('  %s %s (x%d): %s\n    e.g. %s' % ('ALLOWED (%s)' % issue if issue else 'FAIL', kind, n,
                                                   short(msg.strip().split('\n')[0], 300), short(stmt, 900)))
        return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', required=True)
    ap.add_argument('--dbname', default='fuzz')
    ap.add_argument('--user', default='fuzzer')
    ap.add_argument('--seconds', type=float, default=60)
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--sqlsmith-share', type=float, default=0.3)
    ap.add_argument('--sqlsmith-batch', type=int, default=500)
    ap.add_argument('--allowlist', default=os.path.join(os.path.dirname(__file__), 'allowlist.txt'))
    ap.add_argument('--log', help='server log to scan for "terminated by signal" and sqlsmith errors')
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), 'big')
    sys.exit(Fuzzer(args).main())


if __name__ == '__main__':
    main()
