import ArdoiseHTTPServer
import ArdoiseProtocol

/// Harmonisation over the API (D15, D16): signed-in coordinators under `/v1/people/harmonise`, the manager
/// under `/v1/admin/harmonise`; the library checks who may, on every call.
enum HarmonisationRoutes {
    static func addPerson(to people: RouterBuilder<CentralAccess, Principal>, central: Central) {
        people.get("/harmonise/lots/:lot") { request in
            try CentralRoutes.ok(try central.harmonisation.view(lot: try lot(request), by: try request.principal.person.actor))
        }
        people.post("/harmonise") { request in
            let body = try JSONCoding.decode(HarmoniseRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try body.run(on: central.harmonisation, by: try request.principal.person.actor))
        }
    }

    static func addAdmin(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.get("/harmonise/lots/:lot") { request in try CentralRoutes.ok(try central.harmonisation.view(lot: try lot(request), by: .manager)) }
        admin.post("/harmonise") { request in
            let body = try JSONCoding.decode(HarmoniseRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try body.run(on: central.harmonisation, by: .manager))
        }
        admin.get("/harmonisations") { request in
            try CentralRoutes.ok(try central.harmonisation.history(epreuve: request.http.query["epreuve"]))
        }
        admin.post("/epreuve-settings") { request in
            let body = try JSONCoding.decode(EpreuveSettingsRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.epreuveParameters.set(epreuve: body.epreuve, editByCoordinator: body.editByCoordinator,
                                                                          harmoniseInMass: body.harmoniseInMass))
        }
    }

    private static func lot(_ request: RouteRequest<Principal>) throws -> String {
        guard let lot = request.parameters["lot"] else { throw ServerError.badRequest("missing lot in the path") }
        return lot
    }
}
