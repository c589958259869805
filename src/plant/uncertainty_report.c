/*
 * uncertainty_report.c
 *		analyze_uncertainty(): the uncertainty budgets of analyze()'s two
 *		first-law methods (JCGM 100:2008, ASME PTC 19.1), in C.
 *
 * The policy is that of 49_analyze_physics.sql's comment, unchanged from
 * the plpgsql it replaces (which cost a query per budget column and per
 * combustion_losses() call: about 0.45 ms of a 12 ms analyze):
 *
 *   input_output, gross efficiency eta = 100 U / (F + E) (PTC 4): per
 *   energy meter of p_me with an uncertainty_pct for its role, sensitivity
 *   100 / (F + E) for an output and -100 U / (F + E)^2 for a fuel or
 *   electric meter, the stated uncertainty uncertainty_pct x its energy of
 *   kind uncertainty_kind, one correlation group per role; the heating
 *   value (c = -100 U F / (F + E)^2) when a fuel meter reads a mass or
 *   volume.
 *
 *   heat_loss, eta = 100 - losses: sensitivities of combustion_losses() by
 *   central differences at the mean conditions (flue-gas temperature +-1 K,
 *   O2 +-0.1 points, air temperature +-1 K, humidity +-5 %RH) and the
 *   assumption terms (stratification, composition, humidity, radiation,
 *   heating value).
 *
 * Each budget is uncertainty_budget()'s table of those terms. Every number
 * goes into the jsonb as SQL's jsonb_build_object puts a float8 (float8out
 * under the caller's extra_float_digits, then numeric; not finite: a
 * string), and the budget is computed from the terms' values as read back
 * from that jsonb, as the plpgsql did: the result is byte-identical.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_collation.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/varlena.h"

#include "math/combustion.h"
#include "math/uncertainty.h"
#include "pg/errors_sql.h"
#include "pg/fuel_sql.h"

PG_FUNCTION_INFO_V1(analyze_uncertainty);
PG_FUNCTION_INFO_V1(uncertainty_budget);

/* An optional float8 */
typedef struct OptF8
{
	bool		isnull;
	double		v;
} OptF8;

static const OptF8 NULLF8 = {true, 0.0};

static inline OptF8
F8(double v)
{
	OptF8		o = {false, v};

	return o;
}

/*
 * float8 arithmetic as SQL's operators do it (float.c): 22003 on overflow
 * or underflow from finite operands, 22012 on division by zero, 2201F for
 * the square root of a negative number, so that an absurd argument fails
 * as the plpgsql failed
 */
static inline double
Pl(double a, double b)
{
	double		r = a + b;

	if (unlikely(isinf(r)) && !isinf(a) && !isinf(b))
		float_overflow_error();
	return r;
}

static inline double
Mi(double a, double b)
{
	double		r = a - b;

	if (unlikely(isinf(r)) && !isinf(a) && !isinf(b))
		float_overflow_error();
	return r;
}

static inline double
Mu(double a, double b)
{
	double		r = a * b;

	if (unlikely(isinf(r)) && !isinf(a) && !isinf(b))
		float_overflow_error();
	if (unlikely(r == 0.0) && a != 0.0 && b != 0.0)
		float_underflow_error();
	return r;
}

static inline double
Dv(double a, double b)
{
	double		r;

	if (unlikely(b == 0.0) && !isnan(a))
		float_zero_divide_error();
	r = a / b;
	if (unlikely(isinf(r)) && !isinf(a))
		float_overflow_error();
	if (unlikely(r == 0.0) && a != 0.0 && !isinf(b))
		float_underflow_error();
	return r;
}

/* x ^ 2 (dpow for a finite x) */
static inline double
Sq2(double x)
{
	double		r = pow(x, 2.0);

	if (unlikely(isinf(r)) && !isinf(x))
		float_overflow_error();
	if (unlikely(r == 0.0) && x != 0.0)
		float_underflow_error();
	return r;
}

/* sqrt(x) (dsqrt) */
static inline double
Sqrt8(double x)
{
	if (x < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
				 errmsg("cannot take square root of a negative number")));
	return sqrt(x);
}

