import ArdoiseHTTPServer
import ArdoiseProtocol

/// Follow-up and statistics (D14): `GET …/follow-up[?epreuve=CODE&examiner=ID]` answers the report as
/// JSON, `GET …/follow-up/histogram?epreuve=CODE[&examiner=ID]` one histogram as SVG. Under
/// `/v1/people/` within the signed-in person's rights (`FollowUpScope`, checked in the library), under
/// `/v1/admin/` for the manager.
enum FollowUpRoutes {
    static func add(to v1: RouterBuilder<CentralAccess, Principal>, central: Central) {
        v1.group("/people/follow-up", access: .person) { people in
            routes(people, central) { try $0.principal.person.actor }
        }
        v1.group("/admin/follow-up", access: .admin, maxBody: CentralRoutes.adminBody) { admin in
            routes(admin, central) { _ in .manager }
        }
    }

    private static func routes(_ group: RouterBuilder<CentralAccess, Principal>, _ central: Central,
                               actor: @escaping @Sendable (RouteRequest<Principal>) throws -> Actor) {
        group.get("/") { request in
            let query = request.http.query
            return try CentralRoutes.ok(try central.followUp.report(for: try actor(request), epreuve: query["epreuve"],
                                                                  examiner: query["examiner"]))
        }
        group.get("/histogram") { request in
            let query = request.http.query
            guard let epreuve = query["epreuve"] else { throw ServerError.badRequest("histogram: give epreuve (and examiner for a corrector's)") }
            let line = try central.followUp.statistics(for: try actor(request), epreuve: epreuve, examiner: query["examiner"])
            return HTTPResponse(status: 200, headers: [("Content-Type", "image/svg+xml; charset=utf-8")],
                                body: Array(HistogramSVG.render(line).utf8))
        }
    }
}
