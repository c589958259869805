/*
 * if97_test.c
 *		Unit tests of src/math/if97.c: every value of the verification
 *		tables of IAPWS R7-97(2012), SR3-03(2014) and SR5-05(2016), to the
 *		printed digits, plus the public entry points (region selection,
 *		round trips, two-phase states, range errors).
 *
 * The expected numbers are typed as printed in the releases; is_printed()
 * reads the number of printed digits from the string itself and accepts a
 * result that rounds to it (|got - want| <= half a unit in the last place).
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "math/if97.h"

/* Checks that got rounds to the printed decimal string want */
static void
is_printed(double got, const char *want, const char *name)
{
	double		w = strtod(want, NULL);
	const char *e = strpbrk(want, "eE");
	const char *dot = strchr(want, '.');
	int			decimals = 0;
	int			exponent = e ? atoi(e + 1) : 0;
	double		half;

	if (dot)
		decimals = (int) ((e ? e : want + strlen(want)) - dot - 1);
	half = 0.5 * pow(10.0, exponent - decimals);
	ok(fabs(got - w) <= half * (1 + 1e-9) + 1e-15 * fabs(w),
	   "%s = %s", name, want);
	if (!(fabs(got - w) <= half * (1 + 1e-9) + 1e-15 * fabs(w)))
		printf("#   got %.12g, want %s (|diff| %.3g, allowed %.3g)\n",
			   got, want, fabs(got - w), half);
}

/* One column of a forward verification table */
typedef struct
{
	double		a,
				b;				/* (T, p) or (rho, T) */
	const char *v,
			   *h,
			   *u,
			   *s,
			   *cp,
			   *w;
} Column;

/* Checks one column of a Gibbs-region table (regions 1, 2, 5) */
static void
CheckGibbs(const char *tab, void (*fn) (double, double, If97Props *), const Column *c)
{
	If97Props	o;
	char		n[96];

	fn(c->b, c->a, &o);
#define CHK(field, val) snprintf(n, sizeof(n), "%s T=%g K p=%g MPa " #field, tab, c->a, c->b); is_printed(val, c->field, n)
	CHK(v, o.v);
	CHK(h, o.h);
	CHK(u, o.u);
	CHK(s, o.s);
	CHK(cp, o.cp);
	CHK(w, o.w);
#undef CHK
}

/* Region 1, IAPWS R7-97 Table 5 */
static void
Table5(void)
{
	static const Column cols[] = {
		{300, 3, "0.100215168e-2", "0.115331273e3", "0.112324818e3", "0.392294792", "0.417301218e1", "0.150773921e4"},
		{300, 80, "0.971180894e-3", "0.184142828e3", "0.106448356e3", "0.368563852", "0.401008987e1", "0.163469054e4"},
		{500, 3, "0.120241800e-2", "0.975542239e3", "0.971934985e3", "0.258041912e1", "0.465580682e1", "0.124071337e4"},
	};

	for (int i = 0; i < 3; i++)
		CheckGibbs("Table 5", if97_region1, &cols[i]);
}

/* Region 2, IAPWS R7-97 Table 15 */
static void
Table15(void)
{
	static const Column cols[] = {
		{300, 0.0035, "0.394913866e2", "0.254991145e4", "0.241169160e4", "0.852238967e1", "0.191300162e1", "0.427920172e3"},
		{700, 0.0035, "0.923015898e2", "0.333568375e4", "0.301262819e4", "0.101749996e2", "0.208141274e1", "0.644289068e3"},
		{700, 30, "0.542946619e-2", "0.263149474e4", "0.246861076e4", "0.517540298e1", "0.103505092e2", "0.480386523e3"},
	};

	for (int i = 0; i < 3; i++)
		CheckGibbs("Table 15", if97_region2, &cols[i]);
}

/* Region 5, IAPWS R7-97 Table 42 */
static void
Table42(void)
{
	static const Column cols[] = {
		{1500, 0.5, "0.138455090e1", "0.521976855e4", "0.452749310e4", "0.965408875e1", "0.261609445e1", "0.917068690e3"},
		{1500, 30, "0.230761299e-1", "0.516723514e4", "0.447495124e4", "0.772970133e1", "0.272724317e1", "0.928548002e3"},
		{2000, 30, "0.311385219e-1", "0.657122604e4", "0.563707038e4", "0.853640523e1", "0.288569882e1", "0.106736948e4"},
	};

	for (int i = 0; i < 3; i++)
		CheckGibbs("Table 42", if97_region5, &cols[i]);
}