/* ------------------------------------------------------------------ */
/* Reading jsonb as ->> and ::float8 do                                 */
/* ------------------------------------------------------------------ */

/* c ->> key: NULL for a missing key, JSON null or a non-object */
static char *
GetTextC(JsonbContainer *c, const char *key)
{
	JsonbValue	k,
			   *v;

	if (c == NULL || !JsonContainerIsObject(c))
		return NULL;
	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(c, JB_FOBJECT, &k);
	if (v == NULL)
		return NULL;
	switch (v->type)
	{
		case jbvNull:
			return NULL;
		case jbvString:
			return pnstrdup(v->val.string.val, v->val.string.len);
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		case jbvBinary:
			return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	return NULL;
}

static char *
GetText(Jsonb *j, const char *key)
{
	return j ? GetTextC(&j->root, key) : NULL;
}

/* (text)::float8 of a ->> result */
static OptF8
TextF8(const char *s)
{
	if (s == NULL)
		return NULLF8;
	return F8(DatumGetFloat8(DirectFunctionCall1(float8in, CStringGetDatum(s))));
}

/* (j ->> key)::float8 */
static OptF8
GetF8(Jsonb *j, const char *key)
{
	return TextF8(GetText(j, key));
}

/* j ? key, as jsonb_exists */
static bool
HasKey(Jsonb *j, const char *key)
{
	JsonbValue	k;

	if (j == NULL || key == NULL)
		return false;
	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	return findJsonbValueFromContainer(&j->root, JB_FOBJECT | JB_FARRAY, &k) != NULL;
}

/* ------------------------------------------------------------------ */
/* Writing jsonb as jsonb_build_object does                             */
/* ------------------------------------------------------------------ */

static void
PutKey(JsonbParseState **st, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
}

static void
PutNull(JsonbParseState **st)
{
	JsonbValue	v;

	v.type = jbvNull;
	pushJsonbValue(st, WJB_VALUE, &v);
}

static void
PutStr(JsonbParseState **st, const char *s)
{
	JsonbValue	v;

	if (s == NULL)
	{
		PutNull(st);
		return;
	}
	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = strlen(s);
	pushJsonbValue(st, WJB_VALUE, &v);
}

/*
 * A float8 as to_jsonb gives it: float8out's text (extra_float_digits of
 * the caller) as a numeric, a string when not finite. Returns the value as
 * a later (j ->> key)::float8 reads it back.
 */
static double
PutF8(JsonbParseState **st, OptF8 x)
{
	JsonbValue	v;
	char	   *s;

	if (x.isnull)
	{
		PutNull(st);
		return 0.0;
	}
	s = DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(x.v)));
	if (!isfinite(x.v))
	{
		PutStr(st, s);
		return x.v;
	}
	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
														ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	pushJsonbValue(st, WJB_VALUE, &v);
	return DatumGetFloat8(DirectFunctionCall1(float8in, CStringGetDatum(s)));
}

static void
PutInt(JsonbParseState **st, int i)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(i);
	pushJsonbValue(st, WJB_VALUE, &v);
}

#define KSTR(st, k, s) (PutKey((st), (k)), PutStr((st), (s)))
#define KF8(st, k, x) (PutKey((st), (k)), PutF8((st), (x)))
#define KINT(st, k, i) (PutKey((st), (k)), PutInt((st), (i)))

/* ------------------------------------------------------------------ */
/* Budget terms and uncertainty_budget's table                          */
/* ------------------------------------------------------------------ */

/* One term: its JSON fields, NULL where the plpgsql gave NULL */
typedef struct Term
{
	const char *name;
	bool		has_quantity;
	const char *quantity;
	const char *unit;
	bool		has_value;
	OptF8		value;
	OptF8		sensitivity;
	OptF8		uncertainty;
	const char *kind;
	int			group;			/* 0: no "group" key in the term */
	const char *source;
	const char *sort_key;		/* input-output terms: meter_id */
} Term;

typedef struct Budget
{
	Term	   *t;
	int			n;
	int			cap;
} Budget;

