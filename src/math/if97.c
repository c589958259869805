/*
 * if97.c
 *		IAPWS-IF97: water and steam properties, all five regions, the
 *		backward equations, region selection and two-phase states.
 *
 * What is implemented, and how:
 *  - Regions 1, 2 and 5: the Gibbs free energy equations g(p,T) of IAPWS
 *    R7-97(2012) (region 2 without the metastable-vapour variant).
 *  - Region 3: the Helmholtz equation f(rho,T). States given by (p,T) are
 *    found by ITERATION ON THE FORWARD EQUATION: the backward equations
 *    v(p,T) of IAPWS SR5-05(2016) (subregions 3a..3z, which also pick the
 *    liquid-like or vapour-like root near saturation) give the starting
 *    density, and Newton's method on p(rho,T) = p refines it to machine
 *    precision, so region 3 is as exact as the forward equation itself.
 *  - Region 4: the saturation equation psat(T) and its inverse Tsat(p).
 *    Saturated densities above 623.15 K solve p(rho,Tsat) = p on the
 *    region 3 equation (liquid and vapour root, SR5-05 starting values).
 *  - Backward equations T(p,h) and T(p,s) for regions 1, 2 (2a/2b/2c) and
 *    3 (3a/3b, IAPWS SR3-03(2014), also v(p,h), v(p,s)). They only give
 *    starting values: every (p,h) and (p,s) result is REFINED WITH THE
 *    FORWARD EQUATIONS BY NEWTON'S METHOD (in T for regions 1, 2, 5; in
 *    rho and T for region 3), so round trips T -> h -> T are exact to
 *    about 1e-9 K instead of the backward equations' tens of mK.
 *  - Region selection by (p,T) with the B23 boundary, by (p,h) and (p,s)
 *    with the region boundaries computed from the forward equations.
 *    The region 2 and 3 equations are not exactly consistent along B23
 *    (IF97 allows that): within about 0.1 K of B23 at high pressure a
 *    region 3 state's h or s can also belong to a region 2 state up to
 *    ~20 mK away; (p,h) and (p,s) then answer region 2, as python3-iapws
 *    does, so round trips there are exact only to the inconsistency.
 *
 * Units: p MPa, T K, v m3/kg, rho kg/m3, h and u kJ/kg, s, cp, cv
 * kJ/(kg K), w m/s. Errors are returned as TqStatus plus a message; no
 * postgres.h here (src/pg/if97_sql.c turns them into ereport).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "math/if97.h"
#include "math/if97_coef.h"

#define R IF97_R
#define NELEM(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* psat(623.15 K), the pressure where regions 1, 3 and 4 meet */
#define PS623 16.5291642526045
/* specific entropy at the critical point, the 3a/3b boundary in s */
#define SC3AB 4.41202148223476
/* lower end of the saturation line, psat(273.15 K) */
#define PSMIN 0.000611212677444

/* Partial derivatives of a dimensionless Gibbs or Helmholtz function */
typedef struct Derivs
{
	double		f, fx, fxx, fy, fyy, fxy;
} Derivs;

/* x^n for integer n by repeated squaring */
static inline double
Ipow(double x, int n)
{
	double		r = 1.0;
	unsigned	m = n < 0 ? (unsigned) -n : (unsigned) n;

	while (m)
	{
		if (m & 1)
			r *= x;
		x *= x;
		m >>= 1;
	}
	return n < 0 ? 1.0 / r : r;
}

/* sum n_i x^I_i y^J_i: the shape of most backward equations */
static double
Poly(const int *I, const int *J, const double *n, int len, double x, double y)
{
	double		sum = 0.0;
	int			k;

	for (k = 0; k < len; k++)
		sum += n[k] * Ipow(x, I[k]) * Ipow(y, J[k]);
	return sum;
}

/*
 * sum n x^I y^J with all first and second derivatives (x, y nonzero).
 * The powers come from tables built by successive multiplication over the
 * exponent range of the equation (at most 100 wide), which is several
 * times faster than one Ipow per term and as accurate (a few ulp).
 */
static void
PolyDerivs(const int *I, const int *J, const double *n, int len,
		   double x, double y, Derivs *d)
{
	double		xp[100],
				yp[100];
	int			imin = I[0],
				imax = I[0],
				jmin = J[0],
				jmax = J[0];
	int			k;

	for (k = 1; k < len; k++)
	{
		if (I[k] < imin)
			imin = I[k];
		if (I[k] > imax)
			imax = I[k];
		if (J[k] < jmin)
			jmin = J[k];
		if (J[k] > jmax)
			jmax = J[k];
	}
	xp[0] = Ipow(x, imin);
	for (k = 1; k <= imax - imin; k++)
		xp[k] = xp[k - 1] * x;
	yp[0] = Ipow(y, jmin);
	for (k = 1; k <= jmax - jmin; k++)
		yp[k] = yp[k - 1] * y;

	memset(d, 0, sizeof(*d));
	for (k = 0; k < len; k++)
	{
		double		t = n[k] * xp[I[k] - imin] * yp[J[k] - jmin];
		double		i = I[k];
		double		j = J[k];
		double		ti = i * t;
		double		tj = j * t;

		d->f += t;
		d->fx += ti;
		d->fxx += (i - 1.0) * ti;
		d->fy += tj;
		d->fyy += (j - 1.0) * tj;
		d->fxy += i * tj;
	}
	d->fx /= x;
	d->fxx /= x * x;
	d->fy /= y;
	d->fyy /= y * y;
	d->fxy /= x * y;
}

/* ---------------------------------------------------------------- */
/* Messages                                                          */
/* ---------------------------------------------------------------- */

/* Formats a number the way PostgreSQL prints float8 specials */
static const char *
Num(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "NaN");
	else if (isinf(v))
		snprintf(buf, len, v > 0 ? "Infinity" : "-Infinity");
	else
		snprintf(buf, len, "%.10g", v);
	return buf;
}

/* A range error (math/errors.h; a gettext trigger like tq_error) */
#define RangeError(err, detail, ...) \
	tq_error((err), TQ_ERR_RANGE, (detail), NULL, __VA_ARGS__)

/* A failed iteration: the state cannot be solved for there, also 22003 */
static TqStatus
NoConvergence(TqError *err, const char *what, double a, double b)
{
	return tq_error(err, TQ_ERR_RANGE,
					"The backward iteration of IAPWS-IF97 finds no state for these arguments in float8 precision.",
					NULL, "IAPWS-IF97 iteration for %s did not converge at %.10g, %.10g",
					what, a, b);
}

/*
 * Every property of a result is finite (x, cp, cv and w may be NaN where
 * they are undefined): else 22003 naming the property, never a stored
 * Infinity. A backstop: inside the checked ranges nothing overflows.
 */
