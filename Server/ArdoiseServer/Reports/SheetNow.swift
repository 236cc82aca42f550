import ArdoiseProtocol

/// What a conflict-report entry's sheet (or lot) is now: one line under the entry, and its `sheet`
/// member in JSON.
public struct SheetNow: Codable, Sendable, Equatable {
    public var entry: Int64
    public var subject: String?
    public var status: String
    public var total: Double?
    /// The entry's field as it stands now; nil when it holds no value (or for a lot entry).
    public var value: SheetValue?
    /// For an entry about a lot rather than a sheet: the lot's status now.
    public var lotStatus: LotStatus?
}