static Term *
AddTerm(Budget *b)
{
	if (b->n == b->cap)
	{
		b->cap = b->cap ? 2 * b->cap : 12;
		b->t = b->t ? repalloc(b->t, sizeof(Term) * b->cap) : palloc(sizeof(Term) * b->cap);
	}
	memset(&b->t[b->n], 0, sizeof(Term));
	b->t[b->n].value = NULLF8;
	b->t[b->n].sensitivity = NULLF8;
	b->t[b->n].uncertainty = NULLF8;
	return &b->t[b->n++];
}

/* standard_uncertainty(p_stated, p_kind) */
static double
StandardU(double stated, const char *kind)
{
	TqMathError err;
	TqUncKind	k;
	double		u;

	if (tq_unc_kind_parse(kind, &k, &err) != TQ_MATH_OK ||
		tq_unc_standard(k, stated, &u, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	return u;
}

/* ORDER BY meter_id (the database collation), NULL last */
static int
TermCmp(const void *x, const void *y)
{
	const Term *a = x,
			   *b = y;

	if (a->sort_key == NULL || b->sort_key == NULL)
		return (a->sort_key == NULL) - (b->sort_key == NULL);
	return varstr_cmp(a->sort_key, strlen(a->sort_key), b->sort_key, strlen(b->sort_key),
					  DEFAULT_COLLATION_OID);
}

/* Pushes the whole of j as the next array element */
static void
PushJsonb(JsonbParseState **st, Jsonb *j)
{
	JsonbValue	v;

	v.type = jbvBinary;
	v.val.binary.data = &j->root;
	v.val.binary.len = VARSIZE(j) - VARHDRSZ;
	pushJsonbValue(st, WJB_ELEM, &v);
}

/*
 * uncertainty_budget(terms) || {"efficiency": efficiency} (efficiency may be
 * NULL: no such key): every term read as ->> and ::float8 / ::int read it
 * (sensitivity default 1, uncertainty and random default 0, kinds default
 * standard, group default 0), each returned as term || {kind, u_systematic,
 * u_random, group, contribution, share_pct}, with the combined, expanded,
 * systematic and random parts (JCGM 100 5.2, ASME PTC 19.1).
 */
static Jsonb *
BudgetOf(Jsonb **terms, int n, const char *efficiency)
{
	TqUncTerm  *u = palloc0(sizeof(TqUncTerm) * (n + 1));
	char	  **kinds = palloc(sizeof(char *) * (n + 1));
	JsonbParseState *st = NULL;
	TqMathError err;
	double		uc,
				us,
				ur;
	int			i;

	for (i = 0; i < n; i++)
	{
		OptF8		c = GetF8(terms[i], "sensitivity"),
					b = GetF8(terms[i], "uncertainty");
		char	   *kind = GetText(terms[i], "kind"),
				   *rkind;
		OptF8		r = GetF8(terms[i], "random");
		char	   *g;

		u[i].sensitivity = c.isnull ? 1.0 : c.v;
		kinds[i] = kind ? kind : "standard";
		u[i].u_systematic = StandardU(b.isnull ? 0.0 : b.v, kinds[i]);
		rkind = GetText(terms[i], "random_kind");
		u[i].u_random = StandardU(r.isnull ? 0.0 : r.v, rkind ? rkind : "standard");
		g = GetText(terms[i], "group");
		u[i].group = g ? DatumGetInt32(DirectFunctionCall1(int4in, CStringGetDatum(g))) : 0;
	}
	if (tq_unc_combine(u, n, &uc, &us, &ur, &err) != TQ_MATH_OK)
		ReportMathError(&err);

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	KSTR(&st, "method", "JCGM 100:2008 first-order propagation, ASME PTC 19.1 systematic and random parts");
	KSTR(&st, "correlation_model", "systematic parts of terms in one group fully correlated (r = 1, added linearly); different groups, group 0 and all random parts independent");
	KINT(&st, "coverage_factor", 2);
	KF8(&st, "standard_uncertainty", F8(uc));
	KF8(&st, "expanded_uncertainty", F8(Mu(2, uc)));
	KF8(&st, "systematic", F8(us));
	KF8(&st, "random", F8(ur));
	if (efficiency)
		KSTR(&st, "efficiency", efficiency);
	PutKey(&st, "terms");
	pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
	for (i = 0; i < n; i++)
	{
		JsonbParseState *ost = NULL;
		double		cc = u[i].sensitivity,
					bb = u[i].u_systematic,
					ss = u[i].u_random;
		Jsonb	   *add;

		pushJsonbValue(&ost, WJB_BEGIN_OBJECT, NULL);
		KSTR(&ost, "kind", kinds[i]);
		KF8(&ost, "u_systematic", F8(bb));
		KF8(&ost, "u_random", F8(ss));
		KINT(&ost, "group", u[i].group);
		/* abs(c) * sqrt(b ^ 2 + s ^ 2); 100 share / u_c ^ 2 when u_c > 0 */
		KF8(&ost, "contribution", F8(Mu(fabs(cc), Sqrt8(Pl(Sq2(bb), Sq2(ss))))));
		KF8(&ost, "share_pct", uc > 0 ? F8(Dv(Mu(100, u[i].share), Sq2(uc))) : NULLF8);
		add = JsonbValueToJsonb(pushJsonbValue(&ost, WJB_END_OBJECT, NULL));
		/* term || {...}, as the operator does for any term */
		PushJsonb(&st, DatumGetJsonbP(DirectFunctionCall2(jsonb_concat, JsonbPGetDatum(terms[i]),
														  JsonbPGetDatum(add))));
	}
	pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	return JsonbValueToJsonb(pushJsonbValue(&st, WJB_END_OBJECT, NULL));
}

/* A built term as its jsonb object */
static Jsonb *
TermJsonb(const Term *t)
{
	JsonbParseState *st = NULL;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	KSTR(&st, "name", t->name);
	if (t->has_quantity)
		KSTR(&st, "quantity", t->quantity);
	KSTR(&st, "unit", t->unit);
	if (t->has_value)
		KF8(&st, "value", t->value);
	KF8(&st, "sensitivity", t->sensitivity);
	KF8(&st, "uncertainty", t->uncertainty);
	KSTR(&st, "kind", t->kind);
	if (t->group != 0)
		KINT(&st, "group", t->group);
	KSTR(&st, "source", t->source);
	return JsonbValueToJsonb(pushJsonbValue(&st, WJB_END_OBJECT, NULL));
}

/* The budget of built terms, pushed as the next value of st */
static void
BudgetJson(JsonbParseState **st, Budget *b, const char *efficiency)
{
	Jsonb	  **terms = palloc(sizeof(Jsonb *) * (b->n + 1));
	Jsonb	   *res;
	JsonbValue	v;
	int			i;

	for (i = 0; i < b->n; i++)
		terms[i] = TermJsonb(&b->t[i]);
	res = BudgetOf(terms, b->n, efficiency);
	v.type = jbvBinary;
	v.val.binary.data = &res->root;
	v.val.binary.len = VARSIZE(res) - VARHDRSZ;
	pushJsonbValue(st, WJB_VALUE, &v);
}

/*
 * uncertainty_budget(p_terms jsonb): the budget table of any terms (see
 * BudgetOf), ERROR 22023 unless p_terms is a JSON array
 */
Datum
uncertainty_budget(PG_FUNCTION_ARGS)
{
	Jsonb	   *in = PG_GETARG_JSONB_P(0);
	Jsonb	  **terms;
	int			n,
				i;

	if (JB_ROOT_IS_SCALAR(in) || !JB_ROOT_IS_ARRAY(in))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("uncertainty budget must be a JSON array of terms")));
	n = JB_ROOT_COUNT(in);
	terms = palloc(sizeof(Jsonb *) * (n + 1));
	for (i = 0; i < n; i++)
		terms[i] = JsonbValueToJsonb(getIthJsonbValueFromContainer(&in->root, i));
	PG_RETURN_JSONB_P(BudgetOf(terms, n, NULL));
}