static TqStatus
CheckProps(const If97Props *o, TqError *err)
{
	static const char *const names[] = {"p", "T", "v", "rho", "h", "u", "s", "cp", "cv", "w", "x"};
	double		f[11] = {o->p_mpa, o->t_k, o->v, o->rho, o->h, o->u, o->s, o->cp, o->cv, o->w, o->x};
	int			i;

	for (i = 0; i < 11; i++)
		if (isinf(f[i]) || (i < 7 && isnan(f[i])))
			return tq_error(err, TQ_ERR_RANGE, "The result does not fit a float8 (about 1.8e308).", NULL,
							"IAPWS-IF97 property %s is out of range at %.10g MPa, %.10g K",
							names[i], o->p_mpa, o->t_k);
	return TQ_OK;
}

static const char *const VALIDITY_DETAIL =
"IAPWS-IF97 covers 273.15 K to 1073.15 K at pressures up to 100 MPa, "
"and 1073.15 K to 2273.15 K at pressures up to 50 MPa.";

/* Checks a pressure argument: finite, > 0, <= 100 MPa */
static TqStatus
CheckPressure(double p, TqError *err)
{
	char		b[40];

	if (isnan(p))
		return RangeError(err, VALIDITY_DETAIL,
						  "pressure NaN MPa is outside the IAPWS-IF97 range");
	if (!(p > 0.0))
		return RangeError(err, VALIDITY_DETAIL,
						  "pressure %s MPa is not above the IAPWS-IF97 lower limit of 0 MPa",
						  Num(b, sizeof(b), p));
	if (p < IF97_PMIN)
		return RangeError(err, "Below 1e-20 MPa (1e-14 Pa) the properties of the vapour leave the float8 range.",
						  "pressure %s MPa is below the lower limit of 1e-20 MPa",
						  Num(b, sizeof(b), p));
	if (p > IF97_PMAX)
		return RangeError(err, VALIDITY_DETAIL,
						  "pressure %s MPa is above the IAPWS-IF97 limit of 100 MPa",
						  Num(b, sizeof(b), p));
	return TQ_OK;
}

/* Checks a (p,T) pair against the validity range of the formulation */
static TqStatus
CheckPT(double p, double t, TqError *err)
{
	char		b[40];

	if (CheckPressure(p, err) != TQ_OK)
		return TQ_ERR_RANGE;
	if (isnan(t))
		return RangeError(err, VALIDITY_DETAIL,
						  "temperature NaN K is outside the IAPWS-IF97 range");
	if (t < IF97_TMIN)
		return RangeError(err, VALIDITY_DETAIL,
						  "temperature %s K is below the IAPWS-IF97 limit of 273.15 K",
						  Num(b, sizeof(b), t));
	if (t > IF97_TMAX5)
		return RangeError(err, VALIDITY_DETAIL,
						  "temperature %s K is above the IAPWS-IF97 limit of 2273.15 K",
						  Num(b, sizeof(b), t));
	if (t > IF97_TMAX && p > IF97_PMAX5)
		return RangeError(err, VALIDITY_DETAIL,
						  "pressure %s MPa is above the IAPWS-IF97 limit of 50 MPa for temperatures above 1073.15 K",
						  Num(b, sizeof(b), p));
	return TQ_OK;
}

/* ---------------------------------------------------------------- */
/* Region 1: compressed liquid, Gibbs g(p,T)                         */
/* ---------------------------------------------------------------- */

/* gamma(pi,tau) of region 1 with derivatives: x = pi, y = tau */
static void
Region1Gamma(double pi, double tau, Derivs *g)
{
	Derivs		d;

	/* gamma = sum n (7.1 - pi)^I (tau - 1.222)^J */
	PolyDerivs(R1_I, R1_J, R1_N, NELEM(R1_N), 7.1 - pi, tau - 1.222, &d);
	g->f = d.f;
	g->fx = -d.fx;
	g->fxx = d.fxx;
	g->fy = d.fy;
	g->fyy = d.fyy;
	g->fxy = -d.fxy;
}

/* Region 1 properties at (p,T) (IAPWS R7-97 eq. 7 and Table 3) */
void
if97_region1(double p, double t, If97Props *o)
{
	double		pi = p / 16.53;
	double		tau = 1386.0 / t;
	Derivs		g;
	double		a;

	Region1Gamma(pi, tau, &g);
	o->region = 1;
	o->p_mpa = p;
	o->t_k = t;
	o->v = R * t * pi * g.fx / (p * 1000.0);
	o->rho = 1.0 / o->v;
	o->h = R * t * tau * g.fy;
	o->u = R * t * (tau * g.fy - pi * g.fx);
	o->s = R * (tau * g.fy - g.f);
	o->cp = -R * tau * tau * g.fyy;
	a = g.fx - tau * g.fxy;
	o->cv = R * (-tau * tau * g.fyy + a * a / g.fxx);
	o->w = sqrt(R * t * 1000.0 * g.fx * g.fx /
				(a * a / (tau * tau * g.fyy) - g.fxx));
	o->x = NAN;
}

/* ---------------------------------------------------------------- */
/* Regions 2 and 5: vapour, ideal-gas plus residual Gibbs g(p,T)     */
/* ---------------------------------------------------------------- */

/* Properties from ideal (g0) and residual (gr) parts; x = pi, y = tau */
static void
VapourProps(int region, double p, double t, double pi, double tau,
			const Derivs *g0, const Derivs *gr, If97Props *o)
{
	double		gt = g0->fy + gr->fy;
	double		gtt = g0->fyy + gr->fyy;
	double		a = 1.0 + pi * gr->fx - tau * pi * gr->fxy;
	double		b = 1.0 - pi * pi * gr->fxx;

	o->region = region;
	o->p_mpa = p;
	o->t_k = t;
	o->v = R * t * pi * (1.0 / pi + gr->fx) / (p * 1000.0);
	o->rho = 1.0 / o->v;
	o->h = R * t * tau * gt;
	o->u = R * t * (tau * gt - pi * (1.0 / pi + gr->fx));
	o->s = R * (tau * gt - (g0->f + gr->f));
	o->cp = -R * tau * tau * gtt;
	o->cv = R * (-tau * tau * gtt - a * a / b);
	o->w = sqrt(R * t * 1000.0 *
				(1.0 + 2.0 * pi * gr->fx + pi * pi * gr->fx * gr->fx) /
				(b + a * a / (tau * tau * gtt)));
	o->x = NAN;
}

