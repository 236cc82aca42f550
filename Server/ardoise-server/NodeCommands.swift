import ArdoiseCLI
import ArdoiseProtocol
import ArdoiseServer
import ArdoiseSupport

/// Who may send grades: enrolment codes for nodes, the enrolled nodes, revocation, examiners' secrets.
enum NodeCommands {
    static let enrol = Command(
        "enrol", summary: "issue a single-use enrolment code for a new node of a centre",
        options: [ServerTool.data, .value("centre", "CODE", "the centre the node belongs to", required: true)]
    ) { arguments, console in
        let centre = try arguments.required("centre")
        let code = try StoreAccess.run(
            try arguments.required("data"),
            command: "enrol", direct: { try $0.enrolment.issueCode(centre: centre) },
            remote: { try $0.post("/enrol-code", EnrolCodeRequest(centre: centre), as: EnrolCodeResponse.self) })
        console.out(Escape.text("enrolment code for centre \(code.centre): \(code.code) (single use, expires \(code.expires))"))
    }

    static let nodes = Command(
        "nodes", summary: "list the enrolled nodes with what they have sent", options: [ServerTool.data]
    ) { arguments, console in
        let nodes = try StoreAccess.run(try arguments.required("data"), command: "nodes", direct: { try $0.nodes.all() },
                                        remote: { try $0.get("/nodes", as: [NodeSummary].self) })
        for node in nodes {
            let revoked = node.revoked.map { "  revoked \($0)" } ?? ""
            console.out(Escape.text("\(node.id)  centre \(node.centre)  '\(node.label)'  acknowledged \(node.acknowledged)  "
                + "received \(node.received)  enrolled \(node.enrolled)\(revoked)"))
        }
    }

    static let credential = Command(
        "credential", summary: "issue an examiner's secret, replacing any earlier one",
        options: [ServerTool.data, .value("examiner", "ID", "the examiner", required: true)]
    ) { arguments, console in
        let examiner = try arguments.required("examiner")
        let secret = try StoreAccess.run(
            try arguments.required("data"),
            command: "credential", direct: { try $0.credentials.issue(examiner: examiner) },
            remote: { try $0.post("/credential", CredentialRequest(examiner: examiner), as: AdminMessage.self).message })
        console.out(Escape.text("secret for \(examiner): \(secret) "
            + "(give it to the examiner; it is not stored and replaces any earlier one)"))
    }

    static let revoke = Command(
        "revoke", summary: "refuse every further request from a node",
        options: [ServerTool.data], positionals: [Positional("NODE", "the node id, as `nodes` lists it")]
    ) { arguments, console in
        let node = try arguments.positional("NODE")
        let message = try StoreAccess.run(
            try arguments.required("data"),
            command: "revoke", direct: { try $0.nodes.revoke(node: node, by: "manager") },
            remote: { try $0.post("/revoke", RevokeRequest(node: node), as: AdminMessage.self).message })
        console.out(Escape.text(message))
    }
}
