/*
 * changepoint.c
 *		Exact least-squares change-point models (2p, 3ph, 3pc, 4p, 5p), their
 *		ASHRAE 14 statistics, the automatic model choice, and the fractional
 *		savings uncertainty of ASHRAE 14 Annex B. See changepoint.h.
 *
 * The search works on the points sorted by (x, y), centred on their means,
 * with prefix sums per distinct x. For a hinge regressor g = u - c v (u, v
 * two fixed vectors while c stays between two consecutive distinct x), all
 * inner products are linear combinations of the prefix sums, so the SSE of
 * any (change points in given intervals) is O(1) to evaluate. The final
 * coefficients and statistics are computed from the data themselves
 * (Householder QR of the design), not from the sums.
 */
#include "math/changepoint.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void	   *(*cp_alloc) (size_t size) = malloc;
void		(*cp_release) (void *ptr) = free;
void		(*cp_check_interrupts) (void) = NULL;

/* Frees p when not NULL */
static void
Release(void *p)
{
	if (p)
		cp_release(p);
}

static const char *const model_names[] = {"2p", "3ph", "3pc", "4p", "5p", "auto"};
static const int model_params[] = {2, 3, 3, 4, 5, 0};
static const int model_nb[] = {2, 2, 2, 3, 3, 0};
static const int model_ncp[] = {0, 1, 1, 1, 2, 0};

/* Model from its name; -1 when unknown */
int
cp_model_parse(const char *name)
{
	for (int i = 0; i <= CP_AUTO; i++)
		if (strcmp(name, model_names[i]) == 0)
			return i;
	return -1;
}

/* Name of a model */
const char *
cp_model_name(CpModel m)
{
	return (m >= CP_2P && m <= CP_AUTO) ? model_names[m] : "?";
}

/* Fitted parameters of a model */
int
cp_model_params(CpModel m)
{
	return (m >= CP_2P && m <= CP_AUTO) ? model_params[m] : 0;
}

/* qsort order of points: x, then y */
static int
CmpPoint(const void *a, const void *b)
{
	const CpPoint *p = a;
	const CpPoint *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return 0;
}

/* Sorts points by (x, y) */
void
cp_sort_points(CpPoint *pts, int n)
{
	if (n > 1)
		qsort(pts, n, sizeof(CpPoint), CmpPoint);
}

/* ------------------------------------------------------------------ */
/* Search on prefix sums                                                */
/* ------------------------------------------------------------------ */

/* Sums over a set of centred points */
typedef struct Sums
{
	double		n,
				x,
				y,
				xx,
				xy,
				yy;
} Sums;

/* The data as the search sees it */
typedef struct Search
{
	int			K;				/* distinct x */
	double	   *d;				/* distinct centred x, ascending */
	Sums	   *pre;			/* pre[k]: points with x <= d[k] */
	Sums		tot;
	double		yy;
} Search;

/*
 * Raw vectors of the Gram matrix: 1, x, uL = -x 1_L, vL = -1_L,
 * uR = x 1_R, vR = 1_R, y. L = points <= d[i], R = points >= d[j + 1].
 */
enum
{
	V1 = 0, VX, VUL, VVL, VUR, VVR, VY, NV
};

typedef double Vec[NV];			/* a combination of the raw vectors */

/* Gram matrix of the raw vectors for left set i and right set j (i <= j) */
static void
BuildGram(const Search *s, int i, int j, double M[NV][NV])
{
	Sums		L = {0, 0, 0, 0, 0, 0};
	Sums		R = {0, 0, 0, 0, 0, 0};
	const Sums *t = &s->tot;

	if (i >= 0)
		L = s->pre[i];
	if (j >= 0)
	{
		R.n = t->n - s->pre[j].n;
		R.x = t->x - s->pre[j].x;
		R.y = t->y - s->pre[j].y;
		R.xx = t->xx - s->pre[j].xx;
		R.xy = t->xy - s->pre[j].xy;
	}
	memset(M, 0, sizeof(double) * NV * NV);
	M[V1][V1] = t->n;
	M[V1][VX] = t->x;
	M[V1][VUL] = -L.x;
	M[V1][VVL] = -L.n;
	M[V1][VUR] = R.x;
	M[V1][VVR] = R.n;
	M[V1][VY] = t->y;
	M[VX][VX] = t->xx;
	M[VX][VUL] = -L.xx;
	M[VX][VVL] = -L.x;
	M[VX][VUR] = R.xx;
	M[VX][VVR] = R.x;
	M[VX][VY] = t->xy;
	M[VUL][VUL] = L.xx;
	M[VUL][VVL] = L.x;
	M[VUL][VY] = -L.xy;
	M[VVL][VVL] = L.n;
	M[VVL][VY] = -L.y;
	M[VUR][VUR] = R.xx;
	M[VUR][VVR] = R.x;
	M[VUR][VY] = R.xy;
	M[VVR][VVR] = R.n;
	M[VVR][VY] = R.y;
	M[VY][VY] = s->yy;
	/* L and R are disjoint: uL.uR = uL.vR = vL.uR = vL.vR = 0 */
	for (int a = 0; a < NV; a++)
		for (int b = 0; b < a; b++)
			M[a][b] = M[b][a];
}

