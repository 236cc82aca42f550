import ArdoiseProtocol
import ArdoiseSQLite

/// Who sees what of the follow-up (D6, D14; README "Who may do what"): the manager everything; a
/// coordinator, a referent or a centre's staff the lots they may follow (`LotAction.follow`) and every
/// corrector's lines there; an examiner their own lines only, wherever they graded ("a corrector sees
/// their own"), never another examiner's and never an épreuve's or a centre's figures they do not follow.
struct FollowUpScope {
    /// The reader when a person; nil for the manager.
    let person: String?
    /// Their grants; nil for the manager.
    let grants: [Grant]?

    init(_ actor: Actor, db: Database) throws {
        switch actor {
        case .manager:
            person = nil
            grants = nil
        case .person(let id):
            person = id
            grants = try AccessGrants(db: db).of(id)
        }
    }

    /// Whether the reader follows `lot`: its progress, its statistics and every corrector's lines there.
    func follows(_ lot: LotSummary) -> Bool {
        guard let grants else { return true }
        return grants.contains { $0.allows(.follow, epreuve: lot.epreuve, centre: lot.centre) }
    }

    /// Whether the lines of `examiner` may count `lot`: a followed lot, or the reader's own work.
    func shows(_ examiner: String, in lot: LotSummary) -> Bool {
        examiner == person || follows(lot)
    }

    /// Refuses with 403 naming the rule, before anything is read, a reader who may see nothing of what
    /// they asked: another examiner's statistics without following anything of theirs' épreuve, or an
    /// épreuve they neither follow nor examine. `lots` are every lot of the épreuve asked (or all).
    func require(epreuve: String?, examiner: String?, lots: [LotSummary]) throws {
        guard let person, let grants else { return }
        let followsAny = lots.contains(where: follows)
        let examines = grants.contains {
            if case .examiner(let code, _) = $0 { return epreuve == nil || code == epreuve }
            return false
        }
        let what = epreuve.map { "the follow-up of \($0)" } ?? "the follow-up"
        if let examiner, examiner != person, !followsAny {
            throw ServerError.forbidden("\(person) may not see the statistics of \(examiner): a corrector sees their own; "
                + "only a coordinator of the épreuve, its referent or the centre's staff see others' (D14, D6)")
        }
        if !followsAny && !examines {
            throw ServerError.forbidden("\(person) may not see \(what): only a coordinator of the épreuve, its referent, "
                + "the centre's staff, or one of its examiners for their own statistics may (D14, D6)")
        }
    }
}
