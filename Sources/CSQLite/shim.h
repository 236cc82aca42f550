#include <sqlite3.h>

// sqlite3_config and sqlite3_db_config are variadic, which Swift cannot call: one wrapper per use.

/// Turns SQLite's memory statistics off before it initialises: they take a global mutex on every
/// allocation. Must run before the first connection opens; returns SQLITE_MISUSE after.
static inline int ardoise_sqlite_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/// A reader connection must never checkpoint, not even when it closes last (Debian's SQLite 3.40
/// WAL-reset race: only the writer connection may write or checkpoint the file).
static inline int ardoise_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