/* a' M b */
static double
Dot(double M[NV][NV], const Vec a, const Vec b)
{
	double		s = 0;

	for (int i = 0; i < NV; i++)
	{
		double		r = 0;

		if (a[i] == 0)
			continue;
		for (int j = 0; j < NV; j++)
			r += M[i][j] * b[j];
		s += a[i] * r;
	}
	return s;
}

/* Unit vector e_i */
static void
Unit(Vec v, int i)
{
	memset(v, 0, sizeof(Vec));
	v[i] = 1;
}

/*
 * Orthonormalises base vectors (Gram-Schmidt in M's inner product,
 * twice for accuracy); a vector within the span of the previous ones is
 * dropped. Returns the number kept in q.
 */
static int
Orthonormal(double M[NV][NV], const Vec *base, int nb, Vec *q)
{
	int			k = 0;

	for (int b = 0; b < nb; b++)
	{
		Vec			v;
		double		n0 = Dot(M, base[b], base[b]);
		double		nn;

		memcpy(v, base[b], sizeof(Vec));
		for (int pass = 0; pass < 2; pass++)
			for (int j = 0; j < k; j++)
			{
				double		c = Dot(M, v, q[j]);

				for (int i = 0; i < NV; i++)
					v[i] -= c * q[j][i];
			}
		nn = Dot(M, v, v);
		if (!(n0 > 0) || !(nn > 1e-12 * n0))
			continue;
		nn = sqrt(nn);
		for (int i = 0; i < NV; i++)
			q[k][i] = v[i] / nn;
		k++;
	}
	return k;
}

/* a minus its projection on the orthonormal q[0..k) */
static void
Residual(double M[NV][NV], const Vec *q, int k, const Vec a, Vec r)
{
	memcpy(r, a, sizeof(Vec));
	for (int pass = 0; pass < 2; pass++)
		for (int j = 0; j < k; j++)
		{
			double		c = Dot(M, r, q[j]);

			for (int i = 0; i < NV; i++)
				r[i] -= c * q[j][i];
		}
}

/*
 * The closed form: with residual products A = y.u, B = y.v, Suu, Suv, Svv,
 * Syy against the base, the SSE at c is Syy - (A - c B)^2 / D(c), D(c) =
 * Suu - 2 c Suv + c^2 Svv, stationary where (B Suv - A Svv) c = B Suu -
 * A Suv. Returns the least SSE over lo, that root (inside), hi; *c there.
 */
static double
HingeClosed(double A, double B, double Suu, double Suv, double Svv, double Syy,
			double lo, double hi, double *c)
{
	double		scale = fabs(Suu) + 2 * fabs(Suv) * fmax(fabs(lo), fabs(hi)) +
		Svv * fmax(lo * lo, hi * hi);
	double		cand[3];
	int			nc = 0;
	double		best = INFINITY;
	double		den = B * Suv - A * Svv;

	cand[nc++] = lo;
	if (den != 0)
	{
		double		cs = (B * Suu - A * Suv) / den;

		if (cs > lo && cs < hi)
			cand[nc++] = cs;
	}
	cand[nc++] = hi;
	*c = lo;
	for (int i = 0; i < nc; i++)
	{
		double		cc = cand[i];
		double		D = Suu - 2 * cc * Suv + cc * cc * Svv;
		double		num = A - cc * B;
		double		sse;

		if (D > 1e-13 * scale && D > 0)
			sse = fmax(Syy - num * num / D, 0);
		else
			sse = Syy;
		if (sse < best)
		{
			best = sse;
			*c = cc;
		}
	}
	return best;
}

/*
 * Best c in [lo, hi] for the hinge g = u - c v added to base: the SSE is
 * Syy - (A - c B)^2 / (Suu - 2 c Suv + c^2 Svv) on residuals against base;
 * its stationary point solves a linear equation. Returns the SSE, *c the
 * change point (the smallest of equal candidates).
 */
static double
HingeBest(double M[NV][NV], const Vec *base, int nb, int iu, int iv,
		  double lo, double hi, double *c)
{
	Vec			q[4];
	Vec			e,
				ru,
				rv,
				ry;
	int			k;
	double		A,
				B,
				Suu,
				Suv,
				Svv,
				Syy;

	k = Orthonormal(M, base, nb, q);
	Unit(e, iu);
	Residual(M, q, k, e, ru);
	Unit(e, iv);
	Residual(M, q, k, e, rv);
	Unit(e, VY);
	Residual(M, q, k, e, ry);
	A = Dot(M, ry, ru);
	B = Dot(M, ry, rv);
	Suu = Dot(M, ru, ru);
	Suv = Dot(M, ru, rv);
	Svv = Dot(M, rv, rv);
	Syy = fmax(Dot(M, ry, ry), 0);
	return HingeClosed(A, B, Suu, Suv, Svv, Syy, lo, hi, c);
}

