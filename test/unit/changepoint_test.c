/*
 * changepoint_test.c
 *		Unit tests of src/math/changepoint.c: exact recovery of noiseless
 *		models, the optimum against a brute-force scan of the SSE (a fine
 *		grid refined by golden section on the SSE of a plain normal-equation
 *		fit, written here independently), order independence to the bit,
 *		edge cases, Student t quantiles and the Annex B uncertainty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "math/changepoint.h"
#include "tap.h"

/* deterministic noise: xorshift64*, uniform in [-0.5, 0.5) */
static uint64_t rs = 88172645463325252ULL;
static double
unif(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return (double) ((rs * 2685821657736338717ULL) >> 11) / 9007199254740992.0 - 0.5;
}

/* the model, written out independently of changepoint.c */
static double
truth(CpModel m, const double *b, const double *c, double x)
{
	switch (m)
	{
		case CP_2P: return b[0] + b[1] * x;
		case CP_3PH: return b[0] + b[1] * (c[0] > x ? c[0] - x : 0);
		case CP_3PC: return b[0] + b[1] * (x > c[0] ? x - c[0] : 0);
		case CP_4P: return b[0] + b[1] * (x < c[0] ? x - c[0] : 0) + b[2] * (x > c[0] ? x - c[0] : 0);
		case CP_5P: return b[0] + b[1] * (x < c[0] ? x - c[0] : 0) + b[2] * (x > c[1] ? x - c[1] : 0);
		default: return 0;
	}
}

/* SSE of model m at change points c by normal equations (Cramer, 2x2/3x3) */
static double
brute_sse(const CpPoint *p, int n, CpModel m, const double *c)
{
	int			k = (m == CP_4P || m == CP_5P) ? 3 : 2;
	double		G[3][3] = {{0}}, r[3] = {0}, b[3] = {0}, sse = 0;
	double		z[3];

	for (int i = 0; i < n; i++)
	{
		double		x = p[i].x;

		z[0] = 1;
		if (m == CP_3PH) z[1] = c[0] > x ? c[0] - x : 0;
		else if (m == CP_3PC) z[1] = x > c[0] ? x - c[0] : 0;
		else { z[1] = x < c[0] ? x - c[0] : 0; z[2] = x > c[m == CP_5P] ? x - c[m == CP_5P] : 0; }
		for (int a = 0; a < k; a++)
		{
			r[a] += z[a] * p[i].y;
			for (int bb = 0; bb < k; bb++)
				G[a][bb] += z[a] * z[bb];
		}
	}
	if (k == 2)
	{
		double		det = G[0][0] * G[1][1] - G[0][1] * G[1][0];

		if (det == 0) return INFINITY;
		b[0] = (r[0] * G[1][1] - G[0][1] * r[1]) / det;
		b[1] = (G[0][0] * r[1] - G[1][0] * r[0]) / det;
	}
	else
	{
		double		det = G[0][0] * (G[1][1] * G[2][2] - G[1][2] * G[2][1])
			- G[0][1] * (G[1][0] * G[2][2] - G[1][2] * G[2][0])
			+ G[0][2] * (G[1][0] * G[2][1] - G[1][1] * G[2][0]);

		if (det == 0) return INFINITY;
		for (int col = 0; col < 3; col++)
		{
			double		H[3][3];

			memcpy(H, G, sizeof(H));
			for (int a = 0; a < 3; a++) H[a][col] = r[a];
			b[col] = (H[0][0] * (H[1][1] * H[2][2] - H[1][2] * H[2][1])
				- H[0][1] * (H[1][0] * H[2][2] - H[1][2] * H[2][0])
				+ H[0][2] * (H[1][0] * H[2][1] - H[1][1] * H[2][0])) / det;
		}
	}
	for (int i = 0; i < n; i++)
	{
		double		x = p[i].x, e;

		z[0] = 1;
		if (m == CP_3PH) z[1] = c[0] > x ? c[0] - x : 0;
		else if (m == CP_3PC) z[1] = x > c[0] ? x - c[0] : 0;
		else { z[1] = x < c[0] ? x - c[0] : 0; z[2] = x > c[m == CP_5P] ? x - c[m == CP_5P] : 0; }
		e = p[i].y;
		for (int a = 0; a < k; a++) e -= b[a] * z[a];
		sse += e * e;
	}
	return sse;
}