/* Ideal-gas part: ln(pi) + sum n0 tau^J0 */
static void
IdealGamma(const int *J0, const double *n0, int len, double pi, double tau,
		   Derivs *g0)
{
	int			k;

	memset(g0, 0, sizeof(*g0));
	g0->f = log(pi);
	for (k = 0; k < len; k++)
	{
		double		t = n0[k] * Ipow(tau, J0[k]);
		double		j = J0[k];

		g0->f += t;
		g0->fy += j * t;
		g0->fyy += j * (j - 1.0) * t;
	}
	g0->fy /= tau;
	g0->fyy /= tau * tau;
	g0->fx = 1.0 / pi;
	g0->fxx = -1.0 / (pi * pi);
}

/* Region 2 properties at (p,T) (IAPWS R7-97 eq. 15-17, Table 12) */
void
if97_region2(double p, double t, If97Props *o)
{
	double		pi = p;
	double		tau = 540.0 / t;
	Derivs		g0,
				gr;

	IdealGamma(R2_J0, R2_N0, NELEM(R2_N0), pi, tau, &g0);
	PolyDerivs(R2_I, R2_J, R2_N, NELEM(R2_N), pi, tau - 0.5, &gr);
	VapourProps(2, p, t, pi, tau, &g0, &gr, o);
}

/* Region 5 properties at (p,T) (IAPWS R7-97 eq. 32-34, Table 39) */
void
if97_region5(double p, double t, If97Props *o)
{
	double		pi = p;
	double		tau = 1000.0 / t;
	Derivs		g0,
				gr;

	IdealGamma(R5_J0, R5_N0, NELEM(R5_N0), pi, tau, &g0);
	PolyDerivs(R5_I, R5_J, R5_N, NELEM(R5_N), pi, tau, &gr);
	VapourProps(5, p, t, pi, tau, &g0, &gr, o);
}

/* ---------------------------------------------------------------- */
/* Region 3: Helmholtz f(rho,T)                                      */
/* ---------------------------------------------------------------- */

/* phi(delta,tau) of region 3 with derivatives: x = delta, y = tau */
static void
Region3Phi(double delta, double tau, Derivs *f)
{
	const double n1 = 0.10658070028513e1;

	PolyDerivs(R3_I, R3_J, R3_N, NELEM(R3_N), delta, tau, f);
	f->f += n1 * log(delta);
	f->fx += n1 / delta;
	f->fxx -= n1 / (delta * delta);
}

/* Region 3 properties at (rho,T) (IAPWS R7-97 eq. 28, Table 31) */
void
if97_region3(double rho, double t, If97Props *o)
{
	double		delta = rho / IF97_RHOC;
	double		tau = IF97_TC / t;
	Derivs		f;
	double		a,
				b;

	Region3Phi(delta, tau, &f);
	a = delta * f.fx - delta * tau * f.fxy;
	b = 2.0 * delta * f.fx + delta * delta * f.fxx;
	o->region = 3;
	o->t_k = t;
	o->rho = rho;
	o->v = 1.0 / rho;
	o->p_mpa = rho * R * t * delta * f.fx / 1000.0;
	o->u = R * t * tau * f.fy;
	o->h = R * t * (tau * f.fy + delta * f.fx);
	o->s = R * (tau * f.fy - f.f);
	o->cv = -R * tau * tau * f.fyy;
	o->cp = R * (-tau * tau * f.fyy + a * a / b);
	o->w = sqrt(R * t * 1000.0 * (b - a * a / (tau * tau * f.fyy)));
	o->x = NAN;
}

/*
 * p, h, s and their partial derivatives by rho and T in region 3, for
 * the Newton iterations.
 */
typedef struct R3State
{
	double		p, h, s;
	double		p_rho, p_t, h_rho, h_t, s_rho, s_t;
} R3State;

/* Evaluates R3State at (rho,T) */
static void
Region3State(double rho, double t, R3State *st)
{
	double		delta = rho / IF97_RHOC;
	double		tau = IF97_TC / t;
	Derivs		f;

	Region3Phi(delta, tau, &f);
	st->p = rho * R * t * delta * f.fx / 1000.0;
	st->h = R * t * (tau * f.fy + delta * f.fx);
	st->s = R * (tau * f.fy - f.f);
	st->p_rho = R * t * (2.0 * delta * f.fx + delta * delta * f.fxx) / 1000.0;
	st->p_t = IF97_RHOC * R * delta * delta * (f.fx - tau * f.fxy) / 1000.0;
	st->h_rho = R * t * (tau * f.fxy + f.fx + delta * f.fxx) / IF97_RHOC;
	st->h_t = R * (delta * f.fx - tau * tau * f.fyy - delta * tau * f.fxy);
	st->s_rho = R * (tau * f.fxy - f.fx) / IF97_RHOC;
	st->s_t = -R * tau * tau * f.fyy / t;
}

/* ---------------------------------------------------------------- */
/* Region 4: saturation line and boundaries                          */
/* ---------------------------------------------------------------- */

/* psat(T), IAPWS R7-97 eq. 30; no range check */
double
if97_psat_raw(double t)
{
	const double *n = R4_N;
	double		th = t + n[9] / (t - n[10]);
	double		a = th * th + n[1] * th + n[2];
	double		b = n[3] * th * th + n[4] * th + n[5];
	double		c = n[6] * th * th + n[7] * th + n[8];
	double		q = 2.0 * c / (-b + sqrt(b * b - 4.0 * a * c));

	return q * q * q * q;
}

/* Tsat(p), IAPWS R7-97 eq. 31; no range check */
double
if97_tsat_raw(double p)
{
	const double *n = R4_N;
	double		beta = pow(p, 0.25);
	double		e = beta * beta + n[3] * beta + n[6];
	double		f = n[1] * beta * beta + n[4] * beta + n[7];
	double		g = n[2] * beta * beta + n[5] * beta + n[8];
	double		d = 2.0 * g / (-f - sqrt(f * f - 4.0 * e * g));

	return (n[10] + d - sqrt((n[10] + d) * (n[10] + d) -
							 4.0 * (n[9] + n[10] * d))) / 2.0;
}

/* B23 boundary p(T), eq. 5 */
double
if97_b23_p(double t)
{
	return 0.34805185628969e3 - 0.11671859879975e1 * t +
		0.10192970039326e-2 * t * t;
}

/* B23 boundary T(p), eq. 6 */
double
if97_b23_t(double p)
{
	return 0.57254459862746e3 +
		sqrt((p - 0.13918839778870e2) / 0.10192970039326e-2);
}

/* B2bc boundary p(h), eq. 20 */
double
if97_b2bc_p(double h)
{
	return 0.90584278514723e3 - 0.67955786399241 * h +
		0.12809002730136e-3 * h * h;
}

/* B2bc boundary h(p), eq. 21 */
double
if97_b2bc_h(double p)
{
	return 0.26526571908428e4 +
		sqrt((p - 0.45257578905948e1) / 0.12809002730136e-3);
}

