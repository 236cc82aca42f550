import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport
import Foundation

/// Central actions on lots (D13): each recorded with who, when and why, and pulled by nodes.
public struct LotActions: Sendable {
    let store: CentralStore
    let clock: CentralClock

    public func unlock(lot id: String, by coordinator: String, why: String) throws -> String {
        let why = why.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServerError.badRequest("an unlock needs a reason (--why)") }
        return try store.write { db in
            try Coordinators(db: db).require(coordinator)
            let sheets = CentralSheets(db: db)
            guard let lot = try sheets.lot(id) else { throw ServerError.notFound("unknown lot \(id)") }
            guard lot.status == .locked else { throw ServerError.conflict("lot \(id) is not locked") }
            try sheets.setStatus(of: lot, .open, by: coordinator, hlc: clock.tick())
            try AuditLog(db: db, clock: clock.wall, key: store.auditKey).append(actor: coordinator, action: "unlock", detail: "lot \(id): \(why)")
            return "lot \(id) unlocked by \(coordinator)"
        }
    }
}