/* the smallest SSE on a grid of one change point */
static double
scan_one(const CpPoint *p, int n, CpModel m, double lo, double hi, int steps, double *cbest)
{
	double		best = INFINITY;

	for (int s = 0; s <= steps; s++)
	{
		double		c[2] = {lo + (hi - lo) * s / steps, 0};
		double		e = brute_sse(p, n, m, c);

		if (e < best) { best = e; *cbest = c[0]; }
	}
	return best;
}

/* makes n noisy points of model m; x uniform in [xlo, xhi] */
static void
make(CpPoint *p, int n, CpModel m, const double *b, const double *c,
	 double xlo, double xhi, double noise)
{
	for (int i = 0; i < n; i++)
	{
		p[i].x = xlo + (xhi - xlo) * (unif() + 0.5);
		p[i].y = truth(m, b, c, p[i].x) + noise * unif();
	}
}

static int
same_bits(const CpFit *a, const CpFit *b)
{
	return memcmp(a->b, b->b, sizeof a->b) == 0 && memcmp(a->se_b, b->se_b, sizeof a->se_b) == 0 &&
		memcmp(a->cp, b->cp, sizeof a->cp) == 0 && memcmp(&a->sse, &b->sse, sizeof(double)) == 0 &&
		memcmp(&a->cv_rmse_pct, &b->cv_rmse_pct, sizeof(double)) == 0 &&
		memcmp(&a->nmbe_pct, &b->nmbe_pct, sizeof(double)) == 0 &&
		memcmp(a->se_cp, b->se_cp, sizeof a->se_cp) == 0;
}

