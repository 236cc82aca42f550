import Foundation

/// Bodies of the admin API's académie routes (registrations, staff, missions, convocations, services faits),
/// used by the issue-9 `ardoise-server` commands while the server runs. Files travel as their bytes: the
/// server reads no path a client names.

/// `import`: the registration export's files by name (`centres.csv`…); `folder` only names them in problems.
public struct RegistrationImportRequest: Codable, Sendable {
    public var folder: String
    public var files: [String: Data]
    public var why: String?
    public init(folder: String, files: [String: Data], why: String?) {
        self.folder = folder
        self.files = files
        self.why = why
    }
}

/// `staff import`: the staff file's bytes; `file` only names it in problems.
public struct StaffImportRequest: Codable, Sendable {
    public var file: String
    public var contents: Data
    public init(file: String, contents: Data) {
        self.file = file
        self.contents = contents
    }
}

/// How many records an import wrote.
public struct ImportCount: Codable, Sendable {
    public var count: Int
    public init(count: Int) { self.count = count }
}

public struct SignatureRequest: Codable, Sendable {
    public var school: String
    public var name: String
    public var title: String
    public init(school: String, name: String, title: String) {
        self.school = school
        self.name = name
        self.title = title
    }
}

/// `convoke`: dates as typed (`ConvocationDate.example`), read again by the server.
public struct ConvokeRequest: Codable, Sendable {
    public var mission: String
    public var staff: [String]
    public var qualite: String?
    public var dates: [String]
    public var observation: String?
    public var saveDefaults: Bool
    public init(mission: String, staff: [String], qualite: String?, dates: [String], observation: String?, saveDefaults: Bool) {
        self.mission = mission
        self.staff = staff
        self.qualite = qualite
        self.dates = dates
        self.observation = observation
        self.saveDefaults = saveDefaults
    }
}

/// `convocations edit`: nil leaves a value as it is; dates, when given, replace them all.
public struct ConvocationEditRequest: Codable, Sendable {
    public var qualite: String?
    public var dates: [String]?
    public var observation: String?
    public init(qualite: String?, dates: [String]?, observation: String?) {
        self.qualite = qualite
        self.dates = dates
        self.observation = observation
    }
}

/// `convocations send`: the mail server the server process connects to.
public struct ConvocationSendRequest: Codable, Sendable {
    public var smtp: String
    public var from: String
    public var startTLS: Bool
    public init(smtp: String, from: String, startTLS: Bool) {
        self.smtp = smtp
        self.from = from
        self.startTLS = startTLS
    }
}

/// `services add`: a hand entry on a convocation.
public struct ServiceEntryRequest: Codable, Sendable {
    public var convocation: Int64
    public var quantity: Int
    public var unit: String
    public var note: String
    public init(convocation: Int64, quantity: Int, unit: String, note: String) {
        self.convocation = convocation
        self.quantity = quantity
        self.unit = unit
        self.note = note
    }
}

/// A zip answered as the body (`convocations zip`, `sheets export`): how many documents it holds is this header.
public enum ArchiveCountHeader {
    public static let count = "X-Ardoise-Count"
}

/// The manager names (or stops naming) a member of staff to act for an exam centre.
public struct CentreStaffRequest: Codable, Sendable {
    public var centre: String
    public var staff: String
    public init(centre: String, staff: String) {
        self.centre = centre
        self.staff = staff
    }
}