/* B3ab boundary h(p), SR3-03 eq. 1 */
double
if97_b3ab_h(double p)
{
	return 0.201464004206875e4 + 3.74696550136983 * p -
		0.0219921901054187 * p * p + 0.875131686009950e-4 * p * p * p;
}

/* ---------------------------------------------------------------- */
/* Backward equations                                                */
/* ---------------------------------------------------------------- */

/* T(p,h) region 1, eq. 11 */
double
if97_t1_ph(double p, double h)
{
	return Poly(B1TPH_I, B1TPH_J, B1TPH_N, NELEM(B1TPH_N), p, h / 2500.0 + 1.0);
}

/* T(p,s) region 1, eq. 13 */
double
if97_t1_ps(double p, double s)
{
	return Poly(B1TPS_I, B1TPS_J, B1TPS_N, NELEM(B1TPS_N), p, s + 2.0);
}

/* T(p,h) region 2, subregions by p <= 4 MPa and B2bc, eq. 22-24 */
double
if97_t2_ph(double p, double h)
{
	double		eta = h / 2000.0;

	if (p <= 4.0)
		return Poly(B2ATPH_I, B2ATPH_J, B2ATPH_N, NELEM(B2ATPH_N), p, eta - 2.1);
	if (p <= 6.546699678 || h >= if97_b2bc_h(p))
		return Poly(B2BTPH_I, B2BTPH_J, B2BTPH_N, NELEM(B2BTPH_N), p - 2.0, eta - 2.6);
	return Poly(B2CTPH_I, B2CTPH_J, B2CTPH_N, NELEM(B2CTPH_N), p + 25.0, eta - 1.8);
}

/* T(p,s) region 2, subregions by p <= 4 MPa and s = 5.85, eq. 25-27 */
double
if97_t2_ps(double p, double s)
{
	int			k;
	double		sum = 0.0;

	if (p <= 4.0)
	{
		/* 2a has fractional exponents of pi */
		double		y = s / 2.0 - 2.0;

		for (k = 0; k < NELEM(B2ATPS_N); k++)
			sum += B2ATPS_N[k] * pow(p, B2ATPS_I[k]) * Ipow(y, B2ATPS_J[k]);
		return sum;
	}
	if (s >= 5.85)
		return Poly(B2BTPS_I, B2BTPS_J, B2BTPS_N, NELEM(B2BTPS_N), p, 10.0 - s / 0.7853);
	return Poly(B2CTPS_I, B2CTPS_J, B2CTPS_N, NELEM(B2CTPS_N), p, 2.0 - s / 2.9251);
}

/* T(p,h) region 3, 3a/3b by B3ab, SR3-03 eq. 2, 3 */
double
if97_t3_ph(double p, double h)
{
	if (h <= if97_b3ab_h(p))
		return 760.0 * Poly(B3ATPH_I, B3ATPH_J, B3ATPH_N, NELEM(B3ATPH_N),
							p / 100.0 + 0.240, h / 2300.0 - 0.615);
	return 860.0 * Poly(B3BTPH_I, B3BTPH_J, B3BTPH_N, NELEM(B3BTPH_N),
						p / 100.0 + 0.298, h / 2800.0 - 0.720);
}

/* v(p,h) region 3, SR3-03 eq. 4, 5 */
double
if97_v3_ph(double p, double h)
{
	if (h <= if97_b3ab_h(p))
		return 0.0028 * Poly(B3AVPH_I, B3AVPH_J, B3AVPH_N, NELEM(B3AVPH_N),
							 p / 100.0 + 0.128, h / 2100.0 - 0.727);
	return 0.0088 * Poly(B3BVPH_I, B3BVPH_J, B3BVPH_N, NELEM(B3BVPH_N),
						 p / 100.0 + 0.0661, h / 2800.0 - 0.720);
}

/* T(p,s) region 3, 3a/3b by s = s_c, SR3-03 eq. 6, 7 */
double
if97_t3_ps(double p, double s)
{
	if (s <= SC3AB)
		return 760.0 * Poly(B3ATPS_I, B3ATPS_J, B3ATPS_N, NELEM(B3ATPS_N),
							p / 100.0 + 0.240, s / 4.4 - 0.703);
	return 860.0 * Poly(B3BTPS_I, B3BTPS_J, B3BTPS_N, NELEM(B3BTPS_N),
						p / 100.0 + 0.760, s / 5.3 - 0.818);
}

/* v(p,s) region 3, SR3-03 eq. 8, 9 */
double
if97_v3_ps(double p, double s)
{
	if (s <= SC3AB)
		return 0.0028 * Poly(B3AVPS_I, B3AVPS_J, B3AVPS_N, NELEM(B3AVPS_N),
							 p / 100.0 + 0.187, s / 4.4 - 0.755);
	return 0.0088 * Poly(B3BVPS_I, B3BVPS_J, B3BVPS_N, NELEM(B3BVPS_N),
						 p / 100.0 + 0.298, s / 5.3 - 0.816);
}

/* ---------------------------------------------------------------- */
/* Region 3 backward v(p,T), SR5-05(2016)                            */
/* ---------------------------------------------------------------- */

/* sum n_i p^i (polynomial boundaries), SR5-05 eq. 1 */
static double
PolyP(const double *n, int len, double p)
{
	double		sum = 0.0;
	int			k;

	for (k = len - 1; k >= 0; k--)
		sum = sum * p + n[k];
	return sum;
}

/* n0 + n1 ln p + n2 ln^2 p + n3 / ln p + n4 / ln^2 p, SR5-05 eq. 2 */
static double
LogP(const double *n, double p)
{
	double		l = log(p);

	return n[0] + n[1] * l + n[2] * l * l + n[3] / l + n[4] / (l * l);
}

/* Subregion boundary temperatures T(p) of SR5-05, by two-letter name */
double
if97_t3_boundary(const char *which, double p)
{
	if (strcmp(which, "ab") == 0)
		return LogP(T3AB_N, p);
	if (strcmp(which, "op") == 0)
		return LogP(T3OP_N, p);
	if (strcmp(which, "wx") == 0)
		return LogP(T3WX_N, p);
	if (strcmp(which, "ef") == 0)
		return 3.727888004 * (p - 22.064) + 647.096;
	if (strcmp(which, "cd") == 0)
		return PolyP(T3CD_N, NELEM(T3CD_N), p);
	if (strcmp(which, "gh") == 0)
		return PolyP(T3GH_N, NELEM(T3GH_N), p);
	if (strcmp(which, "ij") == 0)
		return PolyP(T3IJ_N, NELEM(T3IJ_N), p);
	if (strcmp(which, "jk") == 0)
		return PolyP(T3JK_N, NELEM(T3JK_N), p);
	if (strcmp(which, "mn") == 0)
		return PolyP(T3MN_N, NELEM(T3MN_N), p);
	if (strcmp(which, "qu") == 0)
		return PolyP(T3QU_N, NELEM(T3QU_N), p);
	if (strcmp(which, "rx") == 0)
		return PolyP(T3RX_N, NELEM(T3RX_N), p);
	if (strcmp(which, "uv") == 0)
		return PolyP(T3UV_N, NELEM(T3UV_N), p);
	return NAN;
}

