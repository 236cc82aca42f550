import ArdoiseProtocol

/// What a harmonisation request asks for, read the same from the command line and the API; every refusal
/// names the field.
extension HarmoniseRequest {
    /// Runs the request as a unit harmonisation (`grade` given) or a mass one.
    public func run(on harmonisation: Harmonisation, by actor: Actor) throws -> HarmonisationResult {
        if let grade {
            guard shift == nil, scale == nil, offset == nil else { throw ServerError.badRequest("grade: a unit harmonisation takes no shift or scale") }
            guard let lot, let copies, copies.count == 1 else { throw ServerError.badRequest("a unit harmonisation names one lot and one copy") }
            return try harmonisation.unit(lot: lot, copy: copies[0], grade: try Self.points(grade, "grade"), why: why, by: actor)
        }
        return try harmonisation.mass(try target(), rule: try rule(), why: why, by: actor)
    }

    func target() throws -> MassTarget {
        switch (lot, epreuve, corrector) {
        case let (lot?, nil, nil): return copies.map { .copies(lot: lot, $0) } ?? .lot(lot)
        case let (nil, epreuve?, corrector?) where copies == nil: return .corrector(epreuve: epreuve, staff: corrector)
        default: throw ServerError.badRequest("target: a lot (with copies for part of it), or an épreuve and a corrector")
        }
    }

    func rule() throws -> GradeRule {
        switch (shift, scale) {
        case let (shift?, nil) where offset == nil: return .shift(try Self.points(shift, "shift"))
        case let (nil, scale?):
            guard let factor = GradeRule.scale(parsing: scale) else {
                throw ServerError.badRequest("scale: '\(scale)' is not a number with at most four decimals")
            }
            return .linear(scale: factor, offset: try offset.map { try Self.points($0, "offset") } ?? .zero)
        default: throw ServerError.badRequest("rule: give a shift, or a scale with an optional offset")
        }
    }

    static func points(_ text: String, _ field: String) throws -> GradePoints {
        guard let points = GradePoints(parsing: text) else {
            throw ServerError.badRequest("\(field): '\(text)' is not a number of points with at most two decimals")
        }
        return points
    }
}
