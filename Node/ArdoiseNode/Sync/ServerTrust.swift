import Foundation

/// Which certificate authority this node trusts for an https server: an académie's own CA (a PEM file
/// given at enrolment or to sync, kept in `config`), or the system's CAs when none was given.
/// Verification itself is never optional (HTTPClient); only the CA can be chosen.
public struct ServerTrust {
    let store: NodeStore

    /// The stored CA file, or nil for the system's CAs.
    public func caFile() throws -> String? {
        guard let path = try store.config.text(ConfigKey.caFile), !path.isEmpty else { return nil }
        return path
    }

    /// Checks `path` and stores it for the next syncs, in its own transaction.
    public func use(_ path: String) throws {
        let checked = try Self.checked(path)
        try store.database.transaction { try store.config.set(ConfigKey.caFile, checked) }
    }

    /// `path` made absolute (the node is run from anywhere), if it is a readable file holding a PEM
    /// certificate: a wrong path is refused now rather than as a certificate failure at every sync.
    public static func checked(_ path: String) throws -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw NodeError.refused("cannot read the CA file \(absolute)",
                                    hint: "give the académie's CA certificate, a PEM file")
        }
        guard String(decoding: data.prefix(1 << 20), as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw NodeError.refused("\(absolute) holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                                    hint: "give the académie's CA certificate, a PEM file")
        }
        return absolute
    }
}
