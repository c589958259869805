/*
 * shard.h
 *		Routing of a plant call to the shard that holds its facility
 *		(shard.c; the SQL side is sql/install/86_shards.sql).
 */
#ifndef THERMALIQ_SHARD_H
#define THERMALIQ_SHARD_H

#include "postgres.h"

#include "fmgr.h"

/*
 * When the readings table (argument readings_arg) is sharded, runs the whole
 * call on the facility's shard and returns true; an SRF's rows are then in
 * its materialized result, a scalar's value in *result. Returns false when
 * the call runs here. Errors for a facility on no shard or on another shard.
 */
extern bool PlantShardRoute(FunctionCallInfo fcinfo, const char *fname,
							int readings_arg, Datum *result);

/* Defines thermaliq.coordinator_conninfo */
extern void shard_define_gucs(void);

#endif
