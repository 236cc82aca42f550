import ArdoiseHTTPServer
import ArdoiseProtocol

/// Barèmes and written épreuves over the API (D10, D11): the manager defines barèmes; coordinators (or the
/// manager) validate them and distribute copies; correctors see their lots and grade, signed in.
enum WrittenRoutes {
    static func addPerson(to people: RouterBuilder<CentralAccess, Principal>, central: Central) {
        people.get("/baremes") { request in try CentralRoutes.ok(try central.baremes.list(epreuve: request.http.query["epreuve"])) }
        people.post("/baremes/validate") { request in
            let body = try JSONCoding.decode(BaremeValidateRequest.self, from: request.http.body)
            try central.baremes.validate(epreuve: body.epreuve, subject: body.subject, by: try request.principal.person.actor)
            return try CentralRoutes.ok(AdminMessage(message: "barème of \(body.epreuve) subject \(body.subject) validated"))
        }
        people.post("/written/distribute") { request in
            let body = try JSONCoding.decode(WrittenDistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.writtenDistribution.distribute(epreuve: body.epreuve, scanCentre: body.scanCentre,
                                                                                   by: try request.principal.person.actor))
        }
        people.post("/written/redistribute") { request in
            let body = try JSONCoding.decode(WrittenRedistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.writtenRedistribution.redistribute(lot: body.lot, why: body.why,
                                                                                       by: try request.principal.person.actor))
        }
        people.get("/written/lots") { request in try CentralRoutes.ok(try central.centralGrading.lots(by: try request.principal.person.actor)) }
        people.post("/written/grade") { request in
            let body = try JSONCoding.decode(WrittenGradeRequest.self, from: request.http.body)
            let done = try central.centralGrading.enter(epreuve: body.epreuve, candidate: body.candidate, subject: body.subject, items: body.items,
                                                        comment: body.comment, absent: body.absent, by: try request.principal.person.actor)
            return try CentralRoutes.ok(AdminMessage(message: done))
        }
    }

    static func addAdmin(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.get("/baremes") { request in try CentralRoutes.ok(try central.baremes.list(epreuve: request.http.query["epreuve"])) }
        admin.post("/baremes", maxBody: 1 << 20) { request in
            let body = try JSONCoding.decode(BaremeDefineRequest.self, from: request.http.body)
            let read = BaremeFile.read(Array(body.contents), path: body.file)
            guard read.problems.isEmpty else { throw ServerError.invalid(first: read.problems, or: body.file) }
            try central.baremes.define(epreuve: body.epreuve, subject: body.subject, label: body.label, items: read.items)
            return try CentralRoutes.ok(AdminMessage(message: "barème of \(body.epreuve) subject \(body.subject): \(read.items.count) items"))
        }
        admin.post("/baremes/validate") { request in
            let body = try JSONCoding.decode(BaremeValidateRequest.self, from: request.http.body)
            try central.baremes.validate(epreuve: body.epreuve, subject: body.subject, by: .manager)
            return try CentralRoutes.ok(AdminMessage(message: "barème of \(body.epreuve) subject \(body.subject) validated"))
        }
        admin.post("/written/redistribute") { request in
            let body = try JSONCoding.decode(WrittenRedistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.writtenRedistribution.redistribute(lot: body.lot, why: body.why, by: .manager))
        }
        admin.post("/written/distribute") { request in
            let body = try JSONCoding.decode(WrittenDistributeRequest.self, from: request.http.body)
            return try CentralRoutes.ok(try central.writtenDistribution.distribute(epreuve: body.epreuve, scanCentre: body.scanCentre, by: .manager))
        }
    }
}