/* Region 3, IAPWS R7-97 Table 33 (columns: rho, T; row v is p here) */
static void
Table33(void)
{
	static const Column cols[] = {
		{500, 650, "0.255837018e2", "0.186343019e4", "0.181226279e4", "0.405427273e1", "0.138935717e2", "0.502005554e3"},
		{200, 650, "0.222930643e2", "0.237512401e4", "0.226365868e4", "0.485438792e1", "0.446579342e2", "0.383444594e3"},
		{500, 750, "0.783095639e2", "0.225868845e4", "0.210206932e4", "0.446971906e1", "0.634165359e1", "0.760696041e3"},
	};
	char		n[96];

	for (int i = 0; i < 3; i++)
	{
		If97Props	o,
					q;
		TqError	err;
		const Column *c = &cols[i];

		if97_region3(c->a, c->b, &o);
#define CHK(field, val) snprintf(n, sizeof(n), "Table 33 rho=%g T=%g " #field, c->a, c->b); is_printed(val, c->field, n)
		CHK(v, o.p_mpa);
		CHK(h, o.h);
		CHK(u, o.u);
		CHK(s, o.s);
		CHK(cp, o.cp);
		CHK(w, o.w);
#undef CHK
		/* and back: if97_pt at the exact p finds the same density */
		ok(if97_state_pt(o.p_mpa, c->b, &q, &err) == TQ_OK && q.region == 3 &&
		   fabs(q.rho - c->a) <= 1e-9 * c->a,
		   "if97_state_pt(%.9g, %g) is region 3 with rho = %g (got %.12g)", o.p_mpa, c->b, c->a, q.rho);
	}
}

/* Saturation, IAPWS R7-97 Tables 35 and 36 */
static void
Table35_36(void)
{
	is_printed(if97_psat_raw(300), "0.353658941e-2", "Table 35 psat(300 K)");
	is_printed(if97_psat_raw(500), "0.263889776e1", "Table 35 psat(500 K)");
	is_printed(if97_psat_raw(600), "0.123443146e2", "Table 35 psat(600 K)");
	is_printed(if97_tsat_raw(0.1), "0.372755919e3", "Table 36 Tsat(0.1 MPa)");
	is_printed(if97_tsat_raw(1), "0.453035632e3", "Table 36 Tsat(1 MPa)");
	is_printed(if97_tsat_raw(10), "0.584149488e3", "Table 36 Tsat(10 MPa)");
}

/* Boundary equations: B23 (Table 1 eq. 5/6), B2bc (eq. 20/21), B3ab */
static void
Boundaries(void)
{
	is_printed(if97_b23_p(623.15), "0.165291643e2", "B23 p(623.15 K)");
	is_printed(if97_b23_t(0.165291643e2), "0.623150000e3", "B23 T(16.5291643 MPa)");
	is_printed(if97_b2bc_p(0.3516004323e4), "0.1000000000e3", "B2bc p(3516.004323 kJ/kg)");
	is_printed(if97_b2bc_h(100), "0.3516004323e4", "B2bc h(100 MPa)");
	is_printed(if97_b3ab_h(25), "0.2095936454e4", "SR3-03 B3ab h(25 MPa)");
}

typedef struct
{
	double		p,
				y;
	const char *want;
} Pair;

/* Checks a backward equation at the points of one table */
static void
CheckBackward(const char *tab, double (*fn) (double, double), const Pair *pts, int n)
{
	char		name[96];

	for (int i = 0; i < n; i++)
	{
		snprintf(name, sizeof(name), "%s (%g, %g)", tab, pts[i].p, pts[i].y);
		is_printed(fn(pts[i].p, pts[i].y), pts[i].want, name);
	}
}

