import ArdoiseHTTPServer
import ArdoiseProtocol

/// `/v1/admin/…`: the manager's machine actions that `ardoise-server` commands do through the running
/// server, for the admin token only: the manager sees every lot and conflict here and may lock, unlock and
/// resolve (D13). People do the same as themselves within their rights: `PersonRoutes`.
enum AdminRoutes {
    static func add(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.get("/lots") { _ in try CentralRoutes.ok(try central.progress.summaries()) }
        admin.get("/nodes") { _ in try CentralRoutes.ok(try central.nodes.all()) }
        admin.get("/conflicts") { _ in try CentralRoutes.ok(try central.conflicts.all()) }
        admin.get("/conflicts/sheets") { _ in try CentralRoutes.ok(try central.sheets.now(for: try central.conflicts.all())) }
        admin.get("/lots/:id") { request in try CentralRoutes.ok(try central.sheets.lot(try parameter(request, "id"))) }
        admin.get("/sheets/:epreuve/:candidate") { request in
            try CentralRoutes.ok(try central.sheets.sheet(epreuve: try parameter(request, "epreuve"),
                                                          candidate: try parameter(request, "candidate")))
        }
        // The manager acts on lots and the report too (D13), as `manager` in the audit.
        admin.post("/lock") { request in
            let body = try JSONCoding.decode(LotActionRequest.self, from: request.http.body)
            return try message(try central.lots.lock(lot: body.lot, by: .manager, why: body.why))
        }
        admin.post("/unlock") { request in
            let body = try JSONCoding.decode(LotActionRequest.self, from: request.http.body)
            return try message(try central.lots.unlock(lot: body.lot, by: .manager, why: body.why))
        }
        admin.post("/resolve") { request in
            let body = try JSONCoding.decode(ResolveRequest.self, from: request.http.body)
            return try message(try central.conflicts.resolve(conflict: body.id, keep: body.keep, by: .manager, from: body.from))
        }
        admin.post("/credential") { request in
            let body = try JSONCoding.decode(CredentialRequest.self, from: request.http.body)
            return try message(try central.credentials.issue(examiner: body.examiner))
        }
        admin.post("/person-secret") { request in
            let body = try JSONCoding.decode(PersonSecretRequest.self, from: request.http.body)
            return try message(try central.personSecrets.issue(person: body.person))
        }
        admin.post("/revoke") { request in
            let body = try JSONCoding.decode(RevokeRequest.self, from: request.http.body)
            return try message(try central.nodes.revoke(node: body.node, by: "manager"))
        }
        admin.post("/backup") { request in
            let body = try JSONCoding.decode(BackupRequest.self, from: request.http.body)
            return try message(try central.backup.write(to: body.file))
        }
        admin.post("/enrol-code") { request in
            let body = try JSONCoding.decode(EnrolCodeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.enrolment.issueCode(centre: body.centre))
        }
    }

    private static func parameter(_ request: RouteRequest<Principal>, _ name: String) throws -> String {
        guard let value = request.parameters[name] else { throw ServerError.badRequest("missing \(name) in the path") }
        return value
    }

    private static func message(_ text: String) throws -> HTTPResponse {
        try CentralRoutes.ok(AdminMessage(message: text))
    }
}