#define T3CD(p) PolyP(T3CD_N, NELEM(T3CD_N), p)
#define T3GH(p) PolyP(T3GH_N, NELEM(T3GH_N), p)
#define T3IJ(p) PolyP(T3IJ_N, NELEM(T3IJ_N), p)
#define T3JK(p) PolyP(T3JK_N, NELEM(T3JK_N), p)
#define T3MN(p) PolyP(T3MN_N, NELEM(T3MN_N), p)
#define T3QU(p) PolyP(T3QU_N, NELEM(T3QU_N), p)
#define T3RX(p) PolyP(T3RX_N, NELEM(T3RX_N), p)
#define T3UV(p) PolyP(T3UV_N, NELEM(T3UV_N), p)
#define T3AB(p) LogP(T3AB_N, p)
#define T3OP(p) LogP(T3OP_N, p)
#define T3WX(p) LogP(T3WX_N, p)
#define T3EF(p) (3.727888004 * ((p) - 22.064) + 647.096)

/* v(p,T) of one subregion 'a'..'z', SR5-05 eq. 4 (3n: eq. 5) */
static double
V3Subregion(char sub, double p, double t)
{
	const V3Sub *c = &V3SUB[sub - 'a'];
	double		pi = p / c->pstar - c->a;
	double		th = t / c->tstar - c->b;
	double		sum = 0.0;
	int			k;

	if (sub == 'n')
	{
		for (k = 0; k < c->len; k++)
			sum += c->n[k] * Ipow(pi, c->I[k]) * Ipow(th, c->J[k]);
		return c->vstar * exp(sum);
	}
	/* exponents c*I and d*J with c, d in {1, 0.5, 0.25} */
	if (c->c != 1.0)
		pi = pow(pi, c->c);
	if (c->d != 1.0)
		th = pow(th, c->d);
	for (k = 0; k < c->len; k++)
		sum += c->n[k] * Ipow(pi, c->I[k]) * Ipow(th, c->J[k]);
	if (c->e == 4.0)
		sum = sum * sum * sum * sum;
	return c->vstar * sum;
}

/* Picks the SR5-05 subregion of (p,T) in region 3 (Tables 2 and 10) */
static char
V3PickSubregion(double p, double t)
{
	if (p > 40.0)
		return t <= T3AB(p) ? 'a' : 'b';
	if (p > 25.0)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= T3AB(p))
			return 'd';
		if (t <= T3EF(p))
			return 'e';
		return 'f';
	}
	if (p > 23.5)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= T3GH(p))
			return 'g';
		if (t <= T3EF(p))
			return 'h';
		if (t <= T3IJ(p))
			return 'i';
		if (t <= T3JK(p))
			return 'j';
		return 'k';
	}
	if (p > 23.0)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= T3GH(p))
			return 'l';
		if (t <= T3EF(p))
			return 'h';
		if (t <= T3IJ(p))
			return 'i';
		if (t <= T3JK(p))
			return 'j';
		return 'k';
	}
	if (p > 22.5)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= T3GH(p))
			return 'l';
		if (t <= T3MN(p))
			return 'm';
		if (t <= T3EF(p))
			return 'n';
		if (t <= T3OP(p))
			return 'o';
		if (t <= T3IJ(p))
			return 'p';
		if (t <= T3JK(p))
			return 'j';
		return 'k';
	}
	if (p > 21.043367318975)	/* psat(643.15 K) */
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= T3QU(p))
			return 'q';
		if (t <= T3RX(p))
		{
			/* the near-critical subregions, SR5-05 Table 10 */
			if (p > 22.11)
			{
				if (t <= T3UV(p))
					return 'u';
				if (t <= T3EF(p))
					return 'v';
				if (t <= T3WX(p))
					return 'w';
				return 'x';
			}
			if (p > 22.064)
			{
				if (t <= T3UV(p))
					return 'u';
				if (t <= T3EF(p))
					return 'y';
				if (t <= T3WX(p))
					return 'z';
				return 'x';
			}
			if (t > if97_tsat_raw(p))
			{
				if (p <= 21.90096265)
					return 'x';
				return t <= T3WX(p) ? 'z' : 'x';
			}
			if (p <= 21.93161551)
				return 'u';
			return t <= T3UV(p) ? 'u' : 'y';
		}
		if (t <= T3JK(p))
			return 'r';
		return 'k';
	}
	if (p > 20.5)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= if97_tsat_raw(p))
			return 's';
		if (t <= T3JK(p))
			return 'r';
		return 'k';
	}
	if (p > 19.00881189173929)
	{
		if (t <= T3CD(p))
			return 'c';
		if (t <= if97_tsat_raw(p))
			return 's';
		return 't';
	}
	return t <= if97_tsat_raw(p) ? 'c' : 't';
}

/* Backward v(p,T) in region 3, SR5-05 (not refined) */
double
if97_v3_pt(double p, double t)
{
	return V3Subregion(V3PickSubregion(p, t), p, t);
}

/*
 * Solves p(rho,T) = p on the region 3 equation by Newton's method from
 * rho0. branch > 0 keeps to the liquid-like root, < 0 to the vapour-like
 * one (used where dp/drho <= 0 would push an iterate over the spinodal).
 * Returns the density, or NaN when it did not converge.
 */
static double
Region3Rho(double p, double t, double rho0, int branch)
{
	double		rho = rho0;
	int			it;

	for (it = 0; it < 100; it++)
	{
		double		delta = rho / IF97_RHOC;
		double		tau = IF97_TC / t;
		Derivs		f;
		double		pr,
					dp,
					step;

		Region3Phi(delta, tau, &f);
		pr = rho * R * t * delta * f.fx / 1000.0;
		dp = R * t * (2.0 * delta * f.fx + delta * delta * f.fxx) / 1000.0;
		if (!(dp > 0.0))
		{
			/* inside the spinodal: step out toward the wanted branch */
			rho *= branch < 0 ? 0.995 : 1.005;
			continue;
		}
		step = (pr - p) / dp;
		if (fabs(step) > 0.2 * rho)
			step = step > 0 ? 0.2 * rho : -0.2 * rho;
		rho -= step;
#ifdef IF97_TRACE
		fprintf(stderr, "it %d rho %.17g step %.3g pr-p %.3g dp %.3g\n", it, rho, step, pr - p, dp);
#endif
		/* converged; the error after this step is about step^2 */
		if (fabs(step) <= 1e-9 * rho || fabs(pr - p) <= 1e-13 * p)
			return rho;
	}
	return NAN;
}

