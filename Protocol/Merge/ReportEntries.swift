/// The entries of the conflict-resolution report that a merge decision produces, each with both values,
/// the rule applied and the provisional winner. Their id is 0 until the store numbers them.
enum ReportEntries {
    /// Same field, different values, stale base. A field already disputed keeps its one open entry:
    /// the new value joins the competing values, and the entry says which value is now in force.
    static func conflict(_ operation: SyncOperation, field: String, current: FieldState, incomingWins: Bool,
                         centre: String, open existing: ConflictRecord?) -> ConflictRecord {
        let value = operation.values[field] ?? ""
        let kind = FieldMerge.conflictKind(field: field, current.value, value)
        let winner = incomingWins ? operation.node : current.node
        let why = current.hlc != operation.hlc ? "later clock" : "same clock, greater node id"
        let base = operation.base[field] ?? 0
        let challenger = ConflictSide(value: value, author: operation.author, node: operation.node, hlc: operation.hlc,
                                      operation: "\(operation.node)#\(operation.seq)")
        if var record = existing {
            var competing = record.competing ?? [record.server, record.node]
            competing.append(challenger)
            let inForce = incomingWins ? value : current.value
            record.competing = competing
            record.winner = inForce == record.server.value ? "server" : inForce == record.node.value ? "node" : "other"
            record.rule = "\(competing.count) competing values (stale bases): provisional value '\(inForce)' of \(winner) (\(why))"
            return record
        }
        let rule = kind == .attendanceVersusGrade
            ? "attendance \(value) against \(current.value) entered elsewhere (base revision \(base), server at \(current.rev)): "
                + "disputed until resolved; provisional winner \(winner) (\(why))"
            : "stale base (revision \(base), server at \(current.rev)), same field, different value: "
                + "provisional winner \(winner) (\(why))"
        let server = ConflictSide(value: current.value, author: current.author, node: current.node, hlc: current.hlc)
        var record = record(operation, kind: kind, field: field, server: server, rule: rule,
                            winner: incomingWins ? "node" : "server", centre: centre, epreuve: operation.epreuve)
        record.node = challenger
        record.competing = [server, challenger]
        return record
    }

    /// A rejected operation: one entry per field it wanted to change, beside the server's value. The
    /// entries go to the submitting node's centre: another centre never learns of the attempt.
    static func rejection(_ operation: SyncOperation, _ rejection: Rejection, state: MergeState) -> [ConflictRecord] {
        let nobody = ConflictSide(value: nil, author: "server", node: "central", hlc: .zero)
        var rule = "rejected: \(rejection.reason)"
        if rejection.kind == .lotLocked, let lot = state.sheetLot { rule += " (locked centrally at revision \(lot.rev))" }
        if rejection.kind == .movedCandidate {
            // One entry for the whole operation: one resolution applies every value it sets.
            var record = record(operation, kind: .movedCandidate, field: "(operation)", server: nobody,
                                rule: "kept whole: \(rejection.reason); resolve --keep node applies it to the sheet",
                                winner: nil, centre: state.centre,
                                epreuve: state.lot?.epreuve ?? operation.epreuve)
            record.lot = state.currentLot?.id ?? operation.lot
            record.values = operation.values
            record.node.value = operation.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return [record]
        }
        return rejection.values.keys.sorted().map { field in
            let server: ConflictSide
            if operation.kind == .lock {
                server = ConflictSide(value: state.lot?.status.rawValue, author: "server", node: "central", hlc: .zero)
            } else if let current = state.sheet[field] {
                server = ConflictSide(value: current.value, author: current.author, node: current.node, hlc: current.hlc)
            } else {
                server = nobody
            }
            var kept = operation
            kept.values = rejection.values
            return record(kept, kind: rejection.kind, field: field, server: server, rule: rule, winner: nil,
                          centre: state.centre, epreuve: state.lot?.epreuve ?? operation.epreuve)
        }
    }

    private static func record(_ operation: SyncOperation, kind: ConflictKind, field: String, server: ConflictSide,
                               rule: String, winner: String?, centre: String, epreuve: String) -> ConflictRecord {
        let node = ConflictSide(value: operation.values[field], author: operation.author, node: operation.node,
                                hlc: operation.hlc)
        return ConflictRecord(id: 0, kind: kind, epreuve: epreuve, centre: centre, lot: operation.lot,
                              candidate: operation.candidate, field: field, server: server, node: node, rule: rule,
                              winner: winner, status: .open, resolution: nil, operation: "\(operation.node)#\(operation.seq)")
    }
}
