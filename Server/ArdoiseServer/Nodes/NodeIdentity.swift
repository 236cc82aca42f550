/// An enrolled node as its token identifies it.
public struct NodeIdentity: Sendable, Equatable {
    public let id: String
    public let centre: String
    public init(id: String, centre: String) {
        self.id = id
        self.centre = centre
    }
}

/// An enrolled node as the manager sees it: how far its pushes went and when it was enrolled.
public struct NodeSummary: Codable, Sendable, Equatable {
    public var id: String
    public var centre: String
    public var label: String
    public var acknowledged: Int64
    public var received: Int64
    public var enrolled: String
    public var revoked: String?
}
