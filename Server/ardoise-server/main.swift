import ArdoiseServer
import ArdoiseSupport
import Foundation

/// `ardoise-server`: thin over ServerCommands; errors printed once, exit codes 0/1/64/75.
do {
    try ServerCommands.run(Array(CommandLine.arguments.dropFirst())) { print($0) }
} catch let error as CLIError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    if let hint = error.hint { FileHandle.standardError.write(Data("hint: \(hint)\n".utf8)) }
    if error.exitCode == 64 { FileHandle.standardError.write(Data((ServerCommands.usage + "\n").utf8)) }
    exit(error.exitCode)
} catch let error as ServerError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
