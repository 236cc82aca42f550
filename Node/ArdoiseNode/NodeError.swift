/// The node library's one error type: what went wrong in one line, what kind of problem it is (so that
/// the command line and the web page can each say what to do in their own words), and a hint that
/// names no command.
public struct NodeError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The action breaks a rule (D6, D11, D12…); nothing was recorded.
        case refused
        /// The folder holds no enrolled node.
        case notEnrolled
        /// Enrolled, but the reference data has not arrived yet.
        case noReference
        /// The candidate is absent: grading needs them marked present first.
        case candidateAbsent(examiner: String, epreuve: String, candidate: String)
        /// No verifier for this examiner on this node yet.
        case noCredential
        /// The server refused this node's token (revoked): enrol again with a new code.
        case tokenRefused(server: String)
        /// The server could not be reached or failed: nothing is lost, sync again later.
        case unreachable
        /// The server's certificate is not signed by the CA this node trusts (or that CA file is
        /// unusable): trying again will not help, trusting the académie's CA will.
        case untrustedCertificate
        /// The server answered something this node cannot use.
        case unexpectedAnswer
        /// The server holds other operations under this node's numbers: the folder was restored from an
        /// older copy. Enrolling again keeps the unsent work.
        case folderRestored(server: String)
        /// The server expects operations from `expected` (it was restored from a backup): resend.
        case sequenceGap(expected: Int64)
    }

    public let kind: Kind
    public let message: String
    public let hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public static func refused(_ message: String, hint: String? = nil) -> NodeError { NodeError(.refused, message, hint: hint) }

    /// Whether trying again later can help.
    public var isTemporary: Bool {
        switch kind {
        case .unreachable, .unexpectedAnswer, .sequenceGap: return true
        default: return false
        }
    }

    public var description: String { message }
}