/* ------------------------------------------------------------------ */
/* combustion_losses(...).total_pct                                     */
/* ------------------------------------------------------------------ */

/* The fuel and basis of the heat-loss sensitivities, looked up once */
typedef struct Comb
{
	bool		ok;				/* false: a STRICT argument was NULL */
	TqFuel		fuel;
	TqBasis		basis;
	double		co;
} Comb;

/*
 * total_pct of combustion_losses(fuel, t, ta, o2, co, basis, rh); NULL
 * where the STRICT SQL function gives no row
 */
static OptF8
CombTotal(const Comb *cb, double t, OptF8 ta, double o2, double rh)
{
	TqCombustionInput in;
	TqCombustionLosses out;
	TqAirState	air;
	TqError		err;

	if (!cb->ok || ta.isnull)
		return NULLF8;

	/*
	 * a relative humidity of air above 100 degC (an air preheater's outlet)
	 * gives no humidity ratio: heat_balance then has no flue-gas losses
	 * (balance.c) and analyze() no heat-loss result, so no sensitivity
	 * either, rather than an error that fails the whole report
	 */
	if (rh > 0 && ta.v > 100.0)
		return NULLF8;
	in.flue_gas_temp_c = t;
	in.air_temp_c = ta.v;
	in.o2_dry_pct = o2;
	in.co_ppm = cb->co;
	in.basis = cb->basis;
	/* the combustion air as the balance takes it (balance.c) */
	if (tq_combustion_air(in.air_temp_c, rh, &air, &err) != TQ_OK)
		tq_report_error(&err);
	if (tq_combustion_losses_air(&cb->fuel, &in, &air, &out, &err) != TQ_OK)
		tq_report_error(&err);
	return F8(out.total_pct);
}

