import ArdoiseSupport

/// The services faits as the payroll side takes them: `;`-separated UTF-8 with a header (`CSVWriter`), one
/// line per derived service and one per hand entry (`source`).
public enum ServicesCSV {
    public static let header = ["mission", "type", "epreuve", "centre", "staff", "name", "qualite", "days", "candidates",
                                "copies", "source"]

    /// The header then one line per service, without line ends.
    public static func lines(_ services: [ServiceFait]) -> [String] {
        ([header] + services.map(row)).map(CSVWriter.line)
    }

    public static func text(_ services: [ServiceFait]) -> String { lines(services).map { $0 + "\n" }.joined() }

    static func row(_ service: ServiceFait) -> [String] {
        [service.mission, service.type.rawValue, service.epreuve ?? "", service.centre, service.staff, service.name,
         service.qualite?.rawValue ?? "", service.days.map(String.init) ?? "", service.candidates.map(String.init) ?? "",
         service.copies.map(String.init) ?? "", service.source.rawValue]
    }
}
