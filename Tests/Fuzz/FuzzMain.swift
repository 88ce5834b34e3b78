import Foundation

// libFuzzer entry point for `scripts/fuzz`: FUZZ_TARGET (a name from `FuzzTargets.all`) picks the
// target; the script sets it per run. Built with -sanitize=fuzzer together with the decoder and form
// sources and Tests/ReliabilityTests/FuzzTargets (one module, so no imports of the package's modules).
nonisolated(unsafe) private var selected: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if selected == nil {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.all.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        selected = target.run
    }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selected?(bytes)
    return 0
}