static inline OptF8
Diff(OptF8 a, OptF8 b, double d)
{
	return a.isnull || b.isnull ? NULLF8 : F8(Dv(Mi(a.v, b.v), d));
}

static inline OptF8
Neg(OptF8 a)
{
	return a.isnull ? a : F8(-a.v);
}

/* greatest() and least() of two float8: NaN above every number */
static inline int
F8Cmp(double a, double b)
{
	if (isnan(a))
		return isnan(b) ? 0 : 1;
	if (isnan(b))
		return -1;
	return a > b ? 1 : (a < b ? -1 : 0);
}

static inline double
Greatest(double a, double b)
{
	return F8Cmp(a, b) >= 0 ? a : b;
}

static inline double
Least(double a, double b)
{
	return F8Cmp(a, b) <= 0 ? a : b;
}

/* ------------------------------------------------------------------ */
/* analyze_uncertainty                                                  */
/* ------------------------------------------------------------------ */

static SPIPlanPtr by_mass_plan = NULL;

/* Whether a fuel_input meter of the facility reads a mass or volume (NULL: none) */
static bool
FuelByMass(text *facility)
{
	Datum		arg = PointerGetDatum(facility);
	bool		isnull,
				r = false;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (by_mass_plan == NULL)
	{
		Oid			types[1] = {TEXTOID};
		SPIPlanPtr	plan = SPI_prepare("SELECT bool_or(thermaliq.unit_dimension(m.unit) IN "
									   "('mass flow', 'volume flow', 'mass', 'volume')) "
									   "FROM thermaliq.meters m WHERE m.facility_id = $1 AND m.role = 'fuel_input'",
									   1, types);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		by_mass_plan = plan;
	}
	rc = SPI_execute_plan(by_mass_plan, &arg, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		r = !isnull && DatumGetBool(d);
	}
	SPI_finish();
	return r;
}

static const char *
JsonTypeName(Jsonb *j)
{
	if (j == NULL)
		return "NULL";
	if (JB_ROOT_IS_SCALAR(j))
	{
		JsonbValue	v;

		(void) JsonbExtractScalar(&j->root, &v);
		switch (v.type)
		{
			case jbvNull:
				return "null";
			case jbvString:
				return "string";
			case jbvNumeric:
				return "number";
			case jbvBool:
				return "boolean";
			default:
				return "unknown";
		}
	}
	return JB_ROOT_IS_OBJECT(j) ? "object" : "array";
}

