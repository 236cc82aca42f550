import ArdoiseProtocol
import ArdoiseSQLite
import ArdoiseSupport

extension Node {
    /// Any error as the one the user reads: CLIErrors as they are, disk problems as such (the action's
    /// transaction was rolled back, so nothing was recorded), anything else as a failure with its text.
    public static func userError(_ error: Error, folder: String?) -> CLIError {
        let place = folder ?? "the data folder"
        switch error {
        case let error as CLIError:
            return error
        case let error as DatabaseError where error.isDiskProblem:
            return CLIError("disk full or I/O error on \(place): \(error.message); nothing was recorded",
                            hint: "free some space or fix the disk, then do it again")
        case let error as DatabaseError:
            return CLIError("database error in \(place): \(error.message); nothing was recorded")
        case is DecodingError:
            return CLIError("unreadable data in \(place): \(JSONCoding.describe(error))")
        default:
            return CLIError("\(error)")
        }
    }
}
