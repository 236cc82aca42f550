import ArdoiseNode
import ArdoiseServer
import ArdoiseSupport
import Foundation
import Testing

/// Issue 8 item 9: data folders hold tokens, verifiers and grades. Whatever existed before, the
/// folder ends 0700 and the databases 0600, and a folder others can write is refused.
@Suite struct DataFolderTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func folder(_ mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "ardoise-modes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func anExistingOpenFolderIsClosedToOthersAndTheDatabasesAreTheOwnersAlone() throws {
        let central = try folder(0o755)
        let store = try CentralStore.open(folder: central)
        #expect(try mode(central) == 0o700)
        #expect(try mode(central + "/" + CentralStore.fileName) == 0o600)
        #expect(try mode(central + "/" + CentralStore.fileName + "-shm") == 0o600)
        _ = store
        let node = try folder(0o755)
        _ = try Node.open(folder: node, create: true)
        #expect(try mode(node) == 0o700 && mode(node + "/" + NodeStore.databaseName) == 0o600)
    }

    @Test func aFolderOthersCanWriteIsRefused() throws {
        for open in [{ (path: String) in _ = try CentralStore.open(folder: path) },
                     { (path: String) in _ = try Node.open(folder: path, create: true) }] {
            let path = try folder(0o777)
            let error = #expect(throws: SupportError.self) { try open(path) }
            #expect(error?.message.contains("can be written by other users (mode 777)") == true)
            #expect(!FileManager.default.fileExists(atPath: path + "/" + CentralStore.fileName))
        }
    }
}
