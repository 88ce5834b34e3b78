import AmoCRM
import Foundation

/// `amowidgets-bench`: the in-process half of `scripts/bench` (release build). Each subcommand
/// measures one thing against a running sandbox (`--url`, the admin token) and prints ONE JSON
/// object on stdout; `scripts/bench` runs the out-of-process half (pty, curl, /proc) and the table.
///
///   keys   --url U [--width 200 --height 60 --presses 200]   update + view + frame diff per key, µs
///   load   --url U [--pacing off|R]                          all pages through AmoClient, seconds
///   decode --url U [--rounds N]                              widget pages decoded per second
///   decode-file --file PAGE.json [--rounds N]                the same from a saved body, no network
///                                                           (for valgrind --tool=callgrind)
///   keys-file --pages DIR [--width --height --presses]      `keys` on saved page-N.json bodies, no network
let arguments = Array(CommandLine.arguments.dropFirst())

/// The value after `--name`, or `fallback`.
func option(_ name: String, _ fallback: String) -> String {
    guard let i = arguments.firstIndex(of: "--" + name), i + 1 < arguments.count else { return fallback }
    return arguments[i + 1]
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data("amowidgets-bench: \(text)\n".utf8))
    exit(2)
}

/// Prints `object` as one line of JSON.
func emit(_ object: [String: Any]) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { fail("unencodable result") }
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

/// A client for the sandbox at `url` with the admin token; `pacing` nil = off.
func makeClient(url: String, pacing: Double?, onEvent: (@Sendable (ClientEvent) -> Void)? = nil) -> AmoClient {
    do {
        var configuration = AmoClientConfiguration(baseURL: try BaseURL(parsing: url), credentials: .longLivedToken("sandbox-admin-token"))
        configuration.requestsPerSecond = pacing
        if let onEvent { configuration.onEvent = onEvent }
        return AmoClient(configuration: configuration)
    } catch {
        fail("bad --url \(url): \(error)")
    }
}

if arguments.first == "decode-file" {
    let paths = arguments.indices.filter { arguments[$0] == "--file" && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
    do { emit(try DecodeBench.decodeFile(paths: paths, rounds: Int(option("rounds", "200")) ?? 200)) } catch { fail("\(error)") }
    exit(0)
}
if arguments.first == "keys-file" {
    emit(KeyBench.runFromFiles(pages: option("pages", "."), width: Int(option("width", "200")) ?? 200,
                               height: Int(option("height", "60")) ?? 60, presses: Int(option("presses", "200")) ?? 200))
    exit(0)
}

let url = option("url", "")
if url.isEmpty { fail("usage: amowidgets-bench keys|load|decode --url http://127.0.0.1:PORT [options]") }
do {
    switch arguments.first {
    case "keys":
        emit(try await KeyBench.run(url: url, width: Int(option("width", "200")) ?? 200,
                                    height: Int(option("height", "60")) ?? 60, presses: Int(option("presses", "200")) ?? 200))
    case "load":
        let pacing = option("pacing", "off")
        emit(try await LoadBench.run(url: url, pacing: pacing == "off" ? nil : Double(pacing)))
    case "decode":
        emit(try await DecodeBench.run(url: url, rounds: Int(option("rounds", "200")) ?? 200))
    default:
        fail("unknown subcommand \(arguments.first ?? ""); use keys, load or decode")
    }
} catch let error as AmoError {
    fail(error.message)
} catch {
    fail("\(error)")
}