/* Backward equations of regions 1 and 2: R7-97 Tables 7, 9, 24, 29 */
static void
BackwardR12(void)
{
	static const Pair t7[] = {
		{3, 500, "0.391798509e3"}, {80, 500, "0.378108626e3"}, {80, 1500, "0.611041229e3"}};
	static const Pair t9[] = {
		{3, 0.5, "0.307842258e3"}, {80, 0.5, "0.309979785e3"}, {80, 3, "0.565899909e3"}};
	static const Pair t24[] = {
		{0.001, 3000, "0.534433241e3"}, {3, 3000, "0.575373370e3"}, {3, 4000, "0.101077577e4"},
		{5, 3500, "0.801299102e3"}, {5, 4000, "0.101531583e4"}, {25, 3500, "0.875279054e3"},
		{40, 2700, "0.743056411e3"}, {60, 2700, "0.791137067e3"}, {60, 3200, "0.882756860e3"}};
	static const Pair t29[] = {
		{0.1, 7.5, "0.399517097e3"}, {0.1, 8, "0.514127081e3"}, {2.5, 8, "0.103984917e4"},
		{8, 6, "0.600484040e3"}, {8, 7.5, "0.106495556e4"}, {90, 6, "0.103801126e4"},
		{20, 5.75, "0.697992849e3"}, {80, 5.25, "0.854011484e3"}, {80, 5.75, "0.949017998e3"}};

	CheckBackward("Table 7 T1(p,h)", if97_t1_ph, t7, 3);
	CheckBackward("Table 9 T1(p,s)", if97_t1_ps, t9, 3);
	CheckBackward("Table 24 T2(p,h)", if97_t2_ph, t24, 9);
	CheckBackward("Table 29 T2(p,s)", if97_t2_ps, t29, 9);
}

/* Backward equations of region 3: SR3-03 Tables 5, 8, 12, 15 */
static void
BackwardR3(void)
{
	static const Pair t5[] = {
		{20, 1700, "6.293083892e2"}, {50, 2000, "6.905718338e2"}, {100, 2100, "7.336163014e2"},
		{20, 2500, "6.418418053e2"}, {50, 2400, "7.351848618e2"}, {100, 2700, "8.420460876e2"}};
	static const Pair t8[] = {
		{20, 1700, "1.749903962e-3"}, {50, 2000, "1.908139035e-3"}, {100, 2100, "1.676229776e-3"},
		{20, 2500, "6.670547043e-3"}, {50, 2400, "2.801244590e-3"}, {100, 2700, "2.404234998e-3"}};
	static const Pair t12[] = {
		{20, 3.8, "6.282959869e2"}, {50, 3.6, "6.297158726e2"}, {100, 4.0, "7.056880237e2"},
		{20, 5.0, "6.401176443e2"}, {50, 4.5, "7.163687517e2"}, {100, 5.0, "8.474332825e2"}};
	static const Pair t15[] = {
		{20, 3.8, "1.733791463e-3"}, {50, 3.6, "1.469680170e-3"}, {100, 4.0, "1.555893131e-3"},
		{20, 5.0, "6.262101987e-3"}, {50, 4.5, "2.332634294e-3"}, {100, 5.0, "2.449610757e-3"}};

	CheckBackward("SR3-03 Table 5 T3(p,h)", if97_t3_ph, t5, 6);
	CheckBackward("SR3-03 Table 8 v3(p,h)", if97_v3_ph, t8, 6);
	CheckBackward("SR3-03 Table 12 T3(p,s)", if97_t3_ps, t12, 6);
	CheckBackward("SR3-03 Table 15 v3(p,s)", if97_v3_ps, t15, 6);
}