/*
 * The outermost root of p(rho,T) = p scanning from rho = from toward to in
 * steps of 0.25 kg/m3, refined by bisection: the fallback for saturation
 * within a few mK of the critical point, where the region 3 isotherm has
 * no loop left (one root) or one too small for Newton's safeguards.
 */
static double
Region3RootScan(double p, double t, double from, double to)
{
	double		step = from < to ? 0.25 : -0.25;
	double		a = from,
				fa;
	If97Props	o;

	if97_region3(a, t, &o);
	fa = o.p_mpa - p;
	for (; (step > 0 ? a < to : a > to); a += step)
	{
		double		b = a + step,
					fb,
					lo,
					hi;
		int			it;

		if97_region3(b, t, &o);
		fb = o.p_mpa - p;
		if ((fa <= 0.0) == (fb <= 0.0))
		{
			fa = fb;
			continue;
		}
		lo = a;
		hi = b;
		for (it = 0; it < 60; it++)
		{
			double		m = 0.5 * (lo + hi);

			if97_region3(m, t, &o);
			if ((o.p_mpa - p <= 0.0) == (fa <= 0.0))
				lo = m;
			else
				hi = m;
		}
		return 0.5 * (lo + hi);
	}
	return NAN;
}

/* Saturated liquid (x = 0) or vapour (x = 1) density above 623.15 K */
static double
Region3SatRho(double p, double t, int vapour)
{
	char		sub;
	double		rho;

	if (!vapour)
		sub = p < 19.00881189 ? 'c' : p < 21.0434 ? 's' : p < 21.9316 ? 'u' : 'y';
	else
		sub = p < 20.5 ? 't' : p < 21.0434 ? 'r' : p < 21.9009 ? 'x' : 'z';
	rho = Region3Rho(p, t, 1.0 / V3Subregion(sub, p, t), vapour ? -1 : 1);
	if (!isfinite(rho) && t > 646.0)
		rho = vapour ? Region3RootScan(p, t, 150.0, 500.0)
			: Region3RootScan(p, t, 500.0, 150.0);
	return rho;
}

/* ---------------------------------------------------------------- */
/* Region selection and the public (p,T) function                    */
/* ---------------------------------------------------------------- */

/* Region of a valid (p,T): 1, 2, 3 or 5 (B23 between 2 and 3) */
static int
RegionPT(double p, double t)
{
	if (t > IF97_TMAX)
		return 5;
	if (p <= PS623)
	{
		if (p < PSMIN)
			return 2;
		return t <= if97_tsat_raw(p) ? 1 : 2;
	}
	if (t <= 623.15)
		return 1;
	return t < if97_b23_t(p) ? 3 : 2;
}

/* Single-phase properties at (p,T) in a known region */
static TqStatus
PropsPT(int region, double p, double t, If97Props *o, TqError *err)
{
	double		rho;

	switch (region)
	{
		case 1:
			if97_region1(p, t, o);
			break;
		case 2:
			if97_region2(p, t, o);
			break;
		case 5:
			if97_region5(p, t, o);
			break;
		default:
			/* the critical point itself: p(rho) is flat to third order */
			if (p == IF97_PC && t == IF97_TC)
				rho = IF97_RHOC;
			else
				rho = Region3Rho(p, t, 1.0 / if97_v3_pt(p, t),
								 t < IF97_TC && p < if97_psat_raw(t) ? -1 : 1);
			if (!isfinite(rho))
				return NoConvergence(err, "region 3 density", p, t);
			if97_region3(rho, t, o);
			o->p_mpa = p;		/* exact input instead of p(rho) */
			break;
	}
	return TQ_OK;
}

/* Properties at (p,T) */
TqStatus
if97_state_pt(double p, double t, If97Props *out, TqError *err)
{
	if (CheckPT(p, t, err) != TQ_OK)
		return TQ_ERR_RANGE;
	if (PropsPT(RegionPT(p, t), p, t, out, err) != TQ_OK)
		return TQ_ERR_RANGE;
	return CheckProps(out, err);
}

/* ---------------------------------------------------------------- */
/* Saturation (region 4)                                             */
/* ---------------------------------------------------------------- */

/* psat(T) with range check, 273.15 K .. 647.096 K */
TqStatus
if97_sat_pressure(double t, double *p, TqError *err)
{
	char		b[40];
	const char *detail = "The saturation line runs from 273.15 K to the critical temperature 647.096 K.";

	if (isnan(t))
		return RangeError(err, detail, "temperature NaN K is outside the IAPWS-IF97 saturation range");
	if (t < IF97_TMIN)
		return RangeError(err, detail,
						  "temperature %s K is below the IAPWS-IF97 saturation limit of 273.15 K",
						  Num(b, sizeof(b), t));
	if (t > IF97_TC)
		return RangeError(err, detail,
						  "temperature %s K is above the critical temperature of 647.096 K",
						  Num(b, sizeof(b), t));
	*p = if97_psat_raw(t);
	return TQ_OK;
}

/* Tsat(p) with range check, psat(273.15 K) .. 22.064 MPa */
TqStatus
if97_sat_temperature(double p, double *t, TqError *err)
{
	char		b[40];
	const char *detail = "The saturation line runs from 0.000611212677 MPa (273.15 K) to the critical pressure 22.064 MPa.";

	if (isnan(p))
		return RangeError(err, detail, "pressure NaN MPa is outside the IAPWS-IF97 saturation range");
	if (p < PSMIN)
		return RangeError(err, detail,
						  "pressure %s MPa is below the IAPWS-IF97 saturation limit of 0.000611212677 MPa",
						  Num(b, sizeof(b), p));
	if (p > IF97_PC)
		return RangeError(err, detail,
						  "pressure %s MPa is above the critical pressure of 22.064 MPa",
						  Num(b, sizeof(b), p));
	*t = if97_tsat_raw(p);
	if (*t < IF97_TMIN)
		*t = IF97_TMIN;
	return TQ_OK;
}

/*
 * Saturated liquid and vapour at (p, T) on the saturation line; T > Tc
 * minus a hair is the critical point itself (one phase, rho = rho_c).
 */
