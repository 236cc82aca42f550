/// The central database, migration by migration (`PRAGMA user_version`). Never edit a shipped step:
/// add one.
enum CentralSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE centres (code TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE epreuves (code TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE examiners (id TEXT PRIMARY KEY, name TEXT NOT NULL, centre TEXT NOT NULL REFERENCES centres(code));
        CREATE TABLE coordinators (id TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE groups (id TEXT PRIMARY KEY, epreuve TEXT NOT NULL REFERENCES epreuves(code),
                             centre TEXT NOT NULL REFERENCES centres(code));
        CREATE TABLE group_members (group_id TEXT NOT NULL REFERENCES groups(id), examiner TEXT NOT NULL REFERENCES examiners(id),
                                    PRIMARY KEY (group_id, examiner));
        CREATE TABLE candidates (number TEXT PRIMARY KEY, centre TEXT NOT NULL REFERENCES centres(code), epreuves TEXT NOT NULL);
        CREATE TABLE lots (id TEXT PRIMARY KEY, epreuve TEXT NOT NULL REFERENCES epreuves(code),
                           centre TEXT NOT NULL REFERENCES centres(code), group_id TEXT NOT NULL REFERENCES groups(id),
                           status TEXT NOT NULL DEFAULT 'open', rev INTEGER NOT NULL DEFAULT 0,
                           changed_by TEXT, changed_at TEXT);
        CREATE TABLE lot_candidates (epreuve TEXT NOT NULL, candidate TEXT NOT NULL REFERENCES candidates(number),
                                     lot TEXT NOT NULL REFERENCES lots(id), PRIMARY KEY (epreuve, candidate));
        CREATE INDEX lot_candidates_by_lot ON lot_candidates(lot);

        -- Sheets, field by field: the value in force and who wrote it when.
        CREATE TABLE fields (epreuve TEXT NOT NULL, candidate TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                             rev INTEGER NOT NULL, hlc TEXT NOT NULL, node TEXT NOT NULL, author TEXT NOT NULL,
                             PRIMARY KEY (epreuve, candidate, field));

        -- The conflict-resolution report: true conflicts and rejected operations, never deleted.
        CREATE TABLE conflicts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, epreuve TEXT NOT NULL, centre TEXT NOT NULL,
                                lot TEXT NOT NULL, candidate TEXT, field TEXT NOT NULL, status TEXT NOT NULL,
                                body TEXT NOT NULL);
        CREATE INDEX conflicts_by_sheet ON conflicts(epreuve, candidate, status);

        -- Nodes and their exactly-once high-water mark.
        CREATE TABLE nodes (id TEXT PRIMARY KEY, centre TEXT NOT NULL REFERENCES centres(code), label TEXT NOT NULL,
                            token_hash TEXT NOT NULL UNIQUE, hwm INTEGER NOT NULL DEFAULT 0,
                            enrolled_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE enrol_codes (code_hash TEXT PRIMARY KEY, centre TEXT NOT NULL REFERENCES centres(code),
                                  expires_at REAL NOT NULL, used_by TEXT);

        -- Every operation received, once, with what the merge made of it.
        CREATE TABLE operations (node TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, outcome TEXT NOT NULL,
                                 detail TEXT, PRIMARY KEY (node, seq));

        -- What nodes pull: one row per central change, by revision.
        -- Columns, not JSON: encoding a document per field was most of the cost of a merge.
        CREATE TABLE changes (rev INTEGER PRIMARY KEY AUTOINCREMENT, centre TEXT NOT NULL, kind TEXT NOT NULL,
                              epreuve TEXT NOT NULL, lot TEXT, candidate TEXT, field TEXT, value TEXT, author TEXT,
                              hlc TEXT, conflict INTEGER REFERENCES conflicts(id));
        CREATE INDEX changes_by_centre ON changes(centre, rev);

        -- Central decisions, appended only.
        CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                            detail TEXT NOT NULL);
        """,
        // Issue 3: the audit log is a hash chain, and SQL refuses to change or delete an entry.
        """
        ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
        // Issue 3: examiners' verifiers (PBKDF2), pulled by the nodes of their centre.
        """
        CREATE TABLE credentials (examiner TEXT PRIMARY KEY REFERENCES examiners(id), salt TEXT NOT NULL,
                                  iterations INTEGER NOT NULL, hash TEXT NOT NULL, issued_at TEXT NOT NULL);
        """,
        // Issue 6: the reference tables take the shape both sides share (ReferenceSchema): groups are
        // exam_groups as on the node, and a lot's candidates keep their roll-call order.
        """
        ALTER TABLE groups RENAME TO exam_groups;
        ALTER TABLE lot_candidates ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX lot_candidates_by_lot_position ON lot_candidates(lot, position);
        """,
        // Issue 7: a level belongs to a subject (`level.SUBJECT.COMPETENCY`, D11): levels stored before
        // are named with their sheet's subject, in the sheets and in the feed nodes pull.
        """
        UPDATE fields SET field = 'level.' || (SELECT s.value FROM fields s WHERE s.epreuve = fields.epreuve
                AND s.candidate = fields.candidate AND s.field = 'subject') || '.' || substr(field, 7)
            WHERE field LIKE 'level.%' AND instr(substr(field, 7), '.') = 0 AND EXISTS (SELECT 1 FROM fields s
                WHERE s.epreuve = fields.epreuve AND s.candidate = fields.candidate AND s.field = 'subject');
        UPDATE changes SET field = 'level.' || (SELECT s.value FROM fields s WHERE s.epreuve = changes.epreuve
                AND s.candidate = changes.candidate AND s.field = 'subject') || '.' || substr(field, 7)
            WHERE kind = 'field' AND field LIKE 'level.%' AND instr(substr(field, 7), '.') = 0 AND EXISTS (SELECT 1
                FROM fields s WHERE s.epreuve = changes.epreuve AND s.candidate = changes.candidate AND s.field = 'subject');
        """,
        // Issue 7: moving a graded candidate is a reassignment (D13), kept with who, when and why; an
        // operation made on the former lot is then applied where the sheet is now.
        """
        CREATE TABLE reassignments (id INTEGER PRIMARY KEY, epreuve TEXT NOT NULL, candidate TEXT NOT NULL,
                                    from_lot TEXT NOT NULL, to_lot TEXT NOT NULL, by TEXT NOT NULL, why TEXT NOT NULL,
                                    at TEXT NOT NULL);
        CREATE INDEX reassignments_by_sheet ON reassignments(epreuve, candidate);
        """,
        // Issue 8: the database's identity, which every backup copy renews, so that nodes notice a
        // server restored from a backup and send again what it no longer holds.
        """
        INSERT OR IGNORE INTO meta(key, value) VALUES ('epoch', lower(hex(randomblob(16))));
        """,
        // Issue 8 item 10: the changes nodes pull are a hash chain, and each audit entry records its head,
        // so that a grade changed behind the server's back, or a truncated log, is found by `check`.
        """
        ALTER TABLE changes ADD COLUMN hash TEXT;
        ALTER TABLE audit ADD COLUMN changes_rev INTEGER;
        ALTER TABLE audit ADD COLUMN changes_hash TEXT;
        """,
        // Issue 8: every operation carries proof made from its examiner's secret. The server keeps the
        // proof key (never sent to nodes) and the salt nodes derive it with. A credential issued before
        // has neither: its examiner's operations are rejected until a new secret is issued.
        """
        ALTER TABLE credentials ADD COLUMN proof_salt TEXT;
        ALTER TABLE credentials ADD COLUMN proof_key TEXT;
        """,
        // Issue 9: registrations as the registration system exports them (school and division stay here:
        // no node pulls these tables, D9), the académie's staff (D4), and the missions generated from
        // registrations (D1). A registration row is a candidate's épreuve; its centres are its assignment.
        """
        CREATE TABLE registration_centres (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
        CREATE TABLE registration_epreuves (code TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL,
                                            speciality TEXT NOT NULL, assignment_finished INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE epreuve_parts (epreuve TEXT NOT NULL REFERENCES registration_epreuves(code), code TEXT NOT NULL,
                                    label TEXT NOT NULL, discipline TEXT NOT NULL, PRIMARY KEY (epreuve, code));
        CREATE TABLE registered_candidates (number TEXT PRIMARY KEY, school TEXT NOT NULL REFERENCES registration_centres(code),
                                            division TEXT NOT NULL, fraud INTEGER NOT NULL);
        CREATE TABLE registrations (candidate TEXT NOT NULL REFERENCES registered_candidates(number),
                                    epreuve TEXT NOT NULL REFERENCES registration_epreuves(code),
                                    exam_centre TEXT REFERENCES registration_centres(code),
                                    scan_centre TEXT REFERENCES registration_centres(code), PRIMARY KEY (candidate, epreuve));
        CREATE INDEX registrations_by_epreuve ON registrations(epreuve, exam_centre);
        CREATE TABLE staff (id TEXT PRIMARY KEY, last_name TEXT NOT NULL, first_name TEXT NOT NULL, school TEXT NOT NULL,
                            discipline TEXT NOT NULL, email TEXT NOT NULL, name_key TEXT NOT NULL, discipline_key TEXT NOT NULL,
                            source TEXT NOT NULL);
        CREATE INDEX staff_by_school ON staff(school, discipline_key);
        CREATE TABLE missions (id TEXT PRIMARY KEY, type TEXT NOT NULL, epreuve TEXT, part TEXT, centre TEXT NOT NULL,
                               created_at TEXT NOT NULL);
        """,
        // Issue 9 item 4: convocations (D3), one row per person on a mission, with the heads' signatures by
        // school and the dates and text a mission keeps for its next convocations.
        """
        CREATE TABLE signatures (school TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT NULL, set_by TEXT NOT NULL,
                                 set_at TEXT NOT NULL);
        CREATE TABLE mission_defaults (mission TEXT PRIMARY KEY REFERENCES missions(id), dates TEXT NOT NULL,
                                       observation TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL);
        CREATE TABLE convocations (id INTEGER PRIMARY KEY, mission TEXT NOT NULL REFERENCES missions(id),
                                   staff TEXT NOT NULL REFERENCES staff(id), qualite TEXT, dates TEXT NOT NULL,
                                   observation TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT,
                                   UNIQUE (mission, staff));
        CREATE INDEX convocations_by_staff ON convocations(staff);
        """,
        // Issue 9 item 8: services faits entered by hand (D18), apart from the ones derived from the
        // correction data, which are computed anew on each read and so never touch these. The mission,
        // person and qualité are copied so that an entry outlives its convocation.
        """
        CREATE TABLE service_entries (id INTEGER PRIMARY KEY, convocation INTEGER NOT NULL, mission TEXT NOT NULL,
                                      staff TEXT NOT NULL, qualite TEXT, quantity INTEGER NOT NULL, unit TEXT NOT NULL,
                                      note TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX service_entries_by_mission ON service_entries(mission);
        """,
        // Issue 9 item 6: people sign in as themselves. A personal secret's PBKDF2 verifier by person, and
        // the sessions a sign-in opens, by the hash of their token (the token itself is never kept).
        """
        CREATE TABLE person_secrets (person TEXT PRIMARY KEY, salt TEXT NOT NULL, iterations INTEGER NOT NULL,
                                     hash TEXT NOT NULL, issued_at TEXT NOT NULL);
        CREATE TABLE person_sessions (token_hash TEXT PRIMARY KEY, person TEXT NOT NULL, created_at TEXT NOT NULL,
                                      expires REAL NOT NULL);
        CREATE INDEX person_sessions_by_person ON person_sessions(person);
        """,
        // Issue 9 item 7: the convocation is the access right (D6). A session file's coordinator keeps the
        // épreuves the file gives them (NULL: all of the file's); the manager names the staff who act for an
        // exam centre (the "centre épreuve" of seed 002: lock, unlock and follow its lots).
        """
        ALTER TABLE coordinators ADD COLUMN epreuves TEXT;
        CREATE TABLE centre_staff (centre TEXT NOT NULL, staff TEXT NOT NULL REFERENCES staff(id), named_by TEXT NOT NULL,
                                   named_at TEXT NOT NULL, PRIMARY KEY (centre, staff));
        CREATE INDEX centre_staff_by_staff ON centre_staff(staff);
        """,
        // Issue 10 item 5: harmonisation (D15, D16). An épreuve's parameters, set by the manager; every
        // harmonised grade with its raw grade, the grade before and after, who, when and why, appended only.
        // Grades are in hundredths of a point, so that no sum or comparison meets a binary fraction.
        """
        CREATE TABLE epreuve_settings (epreuve TEXT PRIMARY KEY, edit_by_coordinator INTEGER NOT NULL DEFAULT 0,
                                       harmonise_in_mass INTEGER NOT NULL DEFAULT 0, set_by TEXT NOT NULL, set_at TEXT NOT NULL);
        CREATE TABLE harmonisations (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, kind TEXT NOT NULL, epreuve TEXT NOT NULL,
                                     candidate TEXT NOT NULL, lot TEXT NOT NULL, raw INTEGER NOT NULL, before INTEGER NOT NULL,
                                     after INTEGER NOT NULL, rule TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL, why TEXT NOT NULL);
        CREATE INDEX harmonisations_by_sheet ON harmonisations(epreuve, candidate);
        CREATE TRIGGER harmonisations_append_only_update BEFORE UPDATE ON harmonisations
            BEGIN SELECT RAISE(ABORT, 'harmonisations are append-only'); END;
        CREATE TRIGGER harmonisations_append_only_delete BEFORE DELETE ON harmonisations
            BEGIN SELECT RAISE(ABORT, 'harmonisations are append-only'); END;
        """,
        // Issue 10 item 6: validation (D17, D18). Each validation with what it sent; the registration side's
        // grades as it holds them (`transmis` by validation, `saisie` by hand there); the services faits the
        // missions side received, replaced mission by mission at each validation.
        """
        CREATE TABLE validations (id INTEGER PRIMARY KEY, epreuve TEXT NOT NULL, centre TEXT, kind TEXT NOT NULL, candidates INTEGER NOT NULL,
                                  sent INTEGER NOT NULL, held INTEGER NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE sent_grades (validation INTEGER NOT NULL REFERENCES validations(id), candidate TEXT NOT NULL,
                                  epreuve TEXT NOT NULL, value TEXT NOT NULL, outcome TEXT NOT NULL,
                                  PRIMARY KEY (validation, candidate));
        CREATE TABLE registration_grades (candidate TEXT NOT NULL, epreuve TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL,
                                          validation INTEGER, by TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (candidate, epreuve));
        CREATE TABLE transmitted_services (mission TEXT NOT NULL, convocation INTEGER NOT NULL, staff TEXT NOT NULL,
                                           days INTEGER NOT NULL, candidates INTEGER, copies INTEGER,
                                           validation INTEGER NOT NULL REFERENCES validations(id), at TEXT NOT NULL,
                                           PRIMARY KEY (mission, convocation));
        """,
        // Issue 10 item 7: closure (D20). An épreuve closed at an exam centre, until a lot there is unlocked.
        """
        CREATE TABLE closures (id INTEGER PRIMARY KEY, epreuve TEXT NOT NULL, centre TEXT NOT NULL, validation INTEGER NOT NULL,
                               by TEXT NOT NULL, at TEXT NOT NULL, reopened_by TEXT, reopened_at TEXT, reopened_why TEXT);
        CREATE INDEX closures_by_epreuve ON closures(epreuve, centre);
        """,
        // Issue 10 item 1: a subject's barème is validated before distribution (D10); defining it again
        // (while no grade depends on it, D11) takes the validation away.
        """
        CREATE TABLE bareme_validations (epreuve TEXT NOT NULL, subject TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
                                         PRIMARY KEY (epreuve, subject));
        """,
    ]
}