/* The input-output budget's terms: the meters of p_me, the heating value */
static void
InputOutputTerms(Budget *b, text *facility, Jsonb *me, double F, double U, double I,
				 Jsonb *v_u, const char *kind, const char *fuel)
{
	int			n = JB_ROOT_COUNT(me),
				i,
				first = b->n;

	for (i = 0; i < n; i++)
	{
		JsonbValue *x = getIthJsonbValueFromContainer(&me->root, i);
		JsonbContainer *c = (x != NULL && x->type == jbvBinary) ? x->val.binary.data : NULL;
		char	   *role = GetTextC(c, "role");
		char	   *e_text = GetTextC(c, "energy_kwh");
		char	   *u_text;
		OptF8		e;
		Term	   *t;

		/* WHERE x ->> 'energy_kwh' IS NOT NULL AND v_u ? (x ->> 'role') */
		if (e_text == NULL || !HasKey(v_u, role))
			continue;
		e = TextF8(e_text);
		u_text = GetText(v_u, role);
		t = AddTerm(b);
		t->name = GetTextC(c, "meter_id");
		t->sort_key = t->name;
		t->has_quantity = true;
		t->quantity = role;
		t->unit = "kWh";
		t->has_value = true;
		t->value = e;
		if (strcmp(role, "fuel_input") == 0 || strcmp(role, "electric_input") == 0)
			t->sensitivity = F8(Dv(Mu(-100, U), Sq2(I)));
		else
			t->sensitivity = F8(Dv(100, I));
		t->uncertainty = TextF8(u_text);
		if (!t->uncertainty.isnull)
			t->uncertainty = F8(Mu(Dv(t->uncertainty.v, 100), e.v));
		t->kind = kind;
		t->group = strcmp(role, "fuel_input") == 0 ? 1 : strcmp(role, "electric_input") == 0 ? 2 :
			strcmp(role, "heat_output") == 0 ? 3 : strcmp(role, "steam_output") == 0 ? 4 : 5;
		t->source = psprintf("instrument: uncertainty_pct.%s = %s %% of reading", role,
							 u_text ? u_text : "");
	}
	/* jsonb_agg(... ORDER BY x ->> 'meter_id') */
	qsort(b->t + first, b->n - first, sizeof(Term), TermCmp);
	if (FuelByMass(facility))
	{
		Term	   *t = AddTerm(b);

		t->name = "heating_value";
		t->has_quantity = true;
		t->quantity = fuel ? psprintf("heating value of %s", fuel) : NULL;
		t->unit = "relative";
		t->sensitivity = F8(Dv(Mu(Mu(-100, U), F), Sq2(I)));
		t->uncertainty = GetF8(v_u, "heating_value");
		if (!t->uncertainty.isnull)
			t->uncertainty = F8(Dv(t->uncertainty.v, 100));
		t->kind = kind;
		t->source = "fuel metered by mass or volume: energy = mass x heating value";
	}
}

/* A heat-loss term */
static Term *
HlTerm(Budget *b, const char *name, const char *unit, bool has_value, OptF8 value,
	   OptF8 sensitivity, OptF8 uncertainty, const char *kind, int group, const char *source)
{
	Term	   *t = AddTerm(b);

	t->name = name;
	t->unit = unit;
	t->has_value = has_value;
	t->value = value;
	t->sensitivity = sensitivity;
	t->uncertainty = uncertainty;
	t->kind = kind;
	t->group = group;
	t->source = source;
	return t;
}

static inline OptF8
Div(OptF8 a, double d)
{
	return a.isnull ? a : F8(Dv(a.v, d));
}

static inline OptF8
Mul(OptF8 a, OptF8 b)
{
	return a.isnull || b.isnull ? NULLF8 : F8(Mu(a.v, b.v));
}

/*
 * The heat-loss budget's terms at the mean conditions of p_comb; false when
 * the losses themselves have no value there (no air temperature or basis,
 * humid air above 100 degC): no budget then
 */
