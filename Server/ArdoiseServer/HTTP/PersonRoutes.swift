import ArdoiseHTTPServer
import ArdoiseProtocol

/// Sign-in, sign-out and `/v1/people/…`: what a person does as themselves, with the session token a
/// sign-in gave. The actor in the audit is the signed-in person; a name in a body is never trusted. What
/// each may do and where is the access matrix (`Grant`), checked in the library on every call.
enum PersonRoutes {
    static func add(to v1: RouterBuilder<CentralAccess, Principal>, central: Central) {
        // A wrong secret is a 401: audited and counted against the address like a refused token.
        v1.post("/sign-in", access: .anyone) { request in
            let body = try JSONCoding.decode(SignInRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.personSessions.signIn(person: body.person, secret: body.secret))
        }
        v1.post("/sign-out", access: .person) { request in
            guard case .person(let person, let token) = request.principal else { throw ServerError.unauthorised("missing person session token") }
            try central.personSessions.signOut(token: token, person: person.id)
            return try message("\(person.id) signed out")
        }
        v1.group("/people", access: .person) { people in
            people.get("/me") { request in
                let person = try request.principal.person
                return try CentralRoutes.ok(PersonView(person: person.id, roles: person.grants.map(\.description)))
            }
            people.get("/lots") { request in try CentralRoutes.ok(try central.progress.summaries(for: try actor(request))) }
            people.post("/lock") { request in
                let body = try JSONCoding.decode(LotActionRequest.self, from: request.http.body)
                return try message(try central.lots.lock(lot: body.lot, by: try actor(request), why: body.why))
            }
            people.post("/unlock") { request in
                let body = try JSONCoding.decode(LotActionRequest.self, from: request.http.body)
                return try message(try central.lots.unlock(lot: body.lot, by: try actor(request), why: body.why))
            }
            people.get("/conflicts") { request in try CentralRoutes.ok(try central.conflicts.all(for: try actor(request))) }
            people.get("/conflicts/sheets") { request in
                try CentralRoutes.ok(try central.sheets.now(for: try central.conflicts.all(for: try actor(request))))
            }
            people.post("/resolve") { request in
                let body = try JSONCoding.decode(ResolveRequest.self, from: request.http.body)
                return try message(try central.conflicts.resolve(conflict: body.id, keep: body.keep, by: try actor(request), from: body.from))
            }
            HarmonisationRoutes.addPerson(to: people, central: central)
            ValidationRoutes.addPerson(to: people, central: central)
            DistributionRoutes.addPerson(to: people, central: central)
            WrittenRoutes.addPerson(to: people, central: central)
        }
    }

    private static func actor(_ request: RouteRequest<Principal>) throws -> Actor {
        try request.principal.person.actor
    }

    private static func message(_ text: String) throws -> HTTPResponse {
        try CentralRoutes.ok(AdminMessage(message: text))
    }
}
