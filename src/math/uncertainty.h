/*
 * uncertainty.h
 *		Measurement uncertainty per JCGM 100:2008 (GUM) and ASME PTC 19.1:
 *		standard uncertainties from the way an instrument's uncertainty is
 *		stated, systematic and random parts, and the combination of a budget
 *		with the correlation model documented below.
 *
 * Pure C (no postgres.h); errors as in combustion.h.
 *
 * Correlation model (what tq_unc_combine applies, nothing else):
 *  - the systematic standard uncertainties b_i of terms that share a
 *    correlation group (group >= 1; e.g. all meters of one role, calibrated
 *    the same way) are fully correlated, r = 1: they add linearly inside
 *    the group, (sum c_i b_i)^2;
 *  - systematic parts of different groups, and of terms with group 0, are
 *    independent;
 *  - random standard uncertainties s_i are independent of everything.
 *  u_c^2 = sum_g (sum_{i in g} c_i b_i)^2 + sum_{group 0} (c_i b_i)^2
 *          + sum_i (c_i s_i)^2,
 *  U95 = k u_c with k = 2 (PTC 19.1 large-sample t95; GUM k = 2 for about
 *  95 % coverage). Each term's share of u_c^2 is c_i b_i (sum of c_j b_j in
 *  its group) + (c_i s_i)^2, so the shares add up to u_c^2 exactly.
 */
#ifndef THERMALIQ_UNCERTAINTY_H
#define THERMALIQ_UNCERTAINTY_H

#include "math/combustion.h"

/* How an uncertainty is stated */
typedef enum TqUncKind
{
	TQ_UNC_STANDARD = 0,		/* a standard uncertainty u (1 sigma) */
	TQ_UNC_RECTANGULAR,			/* a limit +-a, uniform: u = a / sqrt(3) */
	TQ_UNC_TRIANGULAR,			/* a limit +-a, triangular: u = a / sqrt(6) */
	TQ_UNC_NORMAL95,			/* a 95 % interval of a normal: u = a / 1.96 */
	TQ_UNC_EXPANDED_K2			/* an expanded uncertainty with k = 2: u = a / 2 */
} TqUncKind;

#define TQ_UNC_COVERAGE_K	2.0

/* Parses "standard", "rectangular", "triangular", "normal95", "expanded_k2" */
extern int	tq_unc_kind_parse(const char *text, TqUncKind *kind, TqMathError *err);
extern const char *tq_unc_kind_name(TqUncKind kind);

/* Standard uncertainty of a stated value (>= 0) of a kind */
extern int	tq_unc_standard(TqUncKind kind, double stated, double *u, TqMathError *err);

/* One line of a budget */
typedef struct TqUncTerm
{
	double		sensitivity;	/* c_i = d result / d x_i */
	double		u_systematic;	/* b_i, standard, in x_i's unit */
	double		u_random;		/* s_i, standard, in x_i's unit */
	int			group;			/* correlation group of b_i, 0 = independent */
	double		share;			/* out: this term's part of u_c^2 */
} TqUncTerm;

/* Combines a budget (see the header); fills each term's share */
extern int	tq_unc_combine(TqUncTerm *terms, int n, double *u_c, double *u_sys,
						   double *u_rand, TqMathError *err);

#endif
