import ArdoiseCLI
import ArdoiseServer
import ArdoiseSupport

/// How an admin command reaches the data: it opens the store itself when no process owns the folder,
/// else goes through the running server's admin API if the command has a remote form.
enum StoreAccess {
    /// Runs `direct` over the store of `folder`, or `remote` through the running server when another
    /// process owns the folder. Without a remote form, or without a server to talk to, that is exit 75.
    /// A refusal (401, 403) over the store is audited as the manager's, as the admin API audits it.
    static func run<T>(_ folder: String, command: String, direct: (Central) throws -> T,
                       remote: ((AdminClient) throws -> T)? = nil) throws -> T {
        let store: CentralStore
        do {
            store = try CentralStore.open(folder: folder)
        } catch let inUse as FolderInUse {
            guard let remote, let client = AdminClient.find(folder: folder) else {
                throw CommandFailure.retryLater(String(describing: inUse), hint: "stop the server to run this command")
            }
            return try remote(client)
        }
        let central = Central(store: store)
        do {
            return try direct(central)
        } catch let refusal as ServerError where refusal.status == 401 || refusal.status == 403 {
            central.audit.recordRefusal(actor: "manager",
                                        detail: "ardoise-server \(command) \(refusal.status): \(refusal.message)")
            throw refusal
        }
    }
}
