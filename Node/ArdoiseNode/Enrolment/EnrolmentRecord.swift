/// Who this node is for the server, as stored in `config` at enrolment.
struct EnrolmentRecord {
    var node: String
    var token: String
    var server: String
    var centre: String
    var session: String

    /// The stored enrolment, or the error that says the folder is not enrolled.
    static func load(_ store: NodeStore) throws -> EnrolmentRecord {
        let config = store.config
        guard let node = try config.text(ConfigKey.node), let token = try config.text(ConfigKey.token),
              let server = try config.text(ConfigKey.server), let centre = try config.text(ConfigKey.centre) else {
            throw NodeStore.notANodeFolder(store.folder)
        }
        return EnrolmentRecord(node: node, token: token, server: server, centre: centre,
                               session: try config.text(ConfigKey.session) ?? "")
    }

    static func isEnrolled(_ store: NodeStore) throws -> Bool {
        try store.config.text(ConfigKey.token) != nil
    }

    /// Writes the enrolment (call inside a transaction). Cursor, sequence and acknowledgements start afresh.
    func store(in config: NodeConfig, label: String) throws {
        try config.set(ConfigKey.node, node)
        try config.set(ConfigKey.token, token)
        try config.set(ConfigKey.server, server)
        try config.set(ConfigKey.centre, centre)
        try config.set(ConfigKey.session, session)
        try config.set(ConfigKey.label, label)
        try config.set(ConfigKey.cursor, 0)
        try config.set(ConfigKey.nextSeq, 1)
        try config.set(ConfigKey.acked, 0)
    }
}