/* One-change-point models: best interval and change point (centred) */
static double
SearchOne(const Search *s, CpModel model, double *cbest)
{
	double		M[NV][NV];
	double		best = INFINITY;

	*cbest = s->d[0];
	for (int k = 0; k + 1 < s->K; k++)
	{
		Vec			base[2];
		int			nb;
		double		c,
					sse;

		Unit(base[0], V1);
		Unit(base[1], VX);
		if (model == CP_3PH)
		{
			BuildGram(s, k, -1, M);
			sse = HingeBest(M, base, 1, VUL, VVL, s->d[k], s->d[k + 1], &c);
		}
		else
		{
			nb = (model == CP_4P) ? 2 : 1;
			BuildGram(s, -1, k, M);
			sse = HingeBest(M, base, nb, VUR, VVR, s->d[k], s->d[k + 1], &c);
		}
		if (sse < best)
		{
			best = sse;
			*cbest = c;
		}
	}
	return best;
}

/*
 * 5p for one pair of intervals: the products of uL, vL, uR, vR, y after
 * removing the intercept (P), so that the SSE for given change points is a
 * few dozen flops. g1 = uL - c1 vL = (c1 - x) 1_L, g2 = uR - c2 vR.
 */
enum
{
	PUL = 0, PVL, PUR, PVR, PY, NP
};

/* Best hinge (hu, hv) over [lo, hi] with g = e_gu - cg e_gv in the base */
static double
HingeP(double P[NP][NP], int gu, int gv, double cg, int hu, int hv,
	   double lo, double hi, double *c)
{
	double		gg = P[gu][gu] - 2 * cg * P[gu][gv] + cg * cg * P[gv][gv];
	double		ga[NP];
	double		r[3][3];
	int			ix[3] = {hu, hv, PY};

	for (int a = 0; a < 3; a++)
		ga[a] = P[ix[a]][gu] - cg * P[ix[a]][gv];
	if (!(gg > 1e-12 * (P[gu][gu] + cg * cg * P[gv][gv])))
		gg = 0;
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++)
			r[a][b] = P[ix[a]][ix[b]] - (gg > 0 ? ga[a] * ga[b] / gg : 0);
	return HingeClosed(r[2][0], r[2][1], r[0][0], r[0][1], r[1][1], fmax(r[2][2], 0), lo, hi, c);
}

/* The intercept-free products P of the pair (i, j) */
static void
PairProducts(const Search *s, int i, int j, double P[NP][NP])
{
	double		M[NV][NV];
	static const int raw[NP] = {VUL, VVL, VUR, VVR, VY};

	BuildGram(s, i, j, M);
	for (int p = 0; p < NP; p++)
		for (int q = 0; q < NP; q++)
			P[p][q] = M[raw[p]][raw[q]] - M[V1][raw[p]] * M[V1][raw[q]] / M[V1][V1];
}

/*
 * Best hinge (hu, hv) over [lo, hi] with both e_b0 and e_b1 in the base
 * (one hinge relaxed to its two-vector span): a lower bound of the SSE.
 */
static double
HingeRelaxed(double P[NP][NP], int b0, int b1, int hu, int hv, double lo, double hi)
{
	int			ix[3] = {hu, hv, PY};
	double		g00 = P[b0][b0],
				g01 = P[b0][b1],
				g11 = P[b1][b1];
	double		det = g00 * g11 - g01 * g01;
	double		r[3][3];
	double		c;

	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++)
		{
			double		h0a = P[ix[a]][b0],
						h1a = P[ix[a]][b1],
						h0b = P[ix[b]][b0],
						h1b = P[ix[b]][b1];
			double		q = 0;

			if (det > 1e-12 * g00 * g11 && det > 0)
				q = (h0a * (g11 * h0b - g01 * h1b) + h1a * (g00 * h1b - g01 * h0b)) / det;
			else if (g00 > 0)
				q = h0a * h0b / g00;
			else if (g11 > 0)
				q = h1a * h1b / g11;
			r[a][b] = P[ix[a]][ix[b]] - q;
		}
	return HingeClosed(r[2][0], r[2][1], r[0][0], r[0][1], r[1][1], fmax(r[2][2], 0), lo, hi, &c);
}

/*
 * A tighter lower bound of the 5p SSE of a pair: one hinge exact over its
 * interval, the other relaxed to its span; the larger of the two ways.
 */
static double
Bound5Tight(const Search *s, int i, int j)
{
	double		P[NP][NP];

	PairProducts(s, i, j, P);
	return fmax(HingeRelaxed(P, PUL, PVL, PUR, PVR, s->d[j], s->d[j + 1]),
				HingeRelaxed(P, PUR, PVR, PUL, PVL, s->d[i], s->d[i + 1]));
}

