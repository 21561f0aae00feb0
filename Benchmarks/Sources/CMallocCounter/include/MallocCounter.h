#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H

#include <stdint.h>

/// Starts counting heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign).
void malloc_counter_start(void);
/// Stops counting and returns the number of allocations since the last start.
uint64_t malloc_counter_stop(void);

#endif
