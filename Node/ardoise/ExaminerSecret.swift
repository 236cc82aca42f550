import ArdoiseCLI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The examiner's secret for an action: `ARDOISE_SECRET` when set (scripts), else asked on the terminal
/// without echo, else one line of standard input. Never an argument: arguments show in `ps`.
enum ExaminerSecret {
    static func read(for examiner: String) throws -> String {
        if let secret = ProcessInfo.processInfo.environment["ARDOISE_SECRET"], !secret.isEmpty { return secret }
        if isatty(0) == 1 {
            guard let typed = getpass("secret for \(examiner): ") else { throw CommandFailure("no secret typed for \(examiner)") }
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure.usage("no secret for \(examiner): set ARDOISE_SECRET or type it")
        }
        return line
    }
}
