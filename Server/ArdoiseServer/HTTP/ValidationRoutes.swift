import ArdoiseHTTPServer
import ArdoiseProtocol

/// Validation and closure over the API (D17, D18, D20): signed-in people under `/v1/people/…`, the manager
/// under `/v1/admin/…`, with what was sent, the registration side's grade book and the evaluation sheets.
enum ValidationRoutes {
    static func addPerson(to people: RouterBuilder<CentralAccess, Principal>, central: Central) {
        people.post("/validate") { request in
            let body = try JSONCoding.decode(ValidateRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.validation.validate(epreuve: body.epreuve, by: try request.principal.person.actor))
        }
        addClosure(to: people, central: central) { try $0.principal.person.actor }
    }

    /// The same closure routes for both: close, then export the sheets (a zip, its count in a header).
    private static func addClosure(to group: RouterBuilder<CentralAccess, Principal>, central: Central,
                                   actor: @escaping @Sendable (RouteRequest<Principal>) throws -> Actor) {
        group.post("/close") { request in
            let body = try JSONCoding.decode(CloseRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.closure.close(epreuve: body.epreuve, centre: body.centre, by: try actor(request)))
        }
        group.get("/evaluation-sheets/:epreuve/:centre") { request in
            guard let epreuve = request.parameters["epreuve"], let centre = request.parameters["centre"] else {
                throw ServerError.badRequest("missing épreuve or centre in the path")
            }
            let export = try central.evaluationSheets.export(epreuve: epreuve, centre: centre, by: try actor(request))
            return HTTPResponse(status: 200, headers: [(name: "Content-Type", value: "application/zip"),
                                                       (name: ArchiveCountHeader.count, value: String(export.count))],
                                body: export.bytes)
        }
    }

    static func addAdmin(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        addClosure(to: admin, central: central) { _ in .manager }
        admin.post("/validate") { request in
            let body = try JSONCoding.decode(ValidateRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.validation.validate(epreuve: body.epreuve, by: .manager))
        }
        admin.get("/validations/sent") { request in
            let query = request.http.query
            guard let epreuve = query["epreuve"] else { throw ServerError.badRequest("give the épreuve: ?epreuve=CODE") }
            var validation: Int64?
            if let text = query["validation"] {
                guard let number = Int64(text), number > 0 else { throw ServerError.badRequest("validation must be a positive number") }
                validation = number
            }
            return try CentralRoutes.ok(try central.validation.sent(epreuve: epreuve, validation: validation))
        }
        admin.get("/registration-grades") { request in
            guard let epreuve = request.http.query["epreuve"] else { throw ServerError.badRequest("give the épreuve: ?epreuve=CODE") }
            return try CentralRoutes.ok(try central.registrationGrades.list(epreuve: epreuve))
        }
        admin.post("/registration-grades") { request in
            let body = try JSONCoding.decode(RegistrationGradeRequest.self, from: request.http.body)
            try central.registrationGrades.enter(candidate: body.candidate, epreuve: body.epreuve, value: body.value)
            return try CentralRoutes.ok(AdminMessage(message: "\(body.candidate) \(body.epreuve): \(body.value) entered by hand"))
        }
    }
}