static bool
HeatLossTerms(Budget *b, Jsonb *comb, Jsonb *v_u, const char *kind, const char *fuel,
			  double t, double o2, OptF8 ta, OptF8 co, OptF8 rh_in)
{
	char	   *basis = GetText(comb, "basis");
	double		rh = rh_in.isnull ? 0.0 : rh_in.v;
	Comb		cb;
	OptF8		L,
				dT,
				dO2,
				dTa,
				dRH,
				rad;
	double		o2hi = Least(Pl(o2, 0.1), 20.9),
				o2lo = Greatest(Mi(o2, 0.1), 0.0);
	const char *strat = "assumption: one probe stands for the duct (ASME PTC 4 grid traverse)";

	/* combustion_losses is STRICT: a NULL air temperature or basis, no row */
	cb.ok = basis != NULL;
	cb.co = co.isnull ? 0.0 : co.v;
	if (cb.ok)
	{
		cb.basis = BasisOrError(cstring_to_text(basis));
		FetchFuelOrError(fuel, &cb.fuel);
		cb.fuel.fuel_id = fuel;
	}
	L = CombTotal(&cb, t, ta, o2, rh);
	if (L.isnull)
		return false;
	dT = Diff(CombTotal(&cb, Pl(t, 1), ta, o2, rh),
			  CombTotal(&cb, ta.isnull ? Mi(t, 1) : Greatest(Mi(t, 1), ta.v), ta, o2, rh), 2.0);
	dO2 = Diff(CombTotal(&cb, t, ta, o2hi, rh), CombTotal(&cb, t, ta, o2lo, rh), Mi(o2hi, o2lo));
	dTa = ta.isnull ? NULLF8 :
		Diff(CombTotal(&cb, t, F8(Least(Pl(ta.v, 1), t)), o2, rh), CombTotal(&cb, t, F8(Mi(ta.v, 1)), o2, rh), 2.0);

	HlTerm(b, "flue_gas_temperature", "K", true, F8(t), Neg(dT), GetF8(v_u, "flue_gas_temperature"),
		   kind, 11, "instrument");
	HlTerm(b, "flue_gas_o2", "%-points", true, F8(o2), Neg(dO2), GetF8(v_u, "flue_gas_o2"),
		   kind, 12, "instrument");
	HlTerm(b, "combustion_air_temperature", "K", true, ta, Neg(dTa),
		   GetF8(v_u, "combustion_air_temperature"), kind, 13,
		   "instrument (or the facility ambient temperature)");
	HlTerm(b, "stratification_temperature", "K", false, NULLF8, Neg(dT), GetF8(v_u, "stratification_k"),
		   "rectangular", 0, strat);
	HlTerm(b, "stratification_o2", "%-points", false, NULLF8, Neg(dO2), GetF8(v_u, "stratification_o2"),
		   "rectangular", 0, strat);
	HlTerm(b, "composition", "points", false, NULLF8, F8(-1), GetF8(v_u, "composition_points"),
		   "rectangular", 0, "assumption: the fuel row's ultimate analysis stands for the fuel burnt");
	HlTerm(b, "heating_value", "relative", false, NULLF8, L, Div(GetF8(v_u, "heating_value"), 100.0),
		   kind, 0, "losses are per kg of fuel over its heating value");
	if (!rh_in.isnull)
	{
		double		hi = Least(Pl(rh, 5), 100),
					lo = Greatest(Mi(rh, 5), 0);

		dRH = Diff(CombTotal(&cb, t, ta, o2, hi), CombTotal(&cb, t, ta, o2, lo), Mi(hi, lo));
		HlTerm(b, "air_humidity", "%RH", true, F8(rh), Neg(dRH), GetF8(v_u, "humidity_rh"),
			   kind, 0, "ambient_humidity meter or facility_settings.air_humidity_pct");
	}
	else
	{
		/*
		 * saturated air at the air temperature, over (supercooled) water
		 * from -45 to 100 degC (tq_humidity_ratio); outside, the air stays
		 * dry and the term is 0. (1.1 before: over water from 0.01 degC
		 * only, so 0 on every frosty day.)
		 */
		OptF8		sat = ta.isnull ? NULLF8 :
			CombTotal(&cb, t, ta, o2, ta.v <= 100 ? 100 : 0);

		dRH = sat.isnull || L.isnull ? NULLF8 : F8(Mi(sat.v, L.v));
		HlTerm(b, "air_humidity", "points", false, NULLF8, F8(-1), Div(dRH, 2.0),
			   "rectangular", 0, "assumption: dry air; the humid-air loss lies between 0 (dry) and that of saturated air");
	}
	rad = GetF8(comb, "radiation_pct");
	if (!rad.isnull)
		HlTerm(b, "radiation", "points", true, rad, F8(-1),
			   Mul(Div(GetF8(v_u, "radiation_fraction"), 100.0), rad),
			   "rectangular", 0, "assumption: the casing loss setting (ABMA chart, surface or percentage)");
	return true;
}