/* Region 3 v(p,T): SR5-05 Tables 3, 5, 11 and 13 */
static void
BackwardV3PT(void)
{
	/* (p, T) -> v: Table 5 (3a..3t) and Table 13 (3u..3z) */
	static const Pair t5[] = {
		{50, 630, "1.470853100e-3"}, {80, 670, "1.503831359e-3"},
		{50, 710, "2.204728587e-3"}, {80, 750, "1.973692940e-3"},
		{20, 630, "1.761696406e-3"}, {30, 650, "1.819560617e-3"},
		{26, 656, "2.245587720e-3"}, {30, 670, "2.506897702e-3"},
		{26, 661, "2.970225962e-3"}, {30, 675, "3.004627086e-3"},
		{26, 671, "5.019029401e-3"}, {30, 690, "4.656470142e-3"},
		{23.6, 649, "2.163198378e-3"}, {24, 650, "2.166044161e-3"},
		{23.6, 652, "2.651081407e-3"}, {24, 654, "2.967802335e-3"},
		{23.6, 653, "3.273916816e-3"}, {24, 655, "3.550329864e-3"},
		{23.5, 655, "4.545001142e-3"}, {24, 660, "5.100267704e-3"},
		{23, 660, "6.109525997e-3"}, {24, 670, "6.427325645e-3"},
		{22.6, 646, "2.117860851e-3"}, {23, 646, "2.062374674e-3"},
		{22.6, 648.6, "2.533063780e-3"}, {22.8, 649.3, "2.572971781e-3"},
		{22.6, 649.0, "2.923432711e-3"}, {22.8, 649.7, "2.913311494e-3"},
		{22.6, 649.1, "3.131208996e-3"}, {22.8, 649.9, "3.221160278e-3"},
		{22.6, 649.4, "3.715596186e-3"}, {22.8, 650.2, "3.664754790e-3"},
		{21.1, 640, "1.970999272e-3"}, {21.8, 643, "2.043919161e-3"},
		{21.1, 644, "5.251009921e-3"}, {21.8, 648, "5.256844741e-3"},
		{19.1, 635, "1.932829079e-3"}, {20, 638, "1.985387227e-3"},
		{17, 626, "8.483262001e-3"}, {20, 640, "6.227528101e-3"}};
	static const Pair t13[] = {
		{21.5, 644.6, "2.268366647e-3"}, {22, 646.1, "2.296350553e-3"},
		{22.5, 648.6, "2.832373260e-3"}, {22.3, 647.9, "2.811424405e-3"},
		{22.15, 647.5, "3.694032281e-3"}, {22.3, 648.1, "3.622226305e-3"},
		{22.11, 648, "4.528072649e-3"}, {22.3, 649, "4.556905799e-3"},
		{22, 646.84, "2.698354719e-3"}, {22.064, 647.05, "2.717655648e-3"},
		{22, 646.89, "3.798732962e-3"}, {22.064, 647.15, "3.701940009e-3"}};
	struct
	{
		const char *which;
		double		p;
		const char *want;
	}			bounds[] = {
		{"ab", 40, "6.930341408e2"}, {"cd", 25, "6.493659208e2"}, {"ef", 40, "7.139593992e2"},
		{"gh", 23, "6.498873759e2"}, {"ij", 23, "6.515778091e2"}, {"jk", 23, "6.558338344e2"},
		{"mn", 22.8, "6.496054133e2"}, {"op", 22.8, "6.500106943e2"}, {"qu", 22, "6.456355027e2"},
		{"rx", 22, "6.482622754e2"}, {"uv", 22.3, "6.477996121e2"}, {"wx", 22.3, "6.482049480e2"}};
	char		name[96];

	for (int i = 0; i < (int) (sizeof(bounds) / sizeof(bounds[0])); i++)
	{
		snprintf(name, sizeof(name), "SR5-05 Tables 3/11 T3%s(%g MPa)", bounds[i].which, bounds[i].p);
		is_printed(if97_t3_boundary(bounds[i].which, bounds[i].p), bounds[i].want, name);
	}
	for (int i = 0; i < (int) (sizeof(t5) / sizeof(t5[0])); i++)
	{
		snprintf(name, sizeof(name), "SR5-05 Table 5 v3(%g MPa, %g K)", t5[i].p, t5[i].y);
		is_printed(if97_v3_pt(t5[i].p, t5[i].y), t5[i].want, name);
	}
	for (int i = 0; i < (int) (sizeof(t13) / sizeof(t13[0])); i++)
	{
		snprintf(name, sizeof(name), "SR5-05 Table 13 v3(%g MPa, %g K)", t13[i].p, t13[i].y);
		is_printed(if97_v3_pt(t13[i].p, t13[i].y), t13[i].want, name);
	}
}