/* 5p, one pair of intervals: the profile over c1, then exact polishing */
static double
Pair5(const Search *s, int i, int j, double best_so_far, double *c1, double *c2)
{
	double		P[NP][NP];
	const int	ns = 8;
	double		lo = s->d[i],
				hi = s->d[i + 1];
	double		best = INFINITY;
	int			bi = 0;
	double		a,
				b,
				x1,
				x2,
				f1,
				f2,
				t2;
	const double g = 0.38196601125010515;	/* (3 - sqrt 5) / 2 */

	PairProducts(s, i, j, P);
#define PROFILE(cc, out) HingeP(P, PUL, PVL, (cc), PUR, PVR, fmax(s->d[j], (cc)), s->d[j + 1], (out))
	for (int k = 0; k <= ns; k++)
	{
		double		cc = (k == ns) ? hi : lo + (hi - lo) * k / ns;
		double		sse = PROFILE(cc, &t2);

		if (sse < best)
		{
			best = sse;
			bi = k;
			*c1 = cc;
			*c2 = t2;
		}
	}
	/* golden section in the bracket around the best sample */
	a = lo + (hi - lo) * (bi > 0 ? bi - 1 : 0) / ns;
	b = (bi + 1 >= ns) ? hi : lo + (hi - lo) * (bi + 1) / ns;
	x1 = a + g * (b - a);
	x2 = b - g * (b - a);
	f1 = PROFILE(x1, &t2);
	f2 = PROFILE(x2, &t2);
	for (int it = 0; it < 200 && b - a > 4 * DBL_EPSILON * (fabs(a) + fabs(b)) + DBL_MIN; it++)
	{
		if (f1 <= f2)
		{
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = a + g * (b - a);
			f1 = PROFILE(x1, &t2);
		}
		else
		{
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = b - g * (b - a);
			f2 = PROFILE(x2, &t2);
		}
	}
	{
		double		cm = (f1 <= f2) ? x1 : x2;
		double		sse = PROFILE(cm, &t2);

		if (sse < best)
		{
			best = sse;
			*c1 = cm;
			*c2 = t2;
		}
	}

	/*
	 * Golden section finds c1 to about sqrt(eps) only (the SSE is flat at
	 * its minimum), which moves the SSE by about eps; for a pair that may
	 * be the best, polish by exact alternating steps: c1 in closed form for
	 * the current c2, c2 in closed form for the new c1. Each step
	 * minimises exactly, so the SSE never rises.
	 */
	if (best <= best_so_far * (1 + 1e-9) + DBL_MIN)
		for (int it = 0; it < 200; it++)
		{
			double		n1,
						n2,
						sse;

			sse = HingeP(P, PUR, PVR, *c2, PUL, PVL, lo, fmin(hi, *c2), &n1);
			if (sse > best)
				break;
			sse = PROFILE(n1, &n2);
			if (sse > best)
				break;
			best = sse;
			if (n1 == *c1 && n2 == *c2)
				break;
			*c1 = n1;
			*c2 = n2;
		}
#undef PROFILE
	return best;
}

/* SSE of a least-squares line through a set of points (its sums) */
static double
LineSse(double n, double sx, double sy, double sxx, double sxy, double syy)
{
	double		cxx,
				cxy,
				cyy;

	if (n < 1)
		return 0;
	cxx = sxx - sx * sx / n;
	cxy = sxy - sx * sy / n;
	cyy = syy - sy * sy / n;
	if (cxx > 1e-12 * (sxx + DBL_MIN))
		cyy -= cxy * cxy / cxx;
	return fmax(cyy, 0);
}

/*
 * Lower bound of the 5p SSE for a pair: y on span{1, uL, vL, uR, vR}, that
 * is a free line on L, a free line on R and a constant on the points in
 * between; O(1) from the prefix sums.
 */
static double
Bound5(const Search *s, int i, int j)
{
	const Sums *L = &s->pre[i];
	const Sums *P = &s->pre[j];
	const Sums *t = &s->tot;
	double		mn = P->n - L->n,
				my = P->y - L->y,
				myy = P->yy - L->yy;

	return LineSse(L->n, L->x, L->y, L->xx, L->xy, L->yy) +
		LineSse(t->n - P->n, t->x - P->x, t->y - P->y, t->xx - P->xx,
				t->xy - P->xy, t->yy - P->yy) +
		(mn > 0 ? fmax(myy - my * my / mn, 0) : 0);
}

