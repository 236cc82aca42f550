// Fuzz target `protocol`: JSONCoding.decode of every wire type (Protocol/, module ArdoiseProtocol) over
// arbitrary bytes. Compiled into the ArdoiseProtocol module by scripts/fuzz. Decoding must throw or
// succeed, and `JSONCoding.describe` must word any error. Traps when a value that decoded:
// - does not encode, or does not decode again from its own encoding;
// - decodes again to a different value (== for Equatable types, PushRequest by its operations);
// - encodes differently the second time (sorted keys: bodies must be stable);
// - is a push outside `WireLimits` (identifier, value and key bounds, operations per push);
// - is a push that `PushRequest.decoded` (the server's direct reader) reads otherwise than JSONDecoder;
// - carries a clock that does not survive its text form, or that crashes what receivers do with it
//   (the server's `iso8601`, a node's `observe` then `tick`, which must move the clock forward).

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProtocolDecode(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)

    if let push = FuzzProtocol.roundTrip(PushRequest.self, input, same: { $0.operations == $1.operations }) {
        push.operations.forEach { FuzzProtocol.check($0.hlc) }
        // A push that decodes is within the wire's bounds (issue 8): the server stores what it decodes.
        require(push.operations.count <= WireLimits.operationsPerPush, "a push over the operation limit decoded")
        for operation in push.operations {
            require(WireLimits.problem(in: operation) == nil, "an operation outside WireLimits decoded")
            // What the proof covers is what `jsonText` writes, without node, seq and proof: it must decode
            // to the same operation, so the server and the node sign the same bytes.
            let signed = (try? JSONCoding.decode(SyncOperation.self, from: Array(operation.jsonText.utf8))) ?? operation
            require(signed == operation, "jsonText does not decode to the operation")
        }
    }
    // Issue 12: the server's direct push reader agrees with JSONDecoder: the same operations, or both refuse.
    let direct = try? PushRequest.decoded(from: input)
    let reference = try? JSONCoding.decode(PushRequest.self, from: input)
    require(direct?.operations == reference?.operations, "the direct push reader disagrees with JSONDecoder")
    if let pull = FuzzProtocol.roundTrip(PullResponse.self, input, same: {
        $0.changes == $1.changes && $0.cursor == $1.cursor && $0.more == $1.more
            && $0.referenceVersion == $1.referenceVersion
    }) {
        pull.changes.forEach(FuzzProtocol.check)
    }
    _ = FuzzProtocol.roundTrip(EnrolRequest.self, input, same: { $0.code == $1.code && $0.label == $1.label })
    _ = FuzzProtocol.roundTrip(EnrolResponse.self, input, same: {
        $0.node == $1.node && $0.token == $1.token && $0.centre == $1.centre && $0.session == $1.session
    })
    _ = FuzzProtocol.roundTrip(ReferenceSnapshot.self, input)
    _ = FuzzProtocol.roundTrip(PushResponse.self, input, same: {
        $0.acknowledged == $1.acknowledged && $0.revision == $1.revision && $0.results == $1.results
    })
    _ = FuzzProtocol.roundTrip(ErrorBody.self, input, same: { $0.error == $1.error })
    if let operation = FuzzProtocol.roundTrip(SyncOperation.self, input) { FuzzProtocol.check(operation.hlc) }
    if let change = FuzzProtocol.roundTrip(Change.self, input) { FuzzProtocol.check(change) }
    if let record = FuzzProtocol.roundTrip(ConflictRecord.self, input) { FuzzProtocol.check(record) }
    if let clock = FuzzProtocol.roundTrip(HLC.self, input) { FuzzProtocol.check(clock) }
    _ = FuzzProtocol.roundTrip([LotSummary].self, input)
    _ = FuzzProtocol.roundTrip(ResolveRequest.self, input, same: { $0.id == $1.id && $0.keep == $1.keep && $0.from == $1.from })
    _ = FuzzProtocol.roundTrip(LotActionRequest.self, input, same: { $0.lot == $1.lot && $0.why == $1.why })
    return 0
}

enum FuzzProtocol {
    static func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        roundTrip(type, bytes, same: ==)
    }

    static func roundTrip<T: Codable>(_ type: T.Type, _ bytes: [UInt8], same: (T, T) -> Bool) -> T? {
        let value: T
        do {
            value = try JSONCoding.decode(T.self, from: bytes)
        } catch {
            let line = JSONCoding.describe(error)
            require(!line.isEmpty, "empty description of a decoding error")
            return nil
        }
        let encoded: [UInt8], again: T, reencoded: [UInt8]
        do {
            encoded = try JSONCoding.encode(value)
            _ = try JSONCoding.encode(value, pretty: true)
        } catch {
            fuzzFailure("\(T.self) decoded but does not encode: \(error)")
        }
        do {
            again = try JSONCoding.decode(T.self, from: encoded)
        } catch {
            fuzzFailure("\(T.self) does not decode from its own encoding: \(JSONCoding.describe(error))")
        }
        require(same(value, again), "\(T.self) changed in a round trip")
        do {
            reencoded = try JSONCoding.encode(again)
        } catch {
            fuzzFailure("\(T.self) decoded again but does not encode: \(error)")
        }
        require(encoded == reencoded, "\(T.self) encodes differently after a round trip")
        return value
    }

    static func check(_ clock: HLC) {
        require(HLC(text: clock.description) == clock, "clock \(clock) does not survive its text form")
        require(!clock.iso8601.isEmpty, "no ISO 8601 form")  // what the server stores for a lock or a conflict side
        // What a node does with a clock it pulled: fold it in, then tick for its next action, which must
        // come after it (results are checked so that the optimiser keeps the calls).
        let observed = HLC.zero.observe(clock)
        require(observed == clock, "observe did not keep the later clock")
        let greatest = HLC(wall: .max, logical: .max)  // the one reading nothing comes after
        require(observed.tick(now: 0) > clock || clock == greatest, "tick did not move past \(clock)")
        require(clock.tick(now: clock.wall) > clock || clock == greatest, "tick did not move past \(clock)")
    }

    static func check(_ change: Change) {
        if let clock = change.hlc { check(clock) }
        if let record = change.conflict { check(record) }
    }

    static func check(_ record: ConflictRecord) {
        check(record.server.hlc)
        check(record.node.hlc)
        _ = record.kind.disputes
    }
}
