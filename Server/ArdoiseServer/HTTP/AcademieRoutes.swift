import ArdoiseHTTPClient
import ArdoiseHTTPServer
import ArdoiseProtocol
import Foundation

/// `/v1/admin/…` for the issue-9 commands (registrations, staff, missions, convocations, services faits)
/// while the server runs: the same calls as the commands' direct path, acting as `manager`. Imports
/// come as file bytes, read and checked here as the command line reads them from disk.
enum AcademieRoutes {
    /// A registration export or a staff file: a few MiB of CSV, base64 in JSON.
    static let importBody = 32 << 20

    static func add(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.post("/import", maxBody: importBody) { request in
            let body = try decode(RegistrationImportRequest.self, request)
            var reader = RegistrationReader()
            guard let data = reader.read(folder: body.folder, contents: body.files.mapValues { Array($0) }) else {
                throw ServerError.invalid(first: reader.problems, or: "\(body.folder): unreadable")
            }
            return try CentralRoutes.ok(try central.registrations.load(data, why: body.why))
        }
        admin.post("/staff/import", maxBody: importBody) { request in
            let body = try decode(StaffImportRequest.self, request)
            let read = StaffDirectory.read(Array(body.contents), path: body.file)
            guard read.problems.isEmpty else { throw ServerError.invalid(first: read.problems, or: body.file) }
            return try CentralRoutes.ok(ImportCount(count: try central.staff.importMembers(read.members)))
        }
        admin.get("/staff") { request in
            let query = request.http.query
            switch (query["discipline"], query["school"], query["name"]) {
            case let (discipline?, school?, nil):
                return try CentralRoutes.ok(try central.staff.search(discipline: discipline, school: school))
            case let (nil, nil, name?):
                return try CentralRoutes.ok(try central.staff.search(name: name))
            default:
                throw ServerError.badRequest("search with discipline and school, or with name")
            }
        }
        admin.post("/staff") { request in
            let member = try decode(StaffMember.self, request)
            try central.staff.add(member, by: .manager)
            return try message("added \(member.id)")
        }
        admin.post("/missions/generate") { _ in try CentralRoutes.ok(try central.missions.generate()) }
        admin.get("/missions") { request in
            var type: MissionType?
            if let word = request.http.query["type"] {
                guard let known = MissionType(rawValue: word.uppercased()) else { throw ServerError.badRequest("unknown mission type \(word)") }
                type = known
            }
            return try CentralRoutes.ok(try central.missions.list(type: type))
        }
        admin.get("/centre-staff") { _ in try CentralRoutes.ok(try central.centreStaff.list()) }
        admin.post("/centre-staff") { request in
            let body = try decode(CentreStaffRequest.self, request)
            try central.centreStaff.name(body.staff, centre: body.centre)
            return try message("\(body.staff) acts for centre \(body.centre)")
        }
        admin.post("/centre-staff/remove") { request in
            let body = try decode(CentreStaffRequest.self, request)
            try central.centreStaff.remove(body.staff, centre: body.centre)
            return try message("\(body.staff) no longer acts for centre \(body.centre)")
        }
        addConvocations(to: admin, central: central)
        addServices(to: admin, central: central)
    }

    private static func addConvocations(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.post("/signature") { request in
            let body = try decode(SignatureRequest.self, request)
            try central.convocations.setSignature(school: body.school, Signature(name: body.name, title: body.title))
            return try message("signature of \(body.school) set")
        }
        admin.post("/convocations") { request in
            let body = try decode(ConvokeRequest.self, request)
            let convocation = ConvocationRequest(mission: body.mission, staff: body.staff, qualite: body.qualite,
                                                 dates: try body.dates.map(ConvocationDate.init(parsing:)),
                                                 observation: body.observation, saveDefaults: body.saveDefaults)
            return try CentralRoutes.ok(try central.convocations.convoke(convocation))
        }
        admin.get("/convocations") { request in
            let query = request.http.query
            return try CentralRoutes.ok(try central.convocations.list(mission: query["mission"], staff: query["staff"]))
        }
        admin.post("/convocations/:id") { request in
            let body = try decode(ConvocationEditRequest.self, request)
            let change = ConvocationChange(qualite: body.qualite, dates: try body.dates?.map(ConvocationDate.init(parsing:)),
                                           observation: body.observation)
            return try CentralRoutes.ok(try central.convocations.edit(try identifier(request), change))
        }
        admin.delete("/convocations/:id") { request in
            let id = try identifier(request)
            try central.convocations.delete(id)
            return try message("deleted convocation \(id)")
        }
        admin.get("/convocations/:id/pdf") { request in
            bytes(try central.convocationDocuments.pdf(try identifier(request)).bytes)
        }
        // The zip's count travels in a header: the body is the archive itself.
        admin.get("/convocation-archive") { request in
            let query = request.http.query
            let archive = try central.convocationDocuments.zip(mission: query["mission"], staff: query["staff"])
            var response = bytes(archive.bytes)
            response.headers.append((name: ArchiveCountHeader.count, value: String(archive.count)))
            return response
        }
        admin.post("/convocations/:id/send") { request in
            let body = try decode(ConvocationSendRequest.self, request)
            let settings = SMTPSettings(url: body.smtp, requireStartTLS: body.startTLS)
            return try message(try central.convocationDocuments.send(try identifier(request), from: body.from, settings: settings))
        }
    }

    private static func addServices(to admin: RouterBuilder<CentralAccess, Principal>, central: Central) {
        admin.get("/services") { request in
            try CentralRoutes.ok(try central.servicesFaits.list(mission: request.http.query["mission"]))
        }
        admin.post("/services") { request in
            let body = try decode(ServiceEntryRequest.self, request)
            return try CentralRoutes.ok(try central.servicesFaits.add(convocation: body.convocation, quantity: body.quantity,
                                                                       unit: body.unit, note: body.note))
        }
        admin.delete("/services/:id") { request in
            let id = try identifier(request)
            try central.servicesFaits.delete(entry: id)
            return try message("deleted entry \(id)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ request: RouteRequest<Principal>) throws -> T {
        try JSONCoding.decode(type, from: request.http.body)
    }

    private static func identifier(_ request: RouteRequest<Principal>) throws -> Int64 {
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else {
            throw ServerError.badRequest("the path's id must be a positive number")
        }
        return id
    }

    private static func bytes(_ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [(name: "Content-Type", value: "application/octet-stream")], body: body)
    }

    private static func message(_ text: String) throws -> HTTPResponse {
        try CentralRoutes.ok(AdminMessage(message: text))
    }
}
