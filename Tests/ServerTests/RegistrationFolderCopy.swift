import Foundation

/// A copy of `examples/registrations` in a temporary folder, to import as it is or with one file changed.
struct RegistrationFolderCopy {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/registrations").path

    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ardoise-registrations-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.examples, toPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a file.
    func replace(_ name: String, _ old: String, _ new: String) throws {
        let text = try read(name)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadUnknown) }
        try write(name, text.replacingCharacters(in: range, with: new))
    }

    func append(_ name: String, _ line: String) throws {
        try write(name, try read(name) + line + "\r\n")
    }
}
