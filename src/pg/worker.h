/*
 * worker.h
 *		The background workers of the calculation queue (worker.c).
 */
#ifndef TQ_WORKER_H
#define TQ_WORKER_H

extern void worker_define_gucs(void);

#endif
