// swift-tools-version:6.0
import PackageDescription

/// The client side (PanelModels, PanelClient, TerminalUI, PanelApp, haker-panel) imports
/// FoundationEssentials only: no ICU, a small binary and a fast start. The server side may use
/// Foundation through its dependencies.
let package = Package(
    name: "haker-panel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "haker-panel", targets: ["haker-panel"]),
        .executable(name: "haker-panel-server", targets: ["haker-panel-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // The server's entry point hands Swift's global executor to NIO's event loops (NIOPosix).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Tests only: reads openapi.yaml so the server tests can check each response against it.
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        // MARK: - C layers
        .systemLibrary(name: "CCurses", path: "Sources/CCurses"),
        // libcurl through dlopen on the first request: the client does not link it (issue 7).
        .target(name: "CCurl"),
        .systemLibrary(name: "CServerShims", path: "Sources/CServerShims"),

        // MARK: - Shared
        .target(name: "PanelModels"),

        // MARK: - Client
        .target(name: "PanelClient", dependencies: ["CCurl", "PanelModels"]),
        .target(name: "TerminalUI", dependencies: ["CCurses"]),
        .target(name: "PanelApp", dependencies: ["TerminalUI", "PanelClient", "PanelModels"]),
        .executableTarget(
            name: "haker-panel",
            dependencies: ["PanelApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: - Server
        .target(
            name: "PanelServer",
            dependencies: [
                "PanelModels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "haker-panel-server",
            dependencies: [
                "PanelServer", "CServerShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // MARK: - Tests
        // Seeded generators of hostile input for the property tests (a library only tests use).
        .target(name: "PropertyTesting", path: "Tests/PropertyTesting"),
        // A scripted HTTP server on loopback, a fake panel API answering with hostile data and
        // faults, and a self-signed TLS server (openssl): the fault injectors of the tests.
        .target(name: "ScriptedHTTP", dependencies: ["PanelClient"], path: "Tests/ScriptedHTTP"),
        .testTarget(name: "PanelModelsTests", dependencies: ["PanelModels", "PropertyTesting"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "PropertyTesting"]),
        .testTarget(name: "PanelClientTests", dependencies: ["PanelClient", "ScriptedHTTP"]),
        .testTarget(name: "PanelAppTests", dependencies: ["PanelApp", "PropertyTesting", "ScriptedHTTP"]),
        .testTarget(
            name: "PanelServerTests",
            dependencies: [
                "PanelServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["PanelModels", "ScriptedHTTP"]),
    ]
)
