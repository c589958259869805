/*
 * if97.h
 *		IAPWS-IF97 water and steam properties, pure C (no postgres.h).
 *
 * Public entry points take SI-ish engineering units: p in MPa (absolute),
 * T in K, h in kJ/kg, s in kJ/(kg K); they fill an If97Props and return
 * TQ_OK, or TQ_ERR_RANGE with a ready-made message in a TqError
 * (math/errors.h): an argument outside the formulation, a result that is
 * not finite, or an iteration that did not converge there.
 *
 * Validity (IAPWS R7-97(2012)): 273.15 K <= T <= 1073.15 K for
 * 0 < p <= 100 MPa, and 1073.15 K < T <= 2273.15 K for 0 < p <= 50 MPa.
 * Two-phase states (region 4) exist for psat(273.15 K) <= p <= 22.064 MPa.
 *
 * Conventions of the result:
 *  - region is 1, 2, 3, 5 for single-phase states and 4 for every state on
 *    the saturation line or inside the two-phase dome, i.e. everything
 *    if97_state_px()/if97_state_tx() return, and two-phase results of if97_state_ph/_ps.
 *  - x (vapour quality) is NaN for single-phase states (SQL: NULL) and the
 *    quality 0..1 for region 4.
 *  - cp, cv and w are NaN strictly inside the dome (0 < x < 1), where they
 *    are not defined; at x = 0 and x = 1 they are those of the saturated
 *    liquid and vapour.
 */
#ifndef THERMALIQ_IF97_H
#define THERMALIQ_IF97_H

#include "math/errors.h"

typedef struct If97Props
{
	int			region;
	double		p_mpa;			/* MPa */
	double		t_k;			/* K */
	double		v;				/* m3/kg */
	double		rho;			/* kg/m3 */
	double		h;				/* kJ/kg */
	double		u;				/* kJ/kg */
	double		s;				/* kJ/(kg K) */
	double		cp;				/* kJ/(kg K) */
	double		cv;				/* kJ/(kg K) */
	double		w;				/* m/s */
	double		x;				/* quality, NaN outside region 4 */
} If97Props;

/* Constants of the formulation */
#define IF97_R		0.461526	/* kJ/(kg K) */
#define IF97_TC		647.096		/* K */
#define IF97_PC		22.064		/* MPa */
#define IF97_RHOC	322.0		/* kg/m3 */
#define IF97_TMIN	273.15
#define IF97_TMAX	1073.15
#define IF97_TMAX5	2273.15
#define IF97_PMAX	100.0
/*
 * IF97 has no lower pressure bound; thermaliq's is 1e-20 MPa (1e-14 Pa,
 * below any laboratory vacuum): far below it the vapour's specific volume
 * and the 1/p terms of its derivatives leave float8 (5e-324 MPa gave
 * v = Infinity), so every state is computed to full precision above it.
 */
#define IF97_PMIN	1e-20
#define IF97_PMAX5	50.0

/* Forward and inverse property functions (see header comment) */
extern TqStatus if97_state_pt(double p, double t, If97Props *out, TqError *err);
extern TqStatus if97_state_ph(double p, double h, If97Props *out, TqError *err);
extern TqStatus if97_state_ps(double p, double s, If97Props *out, TqError *err);
extern TqStatus if97_state_px(double p, double x, If97Props *out, TqError *err);
extern TqStatus if97_state_tx(double t, double x, If97Props *out, TqError *err);
extern TqStatus if97_sat_pressure(double t, double *p, TqError *err);
extern TqStatus if97_sat_temperature(double p, double *t, TqError *err);
extern TqStatus if97_water_exergy(double p, double t, double p0, double t0,
									double *ex, TqError *err);

/*
 * The raw equations, exposed for the verification tables of the releases
 * (test/unit/if97_test.c). No range checks.
 */
extern void if97_region1(double p, double t, If97Props *out);
extern void if97_region2(double p, double t, If97Props *out);
extern void if97_region3(double rho, double t, If97Props *out);
extern void if97_region5(double p, double t, If97Props *out);
extern double if97_psat_raw(double t);
extern double if97_tsat_raw(double p);
extern double if97_b23_p(double t);
extern double if97_b23_t(double p);
extern double if97_b2bc_p(double h);
extern double if97_b2bc_h(double p);
extern double if97_b3ab_h(double p);
extern double if97_t1_ph(double p, double h);
extern double if97_t1_ps(double p, double s);
extern double if97_t2_ph(double p, double h);
extern double if97_t2_ps(double p, double s);
extern double if97_t3_ph(double p, double h);
extern double if97_v3_ph(double p, double h);
extern double if97_t3_ps(double p, double s);
extern double if97_v3_ps(double p, double s);
extern double if97_v3_pt(double p, double t);
extern double if97_t3_boundary(const char *which, double p);

#endif
