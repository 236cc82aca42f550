import ArdoiseCLI
import ArdoiseNode
import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

/// The `ardoise` command line: its commands, and the words and exit codes of the node's errors, with
/// the commands that fix them.
enum NodeTool {
    static let tool = CommandLineTool(
        name: "ardoise", summary: "a lab PC's offline grading node",
        commands: [enrol, grade, absent, lock, lot, lots, sheet, harmonisations, sync, status, check, serve])

    static let data = Option.value("data", "NODEDIR", "the node's data folder", required: true)
    static let ca = Option.value("ca", "FILE", "the académie's CA certificate (PEM) to verify the server's, kept for the next syncs")

    /// Opens the node of `--data` and runs `body`; every failure is worded for this folder.
    static func withNode(_ arguments: ParsedArguments, create: Bool = false, _ body: (Node) throws -> Void) throws {
        let folder = try arguments.required("data")
        do {
            try body(try Node.open(folder: folder, create: create))
        } catch {
            throw failure(error, folder: folder)
        }
    }

    static func failure(_ error: Error, folder: String) -> Error {
        switch error {
        case let error as NodeError where error.kind == .untrustedCertificate:
            return CommandFailure("\(error.message): check --ca", hint: hint(for: error, folder: folder))
        case let error as NodeError:
            return CommandFailure(error.message, hint: hint(for: error, folder: folder),
                                  exit: error.isTemporary ? .retryLater : .failure)
        case let error as FolderInUse:
            return CommandFailure.retryLater(error.description, hint: PageFile.hint(folder: folder))
        case let error as DatabaseError where error.isDiskProblem:
            return CommandFailure("disk full or I/O error on \(folder): \(error.message); nothing was recorded",
                                  hint: "free some space or fix the disk, then do it again")
        case let error as DatabaseError:
            return CommandFailure("database error in \(folder): \(error.message); nothing was recorded")
        case is DecodingError:
            return CommandFailure("unreadable data in \(folder): \(JSONCoding.describe(error))")
        default:
            return error
        }
    }

    /// What to do about a node error, as commands of this tool.
    static func hint(for error: NodeError, folder: String) -> String? {
        switch error.kind {
        case .notEnrolled:
            return "enrol this node first: ardoise enrol --data \(folder) --server URL --code CODE"
        case .noReference:
            return "connect to the server and run: ardoise sync --data \(folder)"
        case .candidateAbsent(let examiner, let epreuve, let candidate):
            return "mark present first: ardoise absent --present --data \(folder) --as \(examiner) --epreuve \(epreuve) "
                + "--candidate \(candidate)"
        case .noCredential:
            return "the central manager issues one with `ardoise-server credential`; then run `ardoise sync --data \(folder)`"
        case .tokenRefused(let server):
            return "enrol it again with a new code: ardoise enrol --again --data \(folder) --server \(server) --code CODE "
                + "(the operations waiting here are kept)"
        case .untrustedCertificate:
            return "give the académie's CA certificate (PEM) with --ca FILE, on `ardoise enrol` or "
                + "`ardoise sync --data \(folder) --ca FILE`; certificate checks are never turned off"
        case .unreachable:
            return error.hint ?? "everything recorded here is kept; run ardoise sync --data \(folder) again later"
        case .folderRestored(let server):
            return "this folder was restored from an older copy: enrol it again with a new code: ardoise enrol --again "
                + "--data \(folder) --server \(server) --code CODE (the operations waiting here are kept)"
        case .refused, .unexpectedAnswer, .sequenceGap:
            return error.hint
        }
    }
}
