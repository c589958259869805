/*
 * changepoint.h
 *		Change-point regression models of energy use against a driver
 *		(ASHRAE Guideline 14 / ASHRAE RP-1050 inverse models). Pure C.
 *
 * Models (b1, b2 slopes, xcp, xcp2 change points; p = fitted parameters,
 * change points included):
 *   2p   y = b0 + b1 x                                       p = 2
 *   3ph  y = b0 + b1 max(xcp - x, 0)                         p = 3
 *   3pc  y = b0 + b1 max(x - xcp, 0)                         p = 3
 *   4p   y = b0 + b1 min(x - xcp, 0) + b2 max(x - xcp, 0)    p = 4
 *   5p   y = b0 + b1 min(x - xcp, 0) + b2 max(x - xcp2, 0)   p = 5, xcp <= xcp2
 *
 * The change points are the exact least-squares optimum over
 * [min x, max x]: between two consecutive distinct x values the sets of
 * points on each side of a change point are fixed, the model is linear in
 * its coefficients for a fixed change point, and the SSE profile of one
 * change point is Syy - (A - c B)^2 / (Suu - 2 c Suv + c^2 Svv), whose
 * stationary point is the root of a linear equation: the optimum in an
 * interval is that root or an interval end. 5p: for each pair of
 * intervals the inner change point is solved that way and the outer one
 * by golden section to machine precision; pairs whose relaxed SSE (the
 * projection on both hinges' two-vector spans, a lower bound) cannot beat
 * the best found are skipped, so the search stays exact.
 *
 * Statistics (ASHRAE 14 degrees of freedom):
 *   rmse = sqrt(SSE / (n - p)), cv_rmse_pct = 100 rmse / mean(y),
 *   nmbe_pct = 100 sum(y - yhat) / ((n - p) mean(y)), r2 = 1 - SSE / SST;
 *   standard errors of b0..b2: s^2 (A'A)^-1 with s^2 = SSE / (n - p), at
 *   the fitted change points; of xcp, xcp2: s^2 (J'J)^-1 with J the full
 *   Jacobian (coefficients and change points, Gauss-Newton).
 * An optimum on a data x (a kink) is that x exactly; a point at a change
 * point has a zero change-point derivative in the Jacobian.
 * When every residual is within 64 ulp of max |y| the fit is exact and the
 * residuals are taken as 0 (CV(RMSE) 0 for a perfect fit).
 */
#ifndef THERMALIQ_CHANGEPOINT_H
#define THERMALIQ_CHANGEPOINT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum CpModel
{
	CP_2P = 0,
	CP_3PH,
	CP_3PC,
	CP_4P,
	CP_5P,
	CP_AUTO
} CpModel;

#define CP_NMODELS 5			/* fitted models; CP_AUTO picks one */

typedef struct CpPoint
{
	double		x;
	double		y;
} CpPoint;

typedef enum CpStatus
{
	CP_OK = 0,
	CP_TOO_FEW,					/* n < p + 2, or too few distinct x */
	CP_SINGULAR,				/* design not of full rank */
	CP_NOMEM
} CpStatus;

typedef struct CpFit
{
	CpModel		model;
	int			n;
	int			p;				/* parameters, change points included */
	int			nb;				/* coefficients b0.. (2 or 3) */
	int			ncp;			/* change points (0, 1, 2) */
	double		b[3];
	double		se_b[3];
	double		t_b[3];			/* NaN when se is 0 */
	double		cp[2];
	double		se_cp[2];		/* NaN when the Jacobian is singular */
	double		t_cp[2];
	double		se_slope_change;	/* 4p: se(b2 - b1), else NaN */
	double		se_cp_gap;		/* 5p: se(xcp2 - xcp), else NaN */
	int			segment_n[3];	/* points x < xcp, between (xcp <= x <= xcp2;
								 * 1 cp: x > xcp), x > xcp2 */
	double		sse;
	double		sst;
	double		mean_y;
	double		sum_resid;
	double		r2;				/* NaN when SST is 0 */
	double		rmse;
	double		cv_rmse_pct;	/* NaN when mean(y) is 0 */
	double		nmbe_pct;
	double		x_min;
	double		x_max;
	int			distinct_x;
	bool		significant;	/* passes the shape test (see cp_fit_auto) */
} CpFit;

/*
 * Hooks of the embedding program: the work-space allocator (default
 * malloc/free; returning NULL means out of memory) and a function called
 * between steps of long searches (default none), which may not return
 * (a PostgreSQL backend cancels there; its allocator's memory then goes
 * with the memory context).
 */
extern void *(*cp_alloc) (size_t size);
extern void (*cp_release) (void *ptr);
extern void (*cp_check_interrupts) (void);

/* Model from its name ("2p", "3ph", ..., "auto"); -1 when unknown */
extern int	cp_model_parse(const char *name);

/* Name of a model */
extern const char *cp_model_name(CpModel m);

/* Fitted parameters of a model (CP_AUTO: 0) */
extern int	cp_model_params(CpModel m);

/* Sorts points by (x, y): the input order then does not matter */
extern void cp_sort_points(CpPoint *pts, int n);

/*
 * Fits one model (not CP_AUTO) to pts, which must be sorted by
 * cp_sort_points and finite.
 */
extern CpStatus cp_fit_model(const CpPoint *pts, int n, CpModel model, CpFit *out);

/*
 * Fits every model and picks the one with the lowest CV(RMSE) whose slopes
 * are significant; ties go to the simpler model. Significant (the shape
 * test): every slope |t| > 2; for 4p also the change of slope b2 - b1;
 * every change point more than two of its standard errors inside the data
 * (from min x and max x) and, for 5p, from the other change point; every
 * segment holds at least max(3, n / 10) points (data population test): a
 * change point that the data do not place is a simpler model in disguise.
 * When no model passes, the 2p fit is returned (significant = false).
 * cands and status receive each model's fit (may be NULL).
 */
extern CpStatus cp_fit_auto(const CpPoint *pts, int n, CpFit *out,
							CpFit cands[CP_NMODELS], CpStatus status[CP_NMODELS]);

/* Prediction of a fitted model at x */
extern double cp_predict(const CpFit *f, double x);

/*
 * Fractional savings uncertainty of ASHRAE Guideline 14 Annex B (B-14):
 *   dE/E = t * 1.26 * CV * sqrt((n / n') (1 + 2 / n') / m) / F
 * cv = CV(RMSE) as a fraction, n baseline points, n' = n (1 - rho) /
 * (1 + rho) the effective number for a lag-1 autocorrelation rho of the
 * residuals (n' = n when rho <= 0), m reporting points, F = savings /
 * expected; t = two-sided Student t at the confidence with n - p degrees
 * of freedom.
 */
extern double cp_fsu(double cv, int n, int p, double rho, int m,
					 double savings_fraction, double confidence);

/* Two-sided Student t quantile: P(|T| <= t) = confidence with df degrees */
extern double cp_student_t(double confidence, double df);

#endif
