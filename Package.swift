// swift-tools-version:6.0
// Ardoise: offline-first grading nodes and the central server that merges them.
// No Swift packages: Foundation, Dispatch, Glibc and system C libraries only.
import PackageDescription

let package = Package(
    name: "Ardoise",
    products: [
        .executable(name: "ardoise", targets: ["ardoise"]),
        .executable(name: "ardoise-server", targets: ["ardoise-server"]),
        .executable(name: "ardoise-bench", targets: ["ardoise-bench"]),
    ],
    targets: [
        // System libraries: one module imports each of them.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CCurlShim", path: "Sources/CCurlShim", linkerSettings: [.linkedLibrary("curl")]),

        // Shared foundations.
        .target(name: "ArdoiseSQLite", dependencies: ["CSQLite"], path: "Sources/ArdoiseSQLite"),
        .target(name: "ArdoiseSupport", dependencies: ["CCrypto"], path: "Sources/ArdoiseSupport"),
        .target(name: "ArdoiseHTTPServer", dependencies: ["CEpoll"], path: "Sources/ArdoiseHTTPServer"),
        .target(name: "ArdoiseCLI", dependencies: ["ArdoiseSupport", "ArdoiseSQLite"], path: "Sources/ArdoiseCLI"),
        .target(name: "ArdoiseHTTPClient", dependencies: ["CCurlShim"], path: "Sources/ArdoiseHTTPClient"),
        // gzip for HTTP bodies: pull pages and push bodies (issue 12).
        .target(name: "ArdoiseGzip", dependencies: ["CZlib"], path: "Sources/ArdoiseGzip"),
        // Convocation PDFs, their zip, and sending them by mail (SMTP through ArdoiseHTTPClient's libcurl).
        .target(name: "ArdoiseDocuments", dependencies: ["CZlib", "ArdoiseHTTPClient"], path: "Sources/ArdoiseDocuments"),

        // The wire contract and the pure domain rules.
        .target(name: "ArdoiseProtocol", path: "Protocol"),
        // The reference data both node and server store: one schema, one set of reads and writes.
        .target(name: "ArdoiseReferenceStore", dependencies: ["ArdoiseProtocol", "ArdoiseSQLite"],
                path: "Sources/ArdoiseReferenceStore"),

        // The node.
        .target(
            name: "ArdoiseNode",
            dependencies: ["ArdoiseProtocol", "ArdoiseReferenceStore", "ArdoiseSQLite", "ArdoiseSupport", "ArdoiseHTTPClient", "ArdoiseGzip"],
            path: "Node/ArdoiseNode"),
        // The examiner's page on the lab PC (`ardoise serve`), over the shared HTTP server.
        .target(
            name: "ArdoiseNodeWeb",
            dependencies: ["ArdoiseNode", "ArdoiseProtocol", "ArdoiseSupport", "ArdoiseHTTPServer"],
            path: "Node/ArdoiseNodeWeb"),
        .executableTarget(name: "ardoise", dependencies: ["ArdoiseNode", "ArdoiseNodeWeb", "ArdoiseCLI", "ArdoiseSupport"],
                          path: "Node/ardoise"),

        // The central server.
        .target(
            name: "ArdoiseServer",
            dependencies: ["ArdoiseProtocol", "ArdoiseReferenceStore", "ArdoiseSQLite", "ArdoiseSupport", "ArdoiseHTTPServer",
                           "ArdoiseDocuments", "ArdoiseHTTPClient", "ArdoiseGzip"],
            path: "Server/ArdoiseServer"),
        .executableTarget(
            name: "ardoise-server", dependencies: ["ArdoiseServer", "ArdoiseHTTPServer", "ArdoiseCLI", "ArdoiseHTTPClient", "ArdoiseProtocol", "ArdoiseSupport"],
            path: "Server/ardoise-server"),
        .executableTarget(
            name: "ardoise-bench", dependencies: ["ArdoiseServer", "ArdoiseNode", "ArdoiseGzip", "ArdoiseHTTPServer", "ArdoiseSQLite", "ArdoiseProtocol", "ArdoiseHTTPClient", "ArdoiseSupport"],
            path: "Server/ardoise-bench"),

        // Tests: one target per module, plus end to end over the real executables.
        .testTarget(name: "SupportTests", dependencies: ["ArdoiseSupport", "ArdoiseSQLite"], path: "Tests/SupportTests"),
        .testTarget(name: "CLITests", dependencies: ["ArdoiseCLI", "ArdoiseSupport", "ArdoiseSQLite"], path: "Tests/CLITests"),
        .target(name: "TestSupport", dependencies: ["ArdoiseSupport"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["ArdoiseHTTPServer", "ArdoiseHTTPClient", "TestSupport"], path: "Tests/HTTPTests"),
        .testTarget(name: "DocumentsTests", dependencies: ["ArdoiseDocuments", "ArdoiseHTTPClient", "TestSupport"], path: "Tests/DocumentsTests",
                    exclude: ["smtp_sink.py"]),
        .testTarget(name: "ProtocolTests", dependencies: ["ArdoiseProtocol"], path: "Tests/ProtocolTests"),
        .testTarget(
            name: "ServerTests", dependencies: ["ArdoiseServer", "ArdoiseNode", "ArdoiseGzip", "ArdoiseProtocol", "ArdoiseSupport", "ArdoiseHTTPClient", "ArdoiseHTTPServer", "TestSupport"], path: "Tests/ServerTests"),
        .testTarget(
            name: "NodeTests", dependencies: ["ArdoiseNode", "ArdoiseNodeWeb", "ArdoiseHTTPServer", "ArdoiseServer", "ArdoiseProtocol", "ArdoiseSupport", "TestSupport"], path: "Tests/NodeTests"),
        .testTarget(
            name: "FaultTests",
            dependencies: ["ArdoiseNode", "ArdoiseServer", "ArdoiseProtocol", "ArdoiseHTTPClient", "ArdoiseHTTPServer",
                           "ArdoiseSupport", "TestSupport"],
            path: "Tests/FaultTests"),
        .testTarget(
            name: "EndToEndTests", dependencies: ["ardoise", "ardoise-server", "ArdoiseSupport", "ArdoiseSQLite", "TestSupport"],
            path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
