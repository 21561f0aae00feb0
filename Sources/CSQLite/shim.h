// SQLite 3 (libsqlite3-dev). Used directly rather than through GRDB: the cache and outbox need a handful of
// prepared statements, and GRDB would pull all of Foundation into the daemon (about 12 MB more RSS).
#include <sqlite3.h>
