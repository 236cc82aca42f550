import Foundation
import Testing

@testable import ArdoiseHTTPClient

/// Issue 8 item 12: the client verifies the server's certificate and host name, against an académie's
/// own CA when given one, and says so in one line when it refuses (ARCHITECTURE "Deployment").
@Suite("TLS certificate checks", .timeLimit(.minutes(1)), .enabled(if: ThrowawayPKI.openssl != nil))
struct TLSClientTests {
    @Test func aServerSignedByTheGivenCAIsAcceptedAndRefusedWithoutIt() throws {
        let pki = try ThrowawayPKI()
        defer { pki.remove() }
        let server = try pki.serve(try pki.serverCertificate("server", names: ["IP:127.0.0.1", "DNS:localhost"]))
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/"

        #expect(try HTTPClient(caFile: pki.caFile).send(method: "GET", url: url).status == 200)
        #expect(try HTTPClient(caFile: pki.caFile).send(method: "GET", url: "https://localhost:\(server.port)/").status == 200)

        // The system's CAs do not know this one: refused, not retryable, in words that name the problem.
        let refused = try #require(throws: HTTPClientError.self) { try HTTPClient().send(method: "GET", url: url) }
        #expect(refused.code == 60 && refused.isCertificateProblem && !refused.isRetryable)
        #expect(refused.description.hasPrefix("the server's certificate is not trusted (SSL certificate problem"))
        #expect(refused.description.hasSuffix("; trusting the system's CAs)"))

        let other = try ThrowawayPKI(name: "Another académie")
        defer { other.remove() }
        let wrongCA = try #require(throws: HTTPClientError.self) {
            try HTTPClient(caFile: other.caFile).send(method: "GET", url: url)
        }
        #expect(wrongCA.isCertificateProblem && wrongCA.description.contains("trusting the CA in \(other.caFile)"))

        // A CA file that is not there is named (libcurl reads it once connected, before the handshake).
        let missing = pki.folder + "/no-such-ca.pem"
        let unusable = try #require(throws: HTTPClientError.self) { try HTTPClient(caFile: missing).send(method: "GET", url: url) }
        #expect(unusable.isCertificateProblem, "got \(unusable.code): \(unusable)")
        #expect(unusable.description.hasPrefix("cannot use the CA file \(missing)"))
    }

    @Test func aCertificateForAnotherHostIsRefusedEvenFromTheTrustedCA() throws {
        let pki = try ThrowawayPKI()
        defer { pki.remove() }
        let server = try pki.serve(try pki.serverCertificate("elsewhere", names: ["DNS:elsewhere.example"]))
        defer { server.stop() }
        let refused = try #require(throws: HTTPClientError.self) {
            try HTTPClient(caFile: pki.caFile).send(method: "GET", url: "https://127.0.0.1:\(server.port)/")
        }
        #expect(refused.code == 60 && refused.description.hasPrefix("the server's certificate is not trusted ("))
    }
}
