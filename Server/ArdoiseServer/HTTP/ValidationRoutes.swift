import ArdoiseHTTPServer
import ArdoiseProtocol

/// Validation over the API (D17, D18): signed-in coordinators under `/v1/people/validate`, the manager under
/// `/v1/admin/…`, with what was sent and the registration side's grade book.
enum ValidationRoutes {
    static func addPerson(to people: RouterBuilder<CentralAccess, Principal>, central: Central) {
        people.post("/validate") { request in
            let body = try JSONCoding.decode(ValidateRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.validation.validate(epreuve: body.epreuve, by: try request.principal.person.actor))
        }
    }

    static func addAdmin(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
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
