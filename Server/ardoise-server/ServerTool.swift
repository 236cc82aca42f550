import ArdoiseCLI
import ArdoiseHTTPServer
import ArdoiseServer
import ArdoiseSupport

/// `ardoise-server`: its commands, and its domain errors in words. One process owns the data folder:
/// when a server runs, the admin commands that can go through its admin API do (StoreAccess).
enum ServerTool {
    static let tool = CommandLineTool(
        name: "ardoise-server",
        summary: "The central server of one académie: load the session, serve the nodes, settle conflicts.",
        commands: [
            SessionCommands.load,
            ServeCommand.serve,
            NodeCommands.enrol,
            SessionCommands.lots,
            SheetCommands.lot,
            SheetCommands.sheet,
            NodeCommands.nodes,
            SessionCommands.lock,
            SessionCommands.unlock,
            DistributionCommands.setGroup,
            DistributionCommands.listGroups,
            DistributionCommands.distribute,
            DistributionCommands.reassign,
            DistributionCommands.redistribute,
            ConflictCommands.conflicts,
            ConflictCommands.resolve,
            WrittenCommands.define,
            WrittenCommands.validate,
            WrittenCommands.list,
            WrittenCommands.distribute,
            WrittenCommands.redistribute,
            WrittenCommands.lots,
            WrittenCommands.grade,
            HarmonisationCommands.harmonise,
            HarmonisationCommands.view,
            HarmonisationCommands.history,
            HarmonisationCommands.settings,
            ValidationCommands.validate,
            ValidationCommands.sent,
            ValidationCommands.registrationList,
            ValidationCommands.registrationEnter,
            ClosureCommands.close,
            ClosureCommands.export,
            NodeCommands.credential,
            PersonCommands.secret,
            PersonCommands.signIn,
            PersonCommands.signOut,
            NodeCommands.revoke,
            IntegrityCommands.check,
            IntegrityCommands.backup,
            IntegrityCommands.audit,
            RegistrationCommands.importFolder,
            StaffCommands.importFile,
            StaffCommands.search,
            StaffCommands.add,
            CentreStaffCommands.add,
            CentreStaffCommands.remove,
            CentreStaffCommands.list,
            MissionCommands.generate,
            MissionCommands.list,
            ConvocationCommands.signature,
            ConvocationCommands.convoke,
            ConvocationCommands.list,
            ConvocationCommands.edit,
            ConvocationCommands.delete,
            ConvocationDocumentCommands.pdf,
            ConvocationDocumentCommands.zip,
            ConvocationDocumentCommands.send,
            ServiceCommands.list,
            ServiceCommands.add,
            ServiceCommands.delete,
            FollowUpCommands.stats,
        ],
        explain: explain)

    /// `--data DIR`, which every command needs.
    static let data = Option.value("data", "DIR", "the server's data folder", required: true)

    /// The server library's errors as the command line shows them; nil leaves the rest to the runner.
    @Sendable static func explain(_ error: any Error) -> CommandFailure? {
        switch error {
        case let error as ServerError:
            return CommandFailure(error.message, hint: error.hint, exit: error.isTemporary ? .retryLater : .failure)
        case let error as FolderInUse:
            return .retryLater(String(describing: error),
                               hint: "one process owns a data folder; stop it or use the running server")
        case let error as SupportError:
            return CommandFailure(error.message)
        case let error as HTTPServerError:
            return CommandFailure(error.message, hint: error.hint)
        default:
            return nil
        }
    }
}