/* Region selection and round trips through the public entry points */
static void
PublicApi(void)
{
	static const double pts[][2] = {
		/* p MPa, T K: every region and near its edges */
		{0.1, 300}, {3, 500}, {80, 300}, {100, 273.15}, {16.6, 623.15},
		{0.0035, 300}, {0.0001, 280}, {30, 700}, {0.1, 1073.15}, {100, 1073.15},
		{25, 650}, {22.064, 647.096}, {21, 640}, {22.5, 648.6}, {40, 700},
		{100, 860}, {18, 633}, {20.5, 640}, {22.07, 647.2},
		{0.5, 1500}, {30, 2000}, {50, 2273.15}, {1, 1073.16}};
	If97Props	o,
				q;
	TqError	err;

	for (int i = 0; i < (int) (sizeof(pts) / sizeof(pts[0])); i++)
	{
		double		p = pts[i][0],
					t = pts[i][1];

		if (if97_state_pt(p, t, &o, &err) != TQ_OK)
		{
			ok(0, "if97_state_pt(%g, %g): %s", p, t, err.message);
			continue;
		}
		ok(if97_state_ph(p, o.h, &q, &err) == TQ_OK && fabs(q.t_k - t) <= 1e-9 * t && q.region == o.region,
		   "round trip T -> h -> T at (%g MPa, %g K), region %d (got %.12g, region %d)",
		   p, t, o.region, q.t_k, q.region);
		ok(if97_state_ps(p, o.s, &q, &err) == TQ_OK && fabs(q.t_k - t) <= 1e-9 * t && q.region == o.region,
		   "round trip T -> s -> T at (%g MPa, %g K), region %d (got %.12g, region %d)",
		   p, t, o.region, q.t_k, q.region);
		ok(isnan(o.x), "x is NaN in single phase at (%g, %g)", p, t);
	}

	/* the region 1/2 choice follows Tsat; B23 splits 2 and 3 */
	if97_state_pt(1, 453.0, &o, &err);
	ok(o.region == 1, "1 MPa, 453.0 K is region 1");
	if97_state_pt(1, 453.1, &o, &err);
	ok(o.region == 2, "1 MPa, 453.1 K is region 2");
	if97_state_pt(50, if97_b23_t(50) - 0.01, &o, &err);
	ok(o.region == 3, "just below B23 at 50 MPa is region 3");
	if97_state_pt(50, if97_b23_t(50) + 0.01, &o, &err);
	ok(o.region == 2, "just above B23 at 50 MPa is region 2");

	/* saturation: px and tx agree, x interpolates h and s */
	for (double t = 280; t < 647; t += 30)
	{
		If97Props	l,
					g,
					m;
		double		p;

		if97_sat_pressure(t, &p, &err);
		ok(if97_state_tx(t, 0, &l, &err) == TQ_OK && if97_state_tx(t, 1, &g, &err) == TQ_OK &&
		   if97_state_tx(t, 0.25, &m, &err) == TQ_OK && l.region == 4 && m.x == 0.25 &&
		   fabs(m.h - (0.75 * l.h + 0.25 * g.h)) < 1e-9 * g.h && isnan(m.cp) && !isnan(l.cp),
		   "tx(%g K, x) mixes saturated liquid and vapour", t);
		ok(if97_state_px(p, 0.25, &q, &err) == TQ_OK && fabs(q.h - m.h) < 1e-7 * m.h &&
		   fabs(q.t_k - t) < 1e-6,
		   "px(psat(%g K), 0.25) = tx(%g K, 0.25)", t, t);
		ok(if97_state_ph(p, m.h, &q, &err) == TQ_OK && q.region == 4 && fabs(q.x - 0.25) < 1e-7,
		   "ph inside the dome at %g K gives region 4, x = 0.25 (got %.10g)", t, q.x);
		ok(if97_state_ps(p, m.s, &q, &err) == TQ_OK && q.region == 4 && fabs(q.x - 0.25) < 1e-7,
		   "ps inside the dome at %g K gives region 4, x = 0.25 (got %.10g)", t, q.x);
		/* saturated liquid equals the single-phase liquid at Tsat */
		if (t > 623.15)
		{
			If97Props	r;

			if97_region3(l.rho, t, &r);
			ok(fabs(r.p_mpa - p) < 1e-10 * p, "region 3 saturated liquid at %g K sits at psat", t);
			if97_region3(g.rho, t, &r);
			ok(fabs(r.p_mpa - p) < 1e-10 * p && g.rho < l.rho,
			   "region 3 saturated vapour at %g K sits at psat, lighter than the liquid", t);
		}
	}
	ok(if97_state_px(22.064, 0.5, &o, &err) == TQ_OK && fabs(o.rho - 322) < 1e-9 && o.region == 4,
	   "px at the critical pressure is the critical point");
}