int
main(void)
{
	enum { N = 200 };
	CpPoint		p[N], q[N];
	CpFit		f, g;
	static const double tb[5][3] = {{100, 3, 0}, {100, 4, 0}, {100, 5, 0}, {100, -4, 3}, {100, -4, 5}};
	static const double tc[5][2] = {{0, 0}, {12, 0}, {18, 0}, {14, 0}, {8, 20}};

	/* 1. noiseless data: every model recovers its coefficients exactly */
	for (int m = CP_2P; m <= CP_5P; m++)
	{
		make(p, 60, (CpModel) m, tb[m], tc[m], -5, 30, 0);
		cp_sort_points(p, 60);
		ok(cp_fit_model(p, 60, (CpModel) m, &f) == CP_OK, "%s: noiseless fit", cp_model_name(m));
		for (int j = 0; j < f.nb; j++)
			is_rel(f.b[j], tb[m][j], 1e-9, "%s: b%d", cp_model_name(m), j);
		for (int j = 0; j < f.ncp; j++)
			is_rel(f.cp[j], tc[m][j], 1e-9, "%s: change point %d", cp_model_name(m), j);
		ok(f.cv_rmse_pct == 0 && f.sse == 0, "%s: perfect fit, CV(RMSE) %g", cp_model_name(m), f.cv_rmse_pct);
	}

	/* 2. noisy data: the SSE at our change point is the grid optimum or below */
	for (int m = CP_3PH; m <= CP_4P; m++)
	{
		double		cg = 0, eg;

		make(p, N, (CpModel) m, tb[m], tc[m], -5, 30, 8);
		cp_sort_points(p, N);
		cp_fit_model(p, N, (CpModel) m, &f);
		eg = scan_one(p, N, (CpModel) m, p[0].x, p[N - 1].x, 20000, &cg);
		ok(f.sse <= eg * (1 + 1e-12), "%s: SSE %.12g <= grid SSE %.12g (grid cp %.6f, ours %.6f)",
		   cp_model_name(m), f.sse, eg, cg, f.cp[0]);
		is_rel(f.sse, brute_sse(p, N, (CpModel) m, f.cp), 1e-10, "%s: SSE equals the normal-equation SSE", cp_model_name(m));
		/* neither side of our change point does better */
		{
			double		c1[2] = {f.cp[0] * (1 + 1e-7), 0}, c2[2] = {f.cp[0] * (1 - 1e-7), 0};

			ok(brute_sse(p, N, (CpModel) m, c1) >= f.sse * (1 - 1e-13) &&
			   brute_sse(p, N, (CpModel) m, c2) >= f.sse * (1 - 1e-13), "%s: local optimum", cp_model_name(m));
		}
	}
	/* 5p against a 2-D grid */
	{
		double		best = INFINITY;
		int			steps = 300;

		make(p, N, CP_5P, tb[4], tc[4], -5, 30, 8);
		cp_sort_points(p, N);
		cp_fit_model(p, N, CP_5P, &f);
		for (int a = 0; a <= steps; a++)
			for (int b = a; b <= steps; b++)
			{
				double		c[2] = {p[0].x + (p[N - 1].x - p[0].x) * a / steps,
				p[0].x + (p[N - 1].x - p[0].x) * b / steps};
				double		e = brute_sse(p, N, CP_5P, c);

				if (e < best) best = e;
			}
		ok(f.sse <= best * (1 + 1e-12), "5p: SSE %.12g <= 2-D grid SSE %.12g (cp %.6f %.6f)", f.sse, best, f.cp[0], f.cp[1]);
		is_rel(f.sse, brute_sse(p, N, CP_5P, f.cp), 1e-10, "5p: SSE equals the normal-equation SSE");
		ok(fabs(f.cp[0] - 8) < 1.5 && fabs(f.cp[1] - 20) < 1.5, "5p: change points near the truth (%.3f, %.3f)", f.cp[0], f.cp[1]);
	}

	/* 3. order independence: reversed and shuffled input, same bits */
	for (int m = CP_2P; m <= CP_5P; m++)
	{
		make(p, N, (CpModel) m, tb[m], tc[m], -5, 30, 5);
		memcpy(q, p, sizeof(p));
		for (int i = N - 1; i > 0; i--)
		{
			int			j = (int) ((unif() + 0.5) * (i + 1));
			CpPoint		t = q[i];

			if (j > i) j = i;
			q[i] = q[j];
			q[j] = t;
		}
		cp_sort_points(p, N);
		cp_sort_points(q, N);
		cp_fit_model(p, N, (CpModel) m, &f);
		cp_fit_model(q, N, (CpModel) m, &g);
		ok(same_bits(&f, &g), "%s: shuffled input gives the same bits", cp_model_name(m));
	}

	/* 4. edge cases */
	for (int i = 0; i < 10; i++)
		p[i] = (CpPoint) {5.0, 10.0 + i};
	ok(cp_fit_model(p, 10, CP_2P, &f) == CP_TOO_FEW, "all x equal: no 2p fit");
	ok(cp_fit_model(p, 10, CP_3PH, &f) == CP_TOO_FEW, "all x equal: no 3ph fit");
	for (int i = 0; i < 4; i++)
		p[i] = (CpPoint) {i, 2.0 * i + (i == 2 ? 0.5 : 0)};
	ok(cp_fit_model(p, 4, CP_2P, &f) == CP_OK, "2p with n = p + 2 = 4 rows fits");
	ok(cp_fit_model(p, 3, CP_2P, &f) == CP_TOO_FEW, "2p with 3 rows: too few");
	ok(cp_fit_model(p, 4, CP_3PH, &f) == CP_TOO_FEW, "3ph with 4 rows: too few");
	/*
	 * 2p by hand: x 0 1 2 3, y 0 2 4.5 6: xbar 1.5, ybar 3.125, Sxx 5,
	 * Sxy = (-1.5)(-3.125) + (-0.5)(-1.125) + 0.5(1.375) + 1.5(2.875) = 10.25,
	 * b1 = 2.05, b0 = 3.125 - 2.05 * 1.5 = 0.05; residuals -0.05, -0.1,
	 * 0.35, -0.2: SSE 0.175, rmse sqrt(0.175/2), CV = 100 rmse / 3.125.
	 */
	cp_fit_model(p, 4, CP_2P, &f);
	is_rel(f.b[1], 2.05, 1e-14, "2p by hand: b1");
	is_rel(f.b[0], 0.05, 1e-13, "2p by hand: b0");
	is_rel(f.sse, 0.175, 1e-13, "2p by hand: SSE");
	is_rel(f.cv_rmse_pct, 100 * sqrt(0.175 / 2) / 3.125, 1e-13, "2p by hand: CV(RMSE)");
	/* se(b1) = s / sqrt(Sxx), s^2 = SSE / (n - 2) */
	is_rel(f.se_b[1], sqrt(0.175 / 2 / 5), 1e-13, "2p by hand: se(b1)");
	/* a change point beyond the data: 3ph on a line falls to max x */
	for (int i = 0; i < 20; i++)
		p[i] = (CpPoint) {i, 50 + 3.0 * (25 - i)};
	cp_fit_model(p, 20, CP_3PH, &f);
	ok(f.cp[0] == 19 && f.sse == 0, "true change point 25 beyond max x 19: xcp = %g", f.cp[0]);
	is_rel(f.b[0], 50 + 3.0 * 6, 1e-12, "... b0 = the line at max x");

	/* 5. auto picks the true model on clearly separated cases */
	for (int m = CP_2P; m <= CP_5P; m++)
	{
		CpFit		c[CP_NMODELS];
		CpStatus	s[CP_NMODELS];

		make(p, N, (CpModel) m, tb[m], tc[m], -5, 30, 4);
		cp_sort_points(p, N);
		cp_fit_auto(p, N, &f, c, s);
		ok(f.model == (CpModel) m, "auto on %s data picks %s", cp_model_name(m), cp_model_name(f.model));
	}

	/*
	 * 6. Student t (two-sided) and Annex B. Closed forms: df 1 (Cauchy)
	 * t = tan(pi c / 2); df 2: t = c sqrt(2 / (1 - c^2)); df 10 from the
	 * tables (2.228138852 at 95 %, 1.812461123 at 90 %).
	 */
	is_rel(cp_student_t(0.90, 1), tan(M_PI * 0.45), 1e-13, "t(90 %%, 1) = tan(0.45 pi)");
	is_rel(cp_student_t(0.95, 2), 0.95 * sqrt(2 / (1 - 0.95 * 0.95)), 1e-13, "t(95 %%, 2)");
	is_rel(cp_student_t(0.95, 10), 2.228138852, 1e-9, "t(95 %%, 10)");
	is_rel(cp_student_t(0.90, 10), 1.812461123, 1e-9, "t(90 %%, 10)");
	/* 1.26 * t(90 %, 10) * 0.1 * sqrt((1 + 2/12) / 12) / 0.2 */
	is_rel(cp_fsu(0.1, 12, 2, 0, 12, 0.2, 0.90),
		   1.26 * cp_student_t(0.90, 10) * 0.1 * sqrt((1 + 2.0 / 12) / 12) / 0.2, 1e-12, "FSU, no autocorrelation");
	/* rho 0.5: n' = 12 / 3 = 4 */
	is_rel(cp_fsu(0.1, 12, 2, 0.5, 12, 0.2, 0.90),
		   1.26 * cp_student_t(0.90, 10) * 0.1 * sqrt(3 * (1 + 2.0 / 4) / 12) / 0.2, 1e-12, "FSU, rho 0.5");
	return done_testing();
}
