import ArdoiseHTTPServer
import ArdoiseProtocol

/// Examiner groups, distribution, reassignment and redistribution over the API (D10, D13): signed-in
/// people under `/v1/people/…`, the manager under `/v1/admin/…`; the library checks who may, on every call.
enum DistributionRoutes {
    static func addPerson(to people: RouterBuilder<CentralAccess, Principal>, central: Central) {
        add(to: people, central: central) { try $0.principal.person.actor }
    }

    static func addAdmin(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        add(to: admin, central: central) { _ in .manager }
    }

    /// The same routes for both; a distribution by hand may name a few hundred candidates.
    private static func add(to group: RouterBuilder<CentralAccess, Principal>, central: Central,
                            actor: @escaping @Sendable (RouteRequest<Principal>) throws -> Actor) {
        group.get("/groups") { request in
            let query = request.http.query
            guard let epreuve = query["epreuve"], let centre = query["centre"] else {
                throw ServerError.badRequest("give the épreuve and the centre: ?epreuve=CODE&centre=CODE")
            }
            return try CentralRoutes.ok(try central.examinerGroups.list(epreuve: epreuve, centre: centre, by: try actor(request)))
        }
        group.post("/groups") { request in
            let body = try JSONCoding.decode(GroupRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.examinerGroups.set(body, by: try actor(request)))
        }
        group.post("/distribute", maxBody: CentralRoutes.adminBody) { request in
            let body = try JSONCoding.decode(DistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.distribution.distribute(body, by: try actor(request)))
        }
        group.post("/reassign") { request in
            let body = try JSONCoding.decode(ReassignRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.redistribution.reassign(body, by: try actor(request)))
        }
        group.post("/redistribute") { request in
            let body = try JSONCoding.decode(RedistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.redistribution.redistribute(body, by: try actor(request)))
        }
    }
}
