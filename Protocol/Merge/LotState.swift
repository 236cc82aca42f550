/// A lot as the merge rules see it: where it belongs, which group grades it, and whether it is locked.
public struct LotState: Sendable, Equatable {
    public var id: String
    public var epreuve: String
    public var centre: String
    public var group: String
    public var status: LotStatus
    /// The revision of the lot's last status change.
    public var rev: Int64

    public init(id: String, epreuve: String, centre: String, group: String, status: LotStatus, rev: Int64) {
        self.id = id
        self.epreuve = epreuve
        self.centre = centre
        self.group = group
        self.status = status
        self.rev = rev
    }
}
