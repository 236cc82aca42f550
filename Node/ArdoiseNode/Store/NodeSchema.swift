/// The node's local schema (ARCHITECTURE "The node"): enrolment and sync state, the reference data
/// pulled for the day, the server state pulled back, and the outbox of operations.
/// Scripts are applied once each, in order, by `Database.migrate`; never edit one that has shipped.
enum NodeSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE config(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

        -- Reference data: replaced as a whole when the server's reference version moves.
        CREATE TABLE epreuves(code TEXT PRIMARY KEY, json TEXT NOT NULL) STRICT;
        CREATE TABLE examiners(id TEXT PRIMARY KEY, centre TEXT NOT NULL) STRICT;
        CREATE TABLE exam_groups(id TEXT PRIMARY KEY, epreuve TEXT NOT NULL, centre TEXT NOT NULL) STRICT;
        CREATE TABLE group_members(group_id TEXT NOT NULL, examiner TEXT NOT NULL,
                                   PRIMARY KEY(group_id, examiner)) STRICT;
        CREATE TABLE candidates(number TEXT PRIMARY KEY, centre TEXT NOT NULL) STRICT;
        CREATE TABLE lots(id TEXT PRIMARY KEY, epreuve TEXT NOT NULL, centre TEXT NOT NULL,
                          group_id TEXT NOT NULL) STRICT;
        CREATE TABLE lot_candidates(lot TEXT NOT NULL, candidate TEXT NOT NULL, epreuve TEXT NOT NULL,
                                    position INTEGER NOT NULL, PRIMARY KEY(lot, candidate)) STRICT;
        CREATE INDEX lot_candidates_by_candidate ON lot_candidates(epreuve, candidate);

        -- Server state as last pulled (the cursor in config says how far).
        CREATE TABLE srv_fields(epreuve TEXT NOT NULL, candidate TEXT NOT NULL, field TEXT NOT NULL,
                                value TEXT, rev INTEGER NOT NULL, author TEXT, hlc TEXT,
                                PRIMARY KEY(epreuve, candidate, field)) STRICT;
        CREATE TABLE srv_lots(lot TEXT PRIMARY KEY, status TEXT NOT NULL, rev INTEGER NOT NULL) STRICT;
        CREATE TABLE srv_conflicts(id INTEGER PRIMARY KEY, epreuve TEXT NOT NULL, candidate TEXT,
                                   lot TEXT NOT NULL, field TEXT NOT NULL, kind TEXT NOT NULL,
                                   status TEXT NOT NULL, json TEXT NOT NULL) STRICT;
        CREATE INDEX srv_conflicts_by_sheet ON srv_conflicts(epreuve, candidate);

        -- Operations in sequence order; acked_rev is the push revision once the server acknowledged it.
        -- The entity columns repeat the body so that the overlay is a plain query.
        CREATE TABLE outbox(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, epreuve TEXT NOT NULL,
                            lot TEXT NOT NULL, candidate TEXT, body TEXT NOT NULL,
                            acked_rev INTEGER) STRICT;
        CREATE INDEX outbox_by_sheet ON outbox(epreuve, candidate);
        """,
        """
        -- Acknowledged operations of an earlier enrolment of this folder (re-enrolment after a revoked
        -- token): kept, never sent again.
        CREATE TABLE outbox_retired(node TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
                                    acked_rev INTEGER, PRIMARY KEY(node, seq)) STRICT;
        """,
        """
        -- Examiners' verifiers (reference data) and wrong-secret counts, for offline checks.
        CREATE TABLE credentials(examiner TEXT PRIMARY KEY, salt TEXT NOT NULL, iterations INTEGER NOT NULL,
                                 hash TEXT NOT NULL) STRICT;
        CREATE TABLE credential_failures(examiner TEXT PRIMARY KEY, failures INTEGER NOT NULL,
                                         last_failure REAL NOT NULL) STRICT;
        """,
        // Issue 6: the reference tables take the shape both sides share (ReferenceSchema): centres,
        // épreuves with label and kind, examiners' names, candidates' épreuves, one lot per épreuve.
        """
        CREATE TABLE centres(code TEXT PRIMARY KEY, name TEXT NOT NULL) STRICT;
        ALTER TABLE epreuves RENAME TO epreuves_before;
        CREATE TABLE epreuves(code TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL) STRICT;
        INSERT INTO epreuves(code, label, kind, body)
            SELECT code, coalesce(json_extract(json, '$.label'), ''), coalesce(json_extract(json, '$.kind'), 'ece'), json
            FROM epreuves_before;
        DROP TABLE epreuves_before;
        ALTER TABLE examiners ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE candidates ADD COLUMN epreuves TEXT NOT NULL DEFAULT '';
        ALTER TABLE lot_candidates RENAME TO lot_candidates_before;
        DROP INDEX IF EXISTS lot_candidates_by_candidate;
        CREATE TABLE lot_candidates(epreuve TEXT NOT NULL, candidate TEXT NOT NULL, lot TEXT NOT NULL,
                                    position INTEGER NOT NULL, PRIMARY KEY(epreuve, candidate)) STRICT;
        INSERT OR REPLACE INTO lot_candidates(epreuve, candidate, lot, position)
            SELECT epreuve, candidate, lot, position FROM lot_candidates_before;
        DROP TABLE lot_candidates_before;
        CREATE INDEX lot_candidates_by_lot ON lot_candidates(lot, position);
        """,
        // Issue 7: a level belongs to a subject (`level.SUBJECT.COMPETENCY`, D11): pulled levels are named
        // with their sheet's subject; operations in the outbox are read through the merge rules.
        """
        UPDATE srv_fields SET field = 'level.' || (SELECT s.value FROM srv_fields s WHERE s.epreuve = srv_fields.epreuve
                AND s.candidate = srv_fields.candidate AND s.field = 'subject') || '.' || substr(field, 7)
            WHERE field LIKE 'level.%' AND instr(substr(field, 7), '.') = 0 AND EXISTS (SELECT 1 FROM srv_fields s
                WHERE s.epreuve = srv_fields.epreuve AND s.candidate = srv_fields.candidate AND s.field = 'subject'
                AND s.value IS NOT NULL);
        """,
        // Issue 8: the salt of the key that signs an examiner's operations (derived from the typed secret at
        // each action, never stored).
        """
        ALTER TABLE credentials ADD COLUMN proof_salt TEXT;
        """,
    ]
}