/*
 * analyze_uncertainty(p_facility, p_me, p_fuel_kwh, p_electric_kwh,
 * p_useful_kwh, p_opt, p_comb) -> {input_output, heat_loss}
 */
Datum
analyze_uncertainty(PG_FUNCTION_ARGS)
{
	text	   *facility = PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0);
	Jsonb	   *me = PG_ARGISNULL(1) ? NULL : PG_GETARG_JSONB_P(1);
	OptF8		F = PG_ARGISNULL(2) ? NULLF8 : F8(PG_GETARG_FLOAT8(2)),
				E = PG_ARGISNULL(3) ? NULLF8 : F8(PG_GETARG_FLOAT8(3)),
				U = PG_ARGISNULL(4) ? NULLF8 : F8(PG_GETARG_FLOAT8(4));
	Jsonb	   *opt = PG_ARGISNULL(5) ? NULL : PG_GETARG_JSONB_P(5);
	Jsonb	   *comb = PG_ARGISNULL(6) ? NULL : PG_GETARG_JSONB_P(6);
	Jsonb	   *v_u = NULL;
	const char *kind = GetText(opt, "uncertainty_kind");
	const char *fuel = GetText(comb, "fuel");
	/* v_I, and the conditions, on entry as the plpgsql's declarations did */
	double		I = F.isnull || E.isnull ? NAN : Pl(F.v, E.v);
	OptF8		t = GetF8(comb, "flue_gas_temp_c"),
				ta = GetF8(comb, "air_temp_c"),
				o2 = GetF8(comb, "o2_pct"),
				co = GetF8(comb, "co_ppm"),
				rh = GetF8(comb, "rh_pct");
	JsonbParseState *st = NULL;
	JsonbValue *res;

	/*
	 * p_me is analyze()'s list of meter energies; anything else is refused
	 * here (the plpgsql did so too, before any plan could decide for it)
	 */
	if (me == NULL || JB_ROOT_IS_SCALAR(me) || !JB_ROOT_IS_ARRAY(me))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_me must be a JSON array of meter energies, not %s", JsonTypeName(me))));
	if (kind == NULL)
		kind = "rectangular";
	if (opt != NULL && JB_ROOT_IS_OBJECT(opt))
	{
		JsonbValue	k,
				   *v;

		k.type = jbvString;
		k.val.string.val = "uncertainty_pct";
		k.val.string.len = strlen("uncertainty_pct");
		v = findJsonbValueFromContainer(&opt->root, JB_FOBJECT, &k);
		if (v != NULL)
			v_u = JsonbValueToJsonb(v);
	}

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	PutKey(&st, "input_output");
	if (!F.isnull && !E.isnull && !U.isnull && I > 0 && U.v > 0)
	{
		Budget		b = {0};

		InputOutputTerms(&b, facility, me, F.v, U.v, I, v_u, kind, fuel);
		BudgetJson(&st, &b, "gross efficiency 100 U / (F + E) (ASME PTC 4), points");
	}
	else
		PutNull(&st);
	PutKey(&st, "heat_loss");
	{
		Budget		b = {0};

		if (!t.isnull && !o2.isnull && fuel != NULL &&
			HeatLossTerms(&b, comb, v_u, kind, fuel, t.v, o2.v, ta, co, rh))
			BudgetJson(&st, &b, "heat-loss method 100 - losses (% of fuel input), points");
		else
			PutNull(&st);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}
