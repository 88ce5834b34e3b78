import AmoCRM
import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// The installs, reconfigures and uninstalls whose answer has not been recorded yet, so that no exit
/// leaves a change unrecorded.
///
/// A change registers before its request leaves and `claim`s its entry when its answer is in; the one
/// who claims writes the audit line. When the program leaves before an answer (a second ^C or signal,
/// or the wait for the answer ran out), `abandonAll` takes what is left and its caller records each
/// as `unknown`; an answer that comes in later finds its entry gone and writes nothing: one line per
/// change, never two.
public final class ChangesInFlight: Sendable {
    /// One change waiting for its answer.
    public struct Change: Sendable, Hashable {
        /// Install, reconfigure or uninstall.
        public var action: AuditRecord.Action
        /// The widget code.
        public var code: String
        /// The account host (backup and audit folders).
        public var host: String
        /// What an install sends (recorded as sent when the outcome is unknown); empty for an uninstall.
        public var settings: [String: JSONValue]
    }

    private let changes = NIOLockedValueBox<[Int: Change]>([:])
    private let next = Atomic<Int>(0)

    public init() {}

    /// Registers a change about to be sent; returns its ticket for `claim`.
    public func register(_ change: Change) -> Int {
        let ticket = next.add(1, ordering: .relaxed).newValue
        changes.withLockedValue { $0[ticket] = change }
        return ticket
    }

    /// Takes the change's entry when its answer is in. False: it was abandoned (already recorded).
    public func claim(_ ticket: Int) -> Bool {
        changes.withLockedValue { $0.removeValue(forKey: ticket) != nil }
    }

    /// The changes still waiting, taken out (the program is leaving without their answers).
    public func abandonAll() -> [Change] {
        changes.withLockedValue { all in
            defer { all.removeAll() }
            return all.sorted { $0.key < $1.key }.map(\.value)
        }
    }
}
