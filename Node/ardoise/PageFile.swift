import ArdoiseNodeWeb
import Foundation

/// What to say when the folder is held: by the examiner's page (`page.json` names it), or by another command.
enum PageFile {
    static func hint(folder: String) -> String {
        guard let data = FileManager.default.contents(atPath: ExaminerPage.endpointPath(folder)),
              let endpoint = try? JSONDecoder().decode(ExaminerPage.Endpoint.self, from: data) else {
            return "wait for it to finish, then try again"
        }
        return "the examiner page holds this folder: use it at \(endpoint.url)/, or stop `ardoise serve` (Ctrl-C) first"
    }
}