/* Range errors, NaN and infinities, with messages naming the bound */
static void
Errors(void)
{
	If97Props	o;
	TqError	err;
	double		d;

	ok(if97_state_pt(1, 2300, &o, &err) == TQ_ERR_RANGE &&
	   strcmp(err.message, "temperature 2300 K is above the IAPWS-IF97 limit of 2273.15 K") == 0,
	   "T above 2273.15 K: %s", err.message);
	ok(if97_state_pt(1, 273, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "below the IAPWS-IF97 limit of 273.15 K"),
	   "T below 273.15 K: %s", err.message);
	ok(if97_state_pt(101, 300, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "limit of 100 MPa"),
	   "p above 100 MPa: %s", err.message);
	ok(if97_state_pt(60, 1200, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "limit of 50 MPa"),
	   "p above 50 MPa in region 5: %s", err.message);
	ok(if97_state_pt(0, 300, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "lower limit of 0 MPa"),
	   "p = 0: %s", err.message);
	ok(if97_state_pt(NAN, 300, &o, &err) == TQ_ERR_RANGE, "NaN pressure rejected: %s", err.message);
	ok(if97_state_pt(1, NAN, &o, &err) == TQ_ERR_RANGE, "NaN temperature rejected: %s", err.message);
	ok(if97_state_pt(INFINITY, 300, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "Infinity"),
	   "infinite pressure rejected: %s", err.message);
	ok(if97_state_pt(1, -INFINITY, &o, &err) == TQ_ERR_RANGE, "-Infinity temperature rejected: %s", err.message);
	ok(if97_state_ph(1, NAN, &o, &err) == TQ_ERR_RANGE, "NaN enthalpy rejected: %s", err.message);
	ok(if97_state_ph(1, INFINITY, &o, &err) == TQ_ERR_RANGE, "infinite enthalpy rejected: %s", err.message);
	ok(if97_state_ps(1, -INFINITY, &o, &err) == TQ_ERR_RANGE, "-infinite entropy rejected: %s", err.message);
	ok(if97_state_ph(1, -100, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "below the IAPWS-IF97 limit"),
	   "h below the range: %s", err.message);
	ok(if97_state_ph(60, 5000, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "above the IAPWS-IF97 limit"),
	   "h above the range at 60 MPa: %s", err.message);
	ok(if97_state_ps(1, 20, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "specific entropy 20"),
	   "s above the range: %s", err.message);
	ok(if97_state_px(1, 1.5, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "outside the range 0 to 1"),
	   "x = 1.5: %s", err.message);
	ok(if97_state_tx(300, -0.1, &o, &err) == TQ_ERR_RANGE, "x = -0.1: %s", err.message);
	ok(if97_state_px(1, NAN, &o, &err) == TQ_ERR_RANGE, "x = NaN: %s", err.message);
	ok(if97_state_px(25, 0.5, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "critical pressure of 22.064 MPa"),
	   "px above the critical pressure: %s", err.message);
	ok(if97_state_tx(650, 0.5, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "critical temperature of 647.096 K"),
	   "tx above the critical temperature: %s", err.message);
	ok(if97_sat_pressure(200, &d, &err) == TQ_ERR_RANGE, "psat(200 K): %s", err.message);
	ok(if97_sat_temperature(0.0001, &d, &err) == TQ_ERR_RANGE, "tsat(0.0001 MPa): %s", err.message);
	ok(if97_sat_temperature(INFINITY, &d, &err) == TQ_ERR_RANGE, "tsat(Infinity): %s", err.message);
	ok(if97_water_exergy(1, 500, 0.101325, NAN, &d, &err) == TQ_ERR_RANGE, "exergy with NaN T0: %s", err.message);
	ok(if97_water_exergy(0.101325, 298.15, 0.101325, 298.15, &d, &err) == TQ_OK && d == 0.0,
	   "exergy at the dead state is 0");
}

int
main(void)
{
	Table5();
	Table15();
	Table33();
	Table42();
	Table35_36();
	Boundaries();
	BackwardR12();
	BackwardR3();
	BackwardV3PT();
	PublicApi();
	Errors();
	return done_testing();
}
