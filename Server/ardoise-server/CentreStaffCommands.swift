import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// `centre-staff add|remove|list`: the manager names who acts for an exam centre (seed 002's "centre
/// épreuve": lock, unlock and follow the centre's lots).
enum CentreStaffCommands {
    private static let options: [Option] = [
        ServerTool.data,
        .value("centre", "CODE", "the exam centre", required: true),
        .value("staff", "ID", "the member of staff", required: true),
    ]

    static let add = Command(
        "centre-staff add", summary: "name a member of staff to act for an exam centre (lock, unlock, follow its lots)",
        options: options
    ) { arguments, console in
        let request = CentreStaffRequest(centre: try arguments.required("centre"), staff: try arguments.required("staff"))
        try StoreAccess.run(try arguments.required("data"), command: "centre-staff add",
                            direct: { try $0.centreStaff.name(request.staff, centre: request.centre) },
                            remote: { _ = try $0.post("/centre-staff", request, as: AdminMessage.self) })
        console.out(Escape.text("\(request.staff) acts for centre \(request.centre)"))
    }

    static let remove = Command(
        "centre-staff remove", summary: "stop a member of staff acting for an exam centre", options: options
    ) { arguments, console in
        let request = CentreStaffRequest(centre: try arguments.required("centre"), staff: try arguments.required("staff"))
        try StoreAccess.run(try arguments.required("data"), command: "centre-staff remove",
                            direct: { try $0.centreStaff.remove(request.staff, centre: request.centre) },
                            remote: { _ = try $0.post("/centre-staff/remove", request, as: AdminMessage.self) })
        console.out(Escape.text("\(request.staff) no longer acts for centre \(request.centre)"))
    }

    static let list = Command(
        "centre-staff list", summary: "who acts for which exam centre", options: [ServerTool.data]
    ) { arguments, console in
        let members = try StoreAccess.run(try arguments.required("data"), command: "centre-staff list",
                                          direct: { try $0.centreStaff.list() },
                                          remote: { try $0.get("/centre-staff", as: [CentreStaffMember].self) })
        if members.isEmpty { console.out("nobody acts for a centre yet") }
        for member in members {
            console.out(Escape.text("\(member.centre)  \(member.staff)  \(member.name)  since \(member.namedAt)"))
        }
    }
}
