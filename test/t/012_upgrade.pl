# The update chain: a database that installed 1.0 (sql/upgrade/
# thermaliq--1.0.sql, frozen as released) and ran ALTER EXTENSION UPDATE
# must hold exactly what a fresh install of the current version holds:
# every member object, its definition, markings, comment and privileges.
# A change to sql/install/ without its piece in sql/upgrade/ fails here
# with the objects that differ.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->start;

# One line per member object of the extension, in a stable order: its
# identity and a canonical definition from the catalogs.
my $describe = q{
SET client_min_messages = warning;
WITH members AS (
	SELECT d.classid, d.objid
	FROM pg_depend d
	WHERE d.refclassid = 'pg_extension'::regclass
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'thermaliq')
	  AND d.deptype = 'e'
), lines AS (
	-- functions, procedures, aggregates
	SELECT 'proc ' || p.oid::regprocedure::text || E'\n' ||
		CASE WHEN p.prokind = 'a' THEN
			(SELECT format('aggregate sfunc=%s stype=%s final=%s combine=%s serial=%s deserial=%s initcond=%s finalmodify=%s',
				a.aggtransfn::regproc, format_type(a.aggtranstype, NULL), a.aggfinalfn::regproc,
				a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
				a.agginitval, a.aggfinalmodify)
			 FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
			|| format(' strict=%s parallel=%s volatile=%s', p.proisstrict, p.proparallel, p.provolatile)
		ELSE pg_get_functiondef(p.oid) END
		|| E'\nacl=' || coalesce(p.proacl::text, '-')
		|| E'\ncomment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-') AS line
	FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	UNION ALL
	-- tables, views, sequences, materialized views, composite types' relations
	SELECT 'rel ' || c.oid::regclass::text || ' kind=' || c.relkind::text
		|| ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity
		|| ' acl=' || coalesce(c.relacl::text, '-')
		|| E'\ncomment=' || coalesce(obj_description(c.oid, 'pg_class'), '-')
		|| coalesce(E'\nview=' || CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, '')
		|| coalesce(E'\n' || (SELECT string_agg(format('col %s %s notnull=%s default=%s comment=%s',
				a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
				pg_get_expr(ad.adbin, ad.adrelid), col_description(c.oid, a.attnum)), E'\n' ORDER BY a.attnum)
			FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
		|| coalesce(E'\n' || (SELECT string_agg('constraint ' || co.conname || ' ' || pg_get_constraintdef(co.oid), E'\n' ORDER BY co.conname)
			FROM pg_constraint co WHERE co.conrelid = c.oid), '')
		|| coalesce(E'\n' || (SELECT string_agg('index ' || regexp_replace(pg_get_indexdef(i.indexrelid), 'INDEX \S+ ON', 'INDEX ON'), E'\n' ORDER BY 1)
			FROM pg_index i WHERE i.indrelid = c.oid), '')
		|| coalesce(E'\n' || (SELECT string_agg('trigger ' || pg_get_triggerdef(t.oid), E'\n' ORDER BY t.tgname)
			FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal), '')
		|| coalesce(E'\n' || (SELECT string_agg(format('policy %s %s %s roles=%s using=%s check=%s', po.polname, po.polcmd,
				po.polpermissive, po.polroles::regrole[], pg_get_expr(po.polqual, po.polrelid),
				pg_get_expr(po.polwithcheck, po.polrelid)), E'\n' ORDER BY po.polname)
			FROM pg_policy po WHERE po.polrelid = c.oid), '')
	FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT 'type ' || format_type(t.oid, NULL) || ' type=' || t.typtype::text
		|| ' in=' || t.typinput::regproc || ' out=' || t.typoutput::regproc
		|| ' recv=' || t.typreceive::regproc || ' send=' || t.typsend::regproc
		|| ' align=' || t.typalign::text || ' storage=' || t.typstorage::text || ' len=' || t.typlen
		|| E'\ncomment=' || coalesce(obj_description(t.oid, 'pg_type'), '-')
	FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT 'other ' || pg_describe_object(m.classid, m.objid, 0)
	FROM members m
	WHERE m.classid NOT IN ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
	UNION ALL
	SELECT 'config ' || c.oid::regclass::text || ' where=' || coalesce(x.cond, '')
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(cfg, cond)
	JOIN pg_class c ON c.oid = x.cfg
	WHERE e.extname = 'thermaliq'
	UNION ALL
	SELECT 'schema-acl ' || n.nspname || ' ' || coalesce(n.nspacl::text, '-')
	FROM pg_namespace n WHERE n.nspname LIKE 'thermaliq%'
)
SELECT line FROM lines ORDER BY line COLLATE "C";
};

for my $db ('fresh', 'updated')
{
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	$node->safe_psql($db, 'CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman');
}
$node->safe_psql('fresh', 'CREATE EXTENSION thermaliq');
my $current = $node->safe_psql('fresh', q{SELECT extversion FROM pg_extension WHERE extname = 'thermaliq'});
$node->safe_psql('updated', q{CREATE EXTENSION thermaliq VERSION '1.0'});
is($node->safe_psql('updated', q{SELECT extversion FROM pg_extension WHERE extname = 'thermaliq'}), '1.0',
	'version 1.0 installs from the frozen script');
# Data that 1.0 stored must survive the update.
$node->safe_psql('updated', q{
	INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('up-1', 'kept');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('up-1', 'heat', 'heat_output', 'rate', 'kW');
});
$node->safe_psql('updated', 'ALTER EXTENSION thermaliq UPDATE');
is($node->safe_psql('updated', q{SELECT extversion FROM pg_extension WHERE extname = 'thermaliq'}), $current,
	"1.0 updates to the current version $current");
is($node->safe_psql('updated', q{SELECT facility_id || '/' || meter_id FROM thermaliq.meters}), 'up-1/heat',
	'registry rows of 1.0 survive the update');

my $fresh = $node->safe_psql('fresh', $describe);
my $updated = $node->safe_psql('updated', $describe);
my %f = map { $_ => 1 } split /\n(?=(?:proc|rel|type|other|config|schema-acl) )/, $fresh;
my %u = map { $_ => 1 } split /\n(?=(?:proc|rel|type|other|config|schema-acl) )/, $updated;
my @only_fresh = grep { !$u{$_} } sort keys %f;
my @only_updated = grep { !$f{$_} } sort keys %u;
ok(scalar(keys %f) > 100, 'the description covers the extension (' . scalar(keys %f) . ' objects)');
is(scalar(@only_fresh), 0, 'every object of a fresh install is in the updated database, as defined there')
	or diag("fresh install only:\n" . join("\n---\n", map { substr($_, 0, 1500) } @only_fresh));
is(scalar(@only_updated), 0, 'the updated database has nothing a fresh install lacks')
	or diag("updated only:\n" . join("\n---\n", map { substr($_, 0, 1500) } @only_updated));

# The updated extension works.
is($node->safe_psql('updated', q{SELECT thermaliq.convert(1, 'MWh', 'kWh')}), '1000', 'the updated extension works');

$node->stop;
done_testing();