static TqStatus
SatPhases(double p, double t, If97Props *liq, If97Props *vap, TqError *err)
{
	if (t <= 623.15)
	{
		if97_region1(p, t, liq);
		if97_region2(p, t, vap);
	}
	else if (t >= IF97_TC - 1e-9 || p >= IF97_PC - 1e-12)
	{
		if97_region3(IF97_RHOC, IF97_TC, liq);
		*vap = *liq;
	}
	else
	{
		double		rl = Region3SatRho(p, t, 0);
		double		rv = Region3SatRho(p, t, 1);

		if (!isfinite(rl) || !isfinite(rv))
			return NoConvergence(err, "saturated densities", p, t);
		/* within mK of T_c the isotherm has one root: one density */
		if (rl < rv)
			rl = rv = 0.5 * (rl + rv);
		if97_region3(rl, t, liq);
		if97_region3(rv, t, vap);
	}
	liq->p_mpa = vap->p_mpa = p;
	liq->t_k = vap->t_k = t;
	return TQ_OK;
}

/* Mixes saturated liquid and vapour at quality x into a region 4 state */
static void
Mix(const If97Props *l, const If97Props *g, double x, If97Props *o)
{
	o->region = 4;
	o->p_mpa = l->p_mpa;
	o->t_k = l->t_k;
	o->x = x;
	o->v = l->v + x * (g->v - l->v);
	o->rho = 1.0 / o->v;
	o->h = l->h + x * (g->h - l->h);
	o->s = l->s + x * (g->s - l->s);
	o->u = o->h - o->p_mpa * 1000.0 * o->v;
	if (x == 0.0)
	{
		o->cp = l->cp;
		o->cv = l->cv;
		o->w = l->w;
	}
	else if (x == 1.0)
	{
		o->cp = g->cp;
		o->cv = g->cv;
		o->w = g->w;
	}
	else
		o->cp = o->cv = o->w = NAN;
}

/* Checks a vapour quality argument */
static TqStatus
CheckQuality(double x, TqError *err)
{
	char		b[40];

	if (!(x >= 0.0 && x <= 1.0))
		return RangeError(err, "The vapour quality x is the vapour mass fraction, from 0 (saturated liquid) to 1 (saturated vapour).",
						  "vapour quality %s is outside the range 0 to 1",
						  Num(b, sizeof(b), x));
	return TQ_OK;
}

/* Two-phase state at pressure p and quality x */
TqStatus
if97_state_px(double p, double x, If97Props *out, TqError *err)
{
	double		t;
	If97Props	l,
				g;

	if (if97_sat_temperature(p, &t, err) != TQ_OK || CheckQuality(x, err) != TQ_OK)
		return TQ_ERR_RANGE;
	if (SatPhases(p, t, &l, &g, err) != TQ_OK)
		return TQ_ERR_RANGE;
	Mix(&l, &g, x, out);
	return TQ_OK;
}

/* Two-phase state at temperature T and quality x */
TqStatus
if97_state_tx(double t, double x, If97Props *out, TqError *err)
{
	double		p;
	If97Props	l,
				g;

	if (if97_sat_pressure(t, &p, err) != TQ_OK || CheckQuality(x, err) != TQ_OK)
		return TQ_ERR_RANGE;
	if (t >= IF97_TC - 1e-9)
		p = IF97_PC;
	if (SatPhases(p, t, &l, &g, err) != TQ_OK)
		return TQ_ERR_RANGE;
	Mix(&l, &g, x, out);
	return TQ_OK;
}

/* ---------------------------------------------------------------- */
/* (p,h) and (p,s)                                                   */
/* ---------------------------------------------------------------- */

typedef enum
{
	BY_H,
	BY_S
} Given;

/* h or s of a state, whichever is given */
static inline double
Value(const If97Props *o, Given by)
{
	return by == BY_H ? o->h : o->s;
}

/*
 * Newton in T on a Gibbs region (1, 2, 5) for h(p,T) = y or s(p,T) = y:
 * dh/dT = cp, ds/dT = cp/T.
 */
static TqStatus
SolveGibbsT(int region, double p, double y, Given by, double t0,
			If97Props *o, TqError *err)
{
	double		t = t0;
	int			it;

	for (it = 0; it < 50; it++)
	{
		double		slope,
					step;

		PropsPT(region, p, t, o, err);
		slope = by == BY_H ? o->cp : o->cp / t;
		if (!(slope > 0.0) || !isfinite(slope))
			break;
		step = (Value(o, by) - y) / slope;
		if (fabs(step) > 100.0)
			step = step > 0 ? 100.0 : -100.0;
		t -= step;
		if (fabs(step) <= 1e-9 * t)
		{
			PropsPT(region, p, t, o, err);
			return TQ_OK;
		}
	}
	return NoConvergence(err, by == BY_H ? "T(p,h)" : "T(p,s)", p, y);
}

/*
 * Newton in (rho, T) on region 3 for p(rho,T) = p and h or s = y, from
 * the SR3-03 backward values.
 */
static TqStatus
SolveRegion3(double p, double y, Given by, If97Props *o, TqError *err)
{
	double		t = by == BY_H ? if97_t3_ph(p, y) : if97_t3_ps(p, y);
	double		rho = 1.0 / (by == BY_H ? if97_v3_ph(p, y) : if97_v3_ps(p, y));
	int			it;

	for (it = 0; it < 100; it++)
	{
		R3State		st;
		double		f1,
					f2,
					a,
					b,
					c,
					d,
					det,
					drho,
					dt;

		Region3State(rho, t, &st);
		f1 = st.p - p;
		f2 = (by == BY_H ? st.h : st.s) - y;
		a = st.p_rho;
		b = st.p_t;
		c = by == BY_H ? st.h_rho : st.s_rho;
		d = by == BY_H ? st.h_t : st.s_t;
		det = a * d - b * c;
		if (det == 0.0 || !isfinite(det))
			break;
		drho = (f1 * d - b * f2) / det;
		dt = (a * f2 - c * f1) / det;
		/* damp wild steps so the iterate stays in the region */
		if (fabs(drho) > 0.2 * rho)
		{
			double		k = 0.2 * rho / fabs(drho);

			drho *= k;
			dt *= k;
		}
		if (fabs(dt) > 20.0)
		{
			double		k = 20.0 / fabs(dt);

			drho *= k;
			dt *= k;
		}
		rho -= drho;
		t -= dt;
		if (fabs(drho) <= 1e-9 * rho && fabs(dt) <= 1e-9 * t)
		{
			if97_region3(rho, t, o);
			o->p_mpa = p;
			return TQ_OK;
		}
	}
	return NoConvergence(err, by == BY_H ? "region 3 T(p,h)" : "region 3 T(p,s)", p, y);
}

