/*
 * sankey.c
 *		thermaliq.sankey(): the heat balance as flows through one node named
 *		after the facility (the links are PlantSankeyLinks in balance.c;
 *		sankey_svg draws the same links, svg.c).
 *
 * Each input row is a link input -> facility; each output and loss row a
 * link facility -> stream; the unaccounted rest is facility ->
 * "unaccounted" when positive and "unaccounted" -> facility (an apparent
 * extra input) when negative. So the facility node balances exactly:
 * sum(links into it) = sum(links out of it).
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "plant/plant.h"
#include "plant/shard.h"

PG_FUNCTION_INFO_V1(sankey);

/* sankey(p_facility, p_from, p_to, p_readings) */
Datum
sankey(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	Datum		routed;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantBalance b;
	PlantLink  *links;
	int			n,
				i;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (PlantShardRoute(fcinfo, "sankey", 3, &routed))
		return (Datum) 0;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PlantComputeBalance(readings, facility, from, to, &b);
	n = PlantSankeyLinks(&b, &links);
	for (i = 0; i < n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {0};

		values[0] = CStringGetTextDatum(links[i].source);
		values[1] = CStringGetTextDatum(links[i].target);
		values[2] = Float8GetDatum(links[i].kwh);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}
