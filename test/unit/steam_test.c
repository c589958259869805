/*
 * steam_test.c
 *		Unit tests of src/math/steam.c (outputs from primary measurements)
 *		and src/math/shell.c (casing loss by load and from the surface).
 *		Water and steam numbers are python3-iapws (IAPWS97 class), printed
 *		to 17 digits by:
 *		  /usr/bin/python3 -c "from iapws import IAPWS97; s = IAPWS97(P=1.0, T=523.15); print(repr(s.h), repr(s.s))"
 *		and likewise for each state quoted below.
 */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "math/shell.h"
#include "math/steam.h"

int
main(void)
{
	TqWaterState out,
				in,
				sat;
	TqMathError err;
	double		q,
				ex,
				v;

	/*
	 * Acceptance (issue 14): a steam boiler metered by flow, 1.0 MPa,
	 * 250 degC, feedwater 105 degC (compressed liquid at 1.0 MPa).
	 * iapws: h = 2943.2221652336634, s = 6.926622739684809;
	 *        feed h = 440.8632707499173, s = 1.362452123472374.
	 */
	ok(tq_steam_state(1.0, 523.15, &out, &err) == TQ_MATH_OK, "steam 1.0 MPa 250 degC");
	is_rel(out.h, 2943.2221652336634, 1e-9, "h steam vs iapws to 1e-9");
	is_rel(out.s, 6.926622739684809, 1e-9, "s steam vs iapws to 1e-9");
	ok(tq_liquid_state(1.0, 378.15, &in, &err) == TQ_MATH_OK, "feedwater 105 degC at 1.0 MPa");
	is_rel(in.h, 440.8632707499173, 1e-9, "h feedwater vs iapws to 1e-9");
	is_rel(in.s, 1.362452123472374, 1e-9, "s feedwater vs iapws to 1e-9");
	/*
	 * 10 t/h: q = 10000 (2943.22217 - 440.86327) / 3600 = 6950.99693 kW;
	 * exergy at T0 = 288.15 K: 10000 (2502.35889 - 288.15 x 5.56417062) /
	 * 3600 = 2497.34203 kW (both by hand from the iapws numbers).
	 */
	ok(tq_flow_heat_kw(10000, &out, &in, 288.15, &q, &ex, &err) == TQ_MATH_OK, "flow heat");
	is_rel(q, 6950.9969291215175, 1e-9, "useful heat 6950.997 kW");
	is_rel(ex, 2497.342031728148, 1e-9, "exergy 2497.342 kW (35.9 %% of the heat)");

	/* no temperature metered: saturated vapour (iapws P=1.0, x=1: 2777.1195376846617, 6.58497899635217) */
	ok(tq_steam_state(1.0, NAN, &sat, &err) == TQ_MATH_OK, "saturated steam 1.0 MPa");
	is_rel(sat.h, 2777.1195376846617, 1e-9, "h'' at 1.0 MPa vs iapws");
	is_rel(sat.s, 6.58497899635217, 1e-9, "s'' at 1.0 MPa vs iapws");
	/* a sensor 0.3 K below Tsat (179.88 degC) still reads as saturated steam */
	ok(tq_steam_state(1.0, 453.03 - 0.3, &out, &err) == TQ_MATH_OK && fabs(out.h - sat.h) < 1e-9,
	   "0.3 K below saturation: saturated vapour");
	/* hot water 80/60 degC, no pressure: saturated liquid (iapws T, x=0) */
	ok(tq_liquid_state(NAN, 353.15, &out, &err) == TQ_MATH_OK, "supply 80 degC");
	is_rel(out.h, 334.948695143379, 1e-9, "h' 80 degC vs iapws");
	ok(tq_liquid_state(NAN, 333.15, &in, &err) == TQ_MATH_OK, "return 60 degC");
	is_rel(in.s, 0.8312162521465449, 1e-9, "s' 60 degC vs iapws");
	/* with a pressure: compressed liquid 1.0 MPa 80 degC (iapws 335.70681962880747) */
	ok(tq_liquid_state(1.0, 353.15, &out, &err) == TQ_MATH_OK, "80 degC at 1.0 MPa");
	is_rel(out.h, 335.70681962880747, 1e-9, "h(1 MPa, 80 degC) vs iapws");
	/* a pressure below psat (0.04 MPa at 80 degC): saturated liquid */
	ok(tq_liquid_state(0.04, 353.15, &out, &err) == TQ_MATH_OK && fabs(out.h - 334.948695143379) < 1e-6,
	   "pressure below psat: saturated liquid");
	/* blowdown: saturated liquid at 1.0 MPa (iapws P=1.0, x=0: 762.6828443354106, 2.138431350899127) */
	ok(tq_drum_water_state(1.0, &out, &err) == TQ_MATH_OK, "drum water");
	is_rel(out.h, 762.6828443354106, 1e-9, "h' at 1.0 MPa vs iapws");
	is_rel(out.s, 2.138431350899127, 1e-9, "s' at 1.0 MPa vs iapws");
	ok(tq_drum_water_state(30, &out, &err) == TQ_MATH_RANGE, "drum above critical: range");

	/* errors */
	ok(tq_steam_state(1.0, 400.0, &out, &err) == TQ_MATH_RANGE, "steam colder than saturation: range (%s | %s)", err.message, err.detail);
	ok(tq_steam_state(25.0, NAN, &out, &err) == TQ_MATH_RANGE, "supercritical pressure: range");
	ok(tq_steam_state(0, NAN, &out, &err) == TQ_MATH_RANGE, "0 MPa: range");
	ok(tq_steam_state(NAN, NAN, &out, &err) == TQ_MATH_RANGE, "NaN pressure: range");
	ok(tq_liquid_state(NAN, 260.0, &out, &err) == TQ_MATH_RANGE, "ice: range");
	ok(tq_flow_heat_kw(1000, &out, &in, 0, &q, &ex, &err) == TQ_MATH_RANGE, "T0 0 K: range");
	ok(tq_flow_heat_kw(NAN, &out, &in, 288, &q, &ex, &err) == TQ_MATH_RANGE, "NaN flow: range");

	/*
	 * Casing loss. By load (ABMA): 1 % at 2000 kW rated, 500 kW actual:
	 * 1 x 2000 / 500 = 4 %; at rated load the rated loss.
	 */
	ok(tq_radiation_by_load_pct(1.0, 2000, 500, &v, &err) == TQ_MATH_OK && v == 4.0, "ABMA 25 %% load: 4 %%");
	ok(tq_radiation_by_load_pct(1.0, 2000, 2000, &v, &err) == TQ_MATH_OK && v == 1.0, "ABMA rated load: 1 %%");
	ok(tq_radiation_by_load_pct(0.5, 2000, 4000, &v, &err) == TQ_MATH_OK && v == 0.25, "ABMA 200 %% load: 0.25 %%");
	ok(tq_radiation_by_load_pct(1.0, 2000, 0, &v, &err) == TQ_MATH_RANGE, "zero load: range");
	ok(tq_radiation_by_load_pct(25, 2000, 100, &v, &err) == TQ_MATH_RANGE, "rated loss 25 %%: range");
	/*
	 * Surface: 50 m2 at 60 degC in 20 degC air, emissivity 0.9:
	 * convection 1.31 x 40^(4/3) = 179.20548 W/m2, radiation 0.9 x
	 * 5.670374419e-8 x (333.15^4 - 293.15^4) = 251.76733 W/m2, total
	 * 50 x 430.97281 / 1000 = 21.548640 kW.
	 */
	ok(tq_surface_loss_kw(50, 60, 20, 0.9, &v, &err) == TQ_MATH_OK, "surface loss");
	is_rel(v, 21.54864024488534, 1e-12, "surface 50 m2 at 60 degC: 21.5486 kW");
	ok(tq_surface_loss_kw(50, 15, 20, 0.9, &v, &err) == TQ_MATH_OK && v == 0, "surface colder than air: 0");
	ok(tq_surface_loss_kw(-1, 60, 20, 0.9, &v, &err) == TQ_MATH_RANGE, "negative area: range");
	ok(tq_surface_loss_kw(50, 60, 20, 1.5, &v, &err) == TQ_MATH_RANGE, "emissivity 1.5: range");
	ok(tq_surface_loss_kw(50, 900, 20, 0.9, &v, &err) == TQ_MATH_RANGE, "surface 900 degC: range");

	return done_testing();
}
