// SQLite 3 (libsqlite3-dev). Used directly rather than through GRDB: the cache and outbox need a handful of
// prepared statements, and GRDB would pull all of Foundation into the daemon (about 12 MB more RSS).
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call.
// Memory statistics off: Debian's SQLite is built without lookaside memory, so every text column a statement reads
// is a malloc and a free, and with statistics on each of those also takes a global mutex (see SQLiteConnection).
static inline int CSQLite_config_memstatus(int enabled) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, enabled);
}
