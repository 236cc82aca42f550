import ArdoiseSupport

/// The central server's capabilities over one store, each its own type with what it needs injected:
/// the place to find what the server can do. The clock and the random source are the only ones.
public struct Central: Sendable {
    public let store: CentralStore
    public let clock: CentralClock
    public let random: RandomSource
    /// Refused requests counted per client and minute, across requests.
    let refusals = RefusalLog()
    /// PBKDF2 rounds of the credentials this instance issues: `CredentialIssuer.iterations` but in tests,
    /// which issue hundreds of credentials and sign thousands of actions.
    public let credentialRounds: Int
    /// Seconds a person's session lasts (`PersonSessions.defaultLifetime` unless set).
    public let sessionLifetime: Double

    public init(store: CentralStore, wall: WallClock = .system, random: RandomSource = .system,
                credentialRounds: Int = CredentialIssuer.iterations,
                sessionLifetime: Double = PersonSessions.defaultLifetime) {
        self.store = store
        clock = CentralClock(wall: wall)
        self.random = random
        self.credentialRounds = credentialRounds
        self.sessionLifetime = sessionLifetime
    }

    public var sessions: SessionLoader { SessionLoader(store: store, clock: clock.wall) }
    public var enrolment: NodeEnrolment { NodeEnrolment(store: store, clock: clock.wall, random: random) }
    public var authentication: NodeAuthentication { NodeAuthentication(store: store) }
    public var nodes: NodeRegistry { NodeRegistry(store: store, clock: clock.wall) }
    public var push: PushReceiver { PushReceiver(store: store, clock: clock.wall) }
    public var pull: PullFeed { PullFeed(store: store) }
    public var reference: ReferenceFeed { ReferenceFeed(store: store) }
    public var conflicts: ConflictResolution { ConflictResolution(store: store, clock: clock) }
    public var lots: LotActions { LotActions(store: store, clock: clock) }
    /// Issue 10 item 2: examiner groups, distribution to them (D10), reassignment and redistribution (D13).
    public var examinerGroups: ExaminerGroups { ExaminerGroups(store: store, clock: clock.wall) }
    public var distribution: Distribution { Distribution(store: store, clock: clock.wall) }
    public var redistribution: Redistribution { Redistribution(store: store, clock: clock.wall) }
    /// Issue 10 item 1: barèmes of written épreuves and the validation of every barème (D10, D11).
    public var baremes: Baremes { Baremes(store: store, clock: clock.wall) }
    /// Issue 10 items 1–2 for written épreuves: copies distributed to correctors, graded centrally.
    public var writtenDistribution: WrittenDistribution { WrittenDistribution(store: store, clock: clock.wall) }
    public var centralGrading: CentralGrading { CentralGrading(store: store, clock: clock) }
    public var writtenRedistribution: WrittenRedistribution { WrittenRedistribution(store: store, clock: clock.wall) }
    /// Issue 10 item 5: harmonisation (D15, D16) and the épreuves' parameters that allow it.
    public var harmonisation: Harmonisation { Harmonisation(store: store, clock: clock) }
    public var epreuveParameters: EpreuveParameters { EpreuveParameters(store: store, clock: clock.wall) }
    /// Issue 10 item 6: validation to the registration and missions sides (D17, D18), and the registration
    /// side's own grade book, whose receiving rules the product implements.
    public var validation: Validation { Validation(store: store, clock: clock.wall) }
    public var registrationGrades: RegistrationGrades { RegistrationGrades(store: store, clock: clock.wall) }
    /// Issue 10 item 7: closure by the exam centre (D20) and the evaluation sheets it lets export.
    public var closure: Closure { Closure(store: store, clock: clock.wall) }
    public var evaluationSheets: EvaluationSheets { EvaluationSheets(store: store) }
    /// Issue 9 item 7: the staff the manager names to act for an exam centre (lock, unlock, follow).
    public var centreStaff: CentreStaff { CentreStaff(store: store, clock: clock.wall) }
    public var progress: LotProgress { LotProgress(store: store) }
    /// Issue 10 item 4: progress and grade statistics per épreuve, centre, lot, examiner and subject (D14).
    public var followUp: FollowUp { FollowUp(store: store) }
    public var sheets: SheetViews { SheetViews(store: store) }
    public var credentials: CredentialIssuer {
        CredentialIssuer(store: store, clock: clock.wall, random: random, rounds: credentialRounds)
    }
    /// Issue 9 item 6: people sign in as themselves with a personal secret; the audit names them.
    public var personSecrets: PersonSecrets {
        PersonSecrets(store: store, clock: clock.wall, random: random, rounds: credentialRounds)
    }
    public var personSessions: PersonSessions {
        PersonSessions(store: store, clock: clock.wall, random: random, secrets: personSecrets, lifetime: sessionLifetime)
    }
    public var audit: Audit { Audit(store: store, clock: clock.wall, refusals: refusals) }
    public var backup: Backup { Backup(store: store, clock: clock.wall) }
    /// Issue 9: registrations (import and reads), the académie's staff, the missions generated from them.
    public var registrations: RegistrationImport { RegistrationImport(store: store, clock: clock.wall) }
    public var registered: RegistrationQueries { RegistrationQueries(store: store) }
    public var staff: StaffDirectory { StaffDirectory(store: store, clock: clock.wall) }
    public var missions: MissionCatalogue { MissionCatalogue(store: store, clock: clock.wall) }
    /// Issue 9 item 4: convocations of staff on missions (D2, D3), the heads' signatures, missions' defaults.
    public var convocations: Convocations { Convocations(store: store, clock: clock.wall) }
    public var convocationDocuments: ConvocationDocuments {
        ConvocationDocuments(store: store, convocations: convocations, clock: clock.wall)
    }
    /// Issue 9 item 8: services faits, derived from the correction data and entered by hand (D17, D18).
    public var servicesFaits: ServicesFaits { ServicesFaits(store: store, clock: clock.wall) }
}