/* 5p: exact search over interval pairs with lower-bound pruning */
static double
SearchFive(const Search *s, double *c1best, double *c2best)
{
	enum
	{
	NSEED = 16};
	int			si[NSEED],
				sj[NSEED];
	double		sb[NSEED];
	int			ns = 0;
	double		best = INFINITY;
	double		slack = 1e-10 * s->yy + DBL_MIN;
	int			I = s->K - 1;	/* intervals */

	*c1best = s->d[0];
	*c2best = s->d[s->K - 1];
	/* seeds: the pairs with the lowest bounds, solved first */
	for (int i = 0; i < I; i++)
	{
		if (cp_check_interrupts)
			cp_check_interrupts();
		for (int j = i; j < I; j++)
		{
			double		lb = Bound5(s, i, j);
			int			k;

			if (ns == NSEED && lb >= sb[ns - 1])
				continue;
			if (ns < NSEED)
				ns++;
			for (k = ns - 1; k > 0 && sb[k - 1] > lb; k--)
			{
				sb[k] = sb[k - 1];
				si[k] = si[k - 1];
				sj[k] = sj[k - 1];
			}
			sb[k] = lb;
			si[k] = i;
			sj[k] = j;
		}
	}
	for (int k = 0; k < ns; k++)
	{
		double		c1,
					c2;
		double		sse = Pair5(s, si[k], sj[k], best, &c1, &c2);

		if (sse < best || (sse == best && (c1 < *c1best || (c1 == *c1best && c2 < *c2best))))
		{
			best = sse;
			*c1best = c1;
			*c2best = c2;
		}
	}
	/* every other pair that could still do better */
	for (int i = 0; i < I; i++)
	{
		if (cp_check_interrupts)
			cp_check_interrupts();
		for (int j = i; j < I; j++)
		{
			double		c1,
						c2,
						sse;
			bool		seed = false;

			for (int k = 0; k < ns; k++)
				if (si[k] == i && sj[k] == j)
					seed = true;
			if (seed || Bound5(s, i, j) - slack > best || Bound5Tight(s, i, j) - slack > best)
				continue;
			sse = Pair5(s, i, j, best, &c1, &c2);
			if (sse < best || (sse == best && (c1 < *c1best || (c1 == *c1best && c2 < *c2best))))
			{
				best = sse;
				*c1best = c1;
				*c2best = c2;
			}
		}
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* Final fit at fixed change points                                     */
/* ------------------------------------------------------------------ */

/* Design column j of a model at x */
static double
Column(CpModel m, int j, double x, const double *cp)
{
	if (j == 0)
		return 1.0;
	switch (m)
	{
		case CP_2P:
			return x;
		case CP_3PH:
			return fmax(cp[0] - x, 0);
		case CP_3PC:
			return fmax(x - cp[0], 0);
		case CP_4P:
			return j == 1 ? fmin(x - cp[0], 0) : fmax(x - cp[0], 0);
		case CP_5P:
			return j == 1 ? fmin(x - cp[0], 0) : fmax(x - cp[1], 0);
		default:
			return 0;
	}
}

/* d yhat / d cp[k] at x, for the coefficients b */
static double
CpDerivative(CpModel m, int k, double x, const double *cp, const double *b)
{
	switch (m)
	{
		case CP_3PH:
			return x < cp[0] ? b[1] : 0;
		case CP_3PC:
			return x > cp[0] ? -b[1] : 0;
		case CP_4P:
			return x < cp[0] ? -b[1] : (x > cp[0] ? -b[2] : 0);
		case CP_5P:
			if (k == 0)
				return x < cp[0] ? -b[1] : 0;
			return x > cp[1] ? -b[2] : 0;
		default:
			return 0;
	}
}

/*
 * Householder QR of the n x k column-major matrix A (overwritten); applies
 * the reflections to y when given. R's diagonal in rdiag, the rest in A's
 * upper triangle. false when a column is (numerically) dependent.
 */
static bool
HouseholderQr(double *A, int n, int k, double *rdiag, double *y)
{
	double		maxnorm = 0;

	for (int j = 0; j < k; j++)
	{
		double		s = 0;

		for (int i = 0; i < n; i++)
			s += A[j * n + i] * A[j * n + i];
		maxnorm = fmax(maxnorm, sqrt(s));
	}
	for (int j = 0; j < k; j++)
	{
		double	   *a = A + j * n;
		double		norm = 0,
					alpha;

		for (int i = j; i < n; i++)
			norm += a[i] * a[i];
		norm = sqrt(norm);
		if (!(norm > 1e-11 * maxnorm))
			return false;
		alpha = a[j] > 0 ? -norm : norm;
		/* v = a[j..] - alpha e1, stored in a[j..] */
		a[j] -= alpha;
		{
			double		vnorm2 = 0;

			for (int i = j; i < n; i++)
				vnorm2 += a[i] * a[i];
			for (int l = j + 1; l < k; l++)
			{
				double	   *c = A + l * n;
				double		d = 0;

				for (int i = j; i < n; i++)
					d += a[i] * c[i];
				d = 2 * d / vnorm2;
				for (int i = j; i < n; i++)
					c[i] -= d * a[i];
			}
			if (y)
			{
				double		d = 0;

				for (int i = j; i < n; i++)
					d += a[i] * y[i];
				d = 2 * d / vnorm2;
				for (int i = j; i < n; i++)
					y[i] -= d * a[i];
			}
		}
		rdiag[j] = alpha;
	}
	return true;
}

/* R^-1 (upper triangular, k x k row-major) from a QR */
static void
InvertR(const double *A, int n, int k, const double *rdiag, double *Ri)
{
	for (int i = 0; i < k * k; i++)
		Ri[i] = 0;
	for (int c = 0; c < k; c++)
	{
		/* solve R x = e_c */
		for (int r = c; r >= 0; r--)
		{
			double		s = (r == c) ? 1.0 : 0.0;

			for (int l = r + 1; l <= c; l++)
				s -= A[l * n + r] * Ri[l * k + c];
			Ri[r * k + c] = s / rdiag[r];
		}
	}
}

/* sqrt of the diagonal of (R'R)^-1 = R^-1 R^-T */
static void
InverseDiag(const double *Ri, int k, double *out)
{
	for (int j = 0; j < k; j++)
	{
		double		s = 0;

		for (int l = j; l < k; l++)
			s += Ri[j * k + l] * Ri[j * k + l];
		out[j] = sqrt(s);
	}
}

/* (R'R)^-1 entry (a, b) from R^-1 */
static double
InverseAt(const double *Ri, int k, int a, int b)
{
	double		s = 0;

	for (int l = (a > b ? a : b); l < k; l++)
		s += Ri[a * k + l] * Ri[b * k + l];
	return s;
}

/*
 * The shape test of the automatic choice: every slope |t| > 2; 4p: the
 * change of slope b2 - b1 too; every change point at least two standard
 * errors inside the data (from min x, from max x) and, for 5p, from the
 * other change point; every segment holds at least max(3, n / 10) points
 * (the data population test). A model failing it is a simpler model in
 * disguise.
 */
static bool
ShapeSignificant(const CpFit *f)
{
	for (int j = 1; j < f->nb; j++)
		if (!(f->se_b[j] > 0 ? fabs(f->b[j]) > 2 * f->se_b[j] : f->b[j] != 0))
			return false;
	if (f->model == CP_4P &&
		!(f->se_slope_change > 0 ? fabs(f->b[2] - f->b[1]) > 2 * f->se_slope_change
		  : f->b[2] != f->b[1]))
		return false;
	for (int j = 0; j < f->ncp; j++)
	{
		double		se = f->se_cp[j];
		double		lo = f->cp[j] - f->x_min;
		double		hi = f->x_max - f->cp[j];

		if (isnan(se) || !(lo > 2 * se) || !(hi > 2 * se))
			return false;
	}
	if (f->ncp == 2 &&
		(isnan(f->se_cp_gap) || !(f->cp[1] - f->cp[0] > 2 * f->se_cp_gap)))
		return false;
	/* data population: every segment holds max(3, n / 10) points */
	if (f->ncp > 0)
	{
		int			need = f->n / 10 > 3 ? f->n / 10 : 3;

		for (int j = 0; j <= f->ncp; j++)
			if (f->segment_n[j] < need)
				return false;
	}
	return true;
}

/* Coefficients and statistics of model m at change points cp */
static CpStatus
FitAt(const CpPoint *pts, int n, CpModel m, const double *cp, CpFit *f)
{
	int			nb = model_nb[m];
	int			ncp = model_ncp[m];
	int			k = nb + ncp;
	double	   *A = cp_alloc(sizeof(double) * n * k);
	double	   *qy = cp_alloc(sizeof(double) * n);
	double		rdiag[5],
				Ri[25],
				dg[5];
	double		sse = 0,
				sst = 0,
				sr = 0,
				ymax = 0,
				s2;
	bool		exact = true;
	CpStatus	st = CP_OK;

	if (!A || !qy)
	{
		Release(A);
		Release(qy);
		return CP_NOMEM;
	}
	f->model = m;
	f->n = n;
	f->p = model_params[m];
	f->nb = nb;
	f->ncp = ncp;
	for (int j = 0; j < 2; j++)
		f->cp[j] = j < ncp ? cp[j] : NAN;
	for (int i = 0; i < n; i++)
	{
		for (int j = 0; j < nb; j++)
			A[j * n + i] = Column(m, j, pts[i].x, cp);
		qy[i] = pts[i].y;
	}
	if (!HouseholderQr(A, n, nb, rdiag, qy))
	{
		st = CP_SINGULAR;
		goto done;
	}
	/* back substitution R b = (Q'y)[0..nb) */
	for (int r = nb - 1; r >= 0; r--)
	{
		double		s = qy[r];

		for (int l = r + 1; l < nb; l++)
			s -= A[l * n + r] * f->b[l];
		f->b[r] = s / rdiag[r];
	}
	InvertR(A, n, nb, rdiag, Ri);
	InverseDiag(Ri, nb, dg);

	/* residuals from the data */
	f->mean_y = 0;
	for (int i = 0; i < n; i++)
	{
		f->mean_y += pts[i].y;
		ymax = fmax(ymax, fabs(pts[i].y));
	}
	f->mean_y /= n;
	for (int i = 0; i < n; i++)
		if (fabs(pts[i].y - cp_predict(f, pts[i].x)) > 64 * DBL_EPSILON * ymax)
			exact = false;
	for (int i = 0; i < n; i++)
	{
		double		r = exact ? 0 : pts[i].y - cp_predict(f, pts[i].x);
		double		dy = pts[i].y - f->mean_y;

		sse += r * r;
		sr += r;
		sst += dy * dy;
	}
	f->sse = sse;
	f->sst = sst;
	f->sum_resid = sr;
	f->r2 = sst > 0 ? 1 - sse / sst : NAN;
	s2 = sse / (n - f->p);
	f->rmse = sqrt(s2);
	f->cv_rmse_pct = f->mean_y != 0 ? 100 * f->rmse / f->mean_y : NAN;
	f->nmbe_pct = f->mean_y != 0 ? 100 * sr / ((n - f->p) * f->mean_y) : NAN;
	f->x_min = pts[0].x;
	f->x_max = pts[n - 1].x;
	f->segment_n[0] = f->segment_n[1] = f->segment_n[2] = 0;
	for (int i = 0; i < n && ncp > 0; i++)
	{
		double		x = pts[i].x;

		if (x < cp[0])
			f->segment_n[0]++;
		else if (ncp == 1 ? x > cp[0] : (x <= cp[1]))
			f->segment_n[1]++;
		if (ncp == 2 && x > cp[1])
			f->segment_n[2]++;
	}
	for (int j = 0; j < 3; j++)
	{
		f->se_b[j] = j < nb ? f->rmse * dg[j] : NAN;
		f->t_b[j] = (j < nb && f->se_b[j] > 0) ? f->b[j] / f->se_b[j] : NAN;
	}
	f->se_slope_change = NAN;
	if (nb == 3)
		f->se_slope_change = f->rmse *
			sqrt(fmax(InverseAt(Ri, nb, 1, 1) + InverseAt(Ri, nb, 2, 2) - 2 * InverseAt(Ri, nb, 1, 2), 0));

	/* standard errors of the change points: full Jacobian */
	f->se_cp[0] = f->se_cp[1] = f->t_cp[0] = f->t_cp[1] = f->se_cp_gap = NAN;
	if (ncp > 0)
	{
		for (int i = 0; i < n; i++)
		{
			for (int j = 0; j < nb; j++)
				A[j * n + i] = Column(m, j, pts[i].x, cp);
			for (int j = 0; j < ncp; j++)
				A[(nb + j) * n + i] = CpDerivative(m, j, pts[i].x, cp, f->b);
		}
		if (HouseholderQr(A, n, k, rdiag, NULL))
		{
			InvertR(A, n, k, rdiag, Ri);
			InverseDiag(Ri, k, dg);
			for (int j = 0; j < ncp; j++)
			{
				f->se_cp[j] = f->rmse * dg[nb + j];
				f->t_cp[j] = f->se_cp[j] > 0 ? f->cp[j] / f->se_cp[j] : NAN;
			}
			if (ncp == 2)
				f->se_cp_gap = f->rmse *
					sqrt(fmax(InverseAt(Ri, k, nb, nb) + InverseAt(Ri, k, nb + 1, nb + 1)
							  - 2 * InverseAt(Ri, k, nb, nb + 1), 0));
		}
	}
	f->significant = ShapeSignificant(f);
	if (ncp == 0)
		for (int j = 0; j < 2; j++)
			f->cp[j] = NAN;
done:
	Release(A);
	Release(qy);
	return st;
}

/* Prediction of a fitted model at x */
double
cp_predict(const CpFit *f, double x)
{
	double		y = f->b[0];

	for (int j = 1; j < f->nb; j++)
		y += f->b[j] * Column(f->model, j, x, f->cp);
	return y;
}

/* Fits one model to sorted points */
CpStatus
cp_fit_model(const CpPoint *pts, int n, CpModel model, CpFit *out)
{
	Search		s;
	double		xm = 0,
				ym = 0,
				cp[2] = {0, 0};
	int			K = 0;
	CpStatus	st;

	memset(out, 0, sizeof(*out));
	out->model = model;
	out->n = n;
	out->p = model_params[model];
	if (model < CP_2P || model > CP_5P)
		return CP_SINGULAR;
	if (n < model_params[model] + 2)
		return CP_TOO_FEW;
	for (int i = 0; i < n; i++)
	{
		if (i == 0 || pts[i].x != pts[i - 1].x)
			K++;
		xm += pts[i].x;
		ym += pts[i].y;
	}
	xm /= n;
	ym /= n;
	out->distinct_x = K;
	/* distinct x needed: coefficients + change points */
	if (K < model_nb[model] + model_ncp[model])
		return CP_TOO_FEW;
	if (model == CP_2P)
		return FitAt(pts, n, model, cp, out);

	s.K = K;
	s.d = cp_alloc(sizeof(double) * K);
	s.pre = cp_alloc(sizeof(Sums) * K);
	if (!s.d || !s.pre)
	{
		Release(s.d);
		Release(s.pre);
		return CP_NOMEM;
	}
	{
		Sums		acc = {0, 0, 0, 0, 0, 0};
		double		yy = 0;
		int			k = -1;

		for (int i = 0; i < n; i++)
		{
			double		x = pts[i].x - xm;
			double		y = pts[i].y - ym;

			if (i == 0 || pts[i].x != pts[i - 1].x)
				s.d[++k] = x;
			acc.n += 1;
			acc.x += x;
			acc.y += y;
			acc.xx += x * x;
			acc.xy += x * y;
			acc.yy += y * y;
			yy += y * y;
			if (i == n - 1 || pts[i + 1].x != pts[i].x)
				s.pre[k] = acc;
		}
		s.tot = acc;
		s.yy = yy;
	}
	if (model == CP_5P)
		SearchFive(&s, &cp[0], &cp[1]);
	else
		SearchOne(&s, model, &cp[0]);
	cp[0] += xm;
	cp[1] += xm;
	/*
	 * Rounding of the centring must not leave the data range, nor move an
	 * optimum that sits on a data x (an interval end) off it: such a point
	 * then counts as on the change point (its derivative is 0).
	 */
	for (int j = 0; j < 2; j++)
	{
		double		tol = 64 * DBL_EPSILON * (fabs(xm) + pts[n - 1].x - pts[0].x);
		int			lo = 0,
					hi = n - 1;

		cp[j] = fmin(fmax(cp[j], pts[0].x), pts[n - 1].x);
		while (hi - lo > 1)
		{
			int			mid = (lo + hi) / 2;

			if (pts[mid].x <= cp[j])
				lo = mid;
			else
				hi = mid;
		}
		if (fabs(cp[j] - pts[lo].x) <= tol)
			cp[j] = pts[lo].x;
		else if (fabs(cp[j] - pts[hi].x) <= tol)
			cp[j] = pts[hi].x;
	}
	if (cp[1] < cp[0])
		cp[1] = cp[0];
	Release(s.d);
	Release(s.pre);
	st = FitAt(pts, n, model, cp, out);
	out->distinct_x = K;
	return st;
}

/* Fits every model and picks one (see changepoint.h) */
CpStatus
cp_fit_auto(const CpPoint *pts, int n, CpFit *out,
			CpFit cands[CP_NMODELS], CpStatus status[CP_NMODELS])
{
	CpFit		f[CP_NMODELS];
	CpStatus	st[CP_NMODELS];
	int			pick = -1;

	for (int m = 0; m < CP_NMODELS; m++)
	{
		st[m] = cp_fit_model(pts, n, (CpModel) m, &f[m]);
		if (st[m] == CP_NOMEM)
			return CP_NOMEM;
		if (st[m] == CP_OK && f[m].significant &&
			(pick < 0 || f[m].rmse < f[pick].rmse))
			pick = m;
	}
	if (cands)
		memcpy(cands, f, sizeof(f));
	if (status)
		memcpy(status, st, sizeof(st));
	if (pick < 0)
		pick = CP_2P;
	*out = f[pick];
	return st[pick];
}

/* ------------------------------------------------------------------ */
/* Savings uncertainty                                                  */
/* ------------------------------------------------------------------ */

/* Continued fraction of the incomplete beta function (Lentz) */
static double
BetaCf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		c = 1,
				d = 1 - (a + b) * x / (a + 1),
				h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (int m = 1; m <= 500; m++)
	{
		double		aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		double		del;

		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

/* Regularised incomplete beta I_x(a, b) */
static double
BetaInc(double a, double b, double x)
{
	double		bt;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return bt * BetaCf(a, b, x) / a;
	return 1 - bt * BetaCf(b, a, 1 - x) / b;
}

/* Two-sided Student t quantile */
double
cp_student_t(double confidence, double df)
{
	double		lo = 0,
				hi = 1;

	if (!(confidence > 0 && confidence < 1) || !(df > 0))
		return NAN;
	/* P(|T| > t) = I_{df/(df+t^2)}(df/2, 1/2) */
	while (BetaInc(df / 2, 0.5, df / (df + hi * hi)) > 1 - confidence)
		hi *= 2;
	for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
	{
		double		mid = (lo + hi) / 2;

		if (BetaInc(df / 2, 0.5, df / (df + mid * mid)) > 1 - confidence)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* Fractional savings uncertainty, ASHRAE 14 Annex B (B-14) */
double
cp_fsu(double cv, int n, int p, double rho, int m, double savings_fraction,
	   double confidence)
{
	double		t,
				ne = n;

	if (n <= p || m < 1 || savings_fraction == 0 || !(rho < 1))
		return NAN;
	if (rho > 0)
		ne = n * (1 - rho) / (1 + rho);
	t = cp_student_t(confidence, n - p);
	return t * 1.26 * cv * sqrt((n / ne) * (1.0 + 2.0 / ne) / m) / savings_fraction;
}
