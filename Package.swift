// swift-tools-version:6.0
// amowidgets: manage an amoCRM / Kommo account's widgets from the terminal (see docs/ARCHITECTURE.md).
import PackageDescription

let package = Package(
    name: "amowidgets",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "amowidgets", targets: ["amowidgets"]),
        .executable(name: "amowidgets-bench", targets: ["amowidgets-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The client core: models, endpoints, HAL paging, problem+json errors, auth, pacing, retries.
        .target(
            name: "AmoCRM",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),  // to classify connection errors
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),  // locks TSan understands
            ]
        ),
        // An emulated amoCRM account serving the same HTTP API on loopback (demo default, test peer).
        // It never imports AmoCRM: its JSON comes from its own catalogue and its own encoders.
        .target(
            name: "AmoSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),  // the HTTP server without Application's timer
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),  // HTTPParserError, as Application handles it
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),  // locks TSan understands
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The application core, no terminal in it: state, actions, update, effects, views -> Canvas.
        .target(
            name: "WidgetManager",
            dependencies: [
                "AmoCRM",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),  // locks TSan understands
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // C module: ncursesw plus a thin shim for what Swift cannot import (macros, globals, signals).
        .target(
            name: "CNCurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // The ncurses front end: terminal session, input decoding, event loop, drawing a Canvas.
        .target(
            name: "TerminalUI",
            dependencies: [
                "CNCurses", "WidgetManager",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),  // locks TSan understands
            ]
        ),
        // The command line; wires the layers together.
        .executableTarget(
            name: "amowidgets",
            dependencies: [
                "AmoCRM", "AmoSandbox", "WidgetManager", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The in-process half of scripts/bench (keystroke CPU, catalogue load, decode); prints JSON.
        .executableTarget(
            name: "amowidgets-bench",
            dependencies: [
                "AmoCRM", "WidgetManager", "TerminalUI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AmoCRMTests",
            dependencies: ["AmoCRM", "AmoSandbox", .product(name: "Logging", package: "swift-log")],
            // Copies of shared/fixtures (payloads as documented or seen live): decoded by the tests.
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "AmoSandboxTests", dependencies: [
            "AmoSandbox",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["Fixtures"]),
        // The golden screens are read from the source tree (#filePath), not bundled.
        .testTarget(name: "WidgetManagerTests", dependencies: ["WidgetManager", "AmoSandbox"], exclude: ["Golden"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        // Issue 7: hostile text, the fuzz targets' mutation driver (the same targets scripts/fuzz builds
        // with libFuzzer), secrets. The corpus is read from the source tree (#filePath).
        .testTarget(name: "ReliabilityTests", dependencies: [
            "AmoCRM", "WidgetManager", "AmoSandbox",
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Corpus"]),
        // Drives the real binary: the `amowidgets` dependency makes `swift test` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["amowidgets", "AmoSandbox"]),
    ]
)