/* Range error for h or s outside [lo, hi] at pressure p */
static TqStatus
ValueRangeError(Given by, double y, double bound, int above, double p,
				const char *where, TqError *err)
{
	char		b1[40],
				b2[40],
				b3[40];
	char		detail[256];

	snprintf(detail, sizeof(detail),
			 "At %s MPa, IAPWS-IF97 covers %s from 273.15 K to %s.",
			 Num(b3, sizeof(b3), p),
			 by == BY_H ? "specific enthalpies" : "specific entropies",
			 p <= IF97_PMAX5 ? "2273.15 K" : "1073.15 K");
	return RangeError(err, detail,
					  "%s %s %s is %s the IAPWS-IF97 limit of %.9g %s at %s MPa (%s)",
					  by == BY_H ? "specific enthalpy" : "specific entropy",
					  Num(b1, sizeof(b1), y),
					  by == BY_H ? "kJ/kg" : "kJ/(kg K)",
					  above ? "above" : "below",
					  bound,
					  by == BY_H ? "kJ/kg" : "kJ/(kg K)",
					  Num(b2, sizeof(b2), p), where);
}

/* Region 1 from (p,h) or (p,s), after the lower bound (273.15 K) check */
static TqStatus
SolveLiquid(double p, double y, Given by, If97Props *o, TqError *err)
{
	If97Props	lo;

	if97_region1(p, IF97_TMIN, &lo);
	if (y < Value(&lo, by))
		return ValueRangeError(by, y, Value(&lo, by), 0, p, "273.15 K", err);
	return SolveGibbsT(1, p, y, by,
					   by == BY_H ? if97_t1_ph(p, y) : if97_t1_ps(p, y), o, err);
}

/* Shared body of if97_state_ph and if97_state_ps */
static TqStatus
SolvePY(double p, double y, Given by, If97Props *o, TqError *err)
{
	If97Props	lo,
				hi,
				a,
				b;
	double		t0;
	char		buf[40];

	if (CheckPressure(p, err) != TQ_OK)
		return TQ_ERR_RANGE;
	if (isnan(y))
		return RangeError(err, NULL, "%s NaN is outside the IAPWS-IF97 range",
						  by == BY_H ? "specific enthalpy" : "specific entropy");

	/*
	 * The range is T = 273.15 K .. 2273.15 K (1073.15 K above 50 MPa);
	 * each bound is only evaluated on the side where y may cross it.
	 */
	if97_region2(p, IF97_TMAX, &a);
	if (y > Value(&a, by))
	{
		if (p > IF97_PMAX5)
			return ValueRangeError(by, y, Value(&a, by), 1, p, "1073.15 K", err);
		if97_region5(p, IF97_TMAX5, &hi);
		if (y > Value(&hi, by))
			return ValueRangeError(by, y, Value(&hi, by), 1, p, "2273.15 K", err);
		t0 = IF97_TMAX + (by == BY_H ? (y - a.h) / a.cp : (y - a.s) * IF97_TMAX / a.cp);
		return SolveGibbsT(5, p, y, by, t0, o, err);
	}
	(void) buf;

	if (p < PSMIN)
	{
		if97_region2(p, IF97_TMIN, &lo);
		if (y < Value(&lo, by))
			return ValueRangeError(by, y, Value(&lo, by), 0, p, "273.15 K", err);
		/*
		 * Below the triple-point pressure the backward equations are out of
		 * their range (far below it they give no number at all), and the
		 * vapour is an ideal gas to many digits: start Newton from the
		 * ideal-gas temperature, s = s(273.15 K) + cp ln(T / 273.15 K).
		 */
		t0 = by == BY_H ? IF97_TMIN + (y - lo.h) / lo.cp :
			IF97_TMIN * exp((y - lo.s) / lo.cp);
		if (!(t0 >= IF97_TMIN))
			t0 = IF97_TMIN;
		if (t0 > IF97_TMAX)
			t0 = IF97_TMAX;
		return SolveGibbsT(2, p, y, by, t0, o, err);
	}

	if (p <= PS623)
	{
		double		ts = if97_tsat_raw(p);

		if97_region1(p, ts, &a);
		if97_region2(p, ts, &b);
		if (y <= Value(&a, by))
			return SolveLiquid(p, y, by, o, err);
		if (y >= Value(&b, by))
		{
			t0 = by == BY_H ? if97_t2_ph(p, y) : if97_t2_ps(p, y);
			if (t0 < ts)
				t0 = ts;
			return SolveGibbsT(2, p, y, by, t0, o, err);
		}
		a.p_mpa = b.p_mpa = p;
		Mix(&a, &b, (y - Value(&a, by)) / (Value(&b, by) - Value(&a, by)), o);
		return TQ_OK;
	}

	/* above psat(623.15 K): regions 1, 3 (with 4 below p_c) and 2 */
	if97_region1(p, 623.15, &a);
	if (y <= Value(&a, by))
		return SolveLiquid(p, y, by, o, err);
	if97_region2(p, if97_b23_t(p), &b);
	if (y >= Value(&b, by))
	{
		t0 = by == BY_H ? if97_t2_ph(p, y) : if97_t2_ps(p, y);
		if (t0 < if97_b23_t(p))
			t0 = if97_b23_t(p);
		return SolveGibbsT(2, p, y, by, t0, o, err);
	}
	if (p < IF97_PC)
	{
		double		ts = if97_tsat_raw(p);
		TqStatus	rc = SatPhases(p, ts, &a, &b, err);

		if (rc != TQ_OK)
			return rc;
		if (y > Value(&a, by) && y < Value(&b, by))
		{
			Mix(&a, &b, (y - Value(&a, by)) / (Value(&b, by) - Value(&a, by)), o);
			return TQ_OK;
		}
	}
	return SolveRegion3(p, y, by, o, err);
}

/* Properties at (p,h) */
TqStatus
if97_state_ph(double p, double h, If97Props *out, TqError *err)
{
	if (SolvePY(p, h, BY_H, out, err) != TQ_OK)
		return TQ_ERR_RANGE;
	return CheckProps(out, err);
}

/* Properties at (p,s) */
TqStatus
if97_state_ps(double p, double s, If97Props *out, TqError *err)
{
	if (SolvePY(p, s, BY_S, out, err) != TQ_OK)
		return TQ_ERR_RANGE;
	return CheckProps(out, err);
}

/* Specific flow exergy (h - h0) - T0 (s - s0) in kJ/kg */
TqStatus
if97_water_exergy(double p, double t, double p0, double t0, double *ex,
				  TqError *err)
{
	If97Props	st,
				dead;
	TqStatus	rc;

	if ((rc = if97_state_pt(p, t, &st, err)) != TQ_OK)
		return rc;
	if ((rc = if97_state_pt(p0, t0, &dead, err)) != TQ_OK)
		return rc;
	*ex = (st.h - dead.h) - t0 * (st.s - dead.s);
	return TQ_OK;
}
