import ArdoiseProtocol

/// Foundation also declares `Operation`; in this module the name means the wire operation.
public typealias Operation = ArdoiseProtocol.Operation
