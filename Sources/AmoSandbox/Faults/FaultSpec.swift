// The --faults SPEC grammar: injected failures, deterministic for a given --seed.

/// One kind of injected failure.
public enum FaultKind: Sendable, Equatable {
    /// Answer with this status (5xx, or 401, 403, 429) instead of handling the request; the body is
    /// an HTML gateway page when `html`, else problem+json. Nothing changes in the account. 401 is
    /// the live service's expired-token answer, 403 HTML its API block page, 429 HTML its rate-limit page.
    case status(Int, html: Bool)
    /// Handle the request, then answer 204 No Content with no body (the account may have changed).
    case noContent
    /// Wait this many milliseconds before answering (combines with any other fault).
    case latency(milliseconds: Int)
    /// Handle the request, send the head and half the body, then reset the connection (RST).
    /// The account may have changed: the client cannot know.
    case reset
    /// Handle the request and send only the first half of a JSON body (Content-Length matches
    /// what is sent, so only the JSON is broken).
    case truncate
    /// Handle the request but label a JSON body with this Content-Type instead.
    case contentType(String)
    /// Paging quirk: every HAL page carries `_links.next`, the last one too (following it gives 204).
    case nextAlways
    /// Paging quirk: serve this many items per HAL page whatever `limit` asked (the live service
    /// has changed page sizes silently); the links still echo the requested limit.
    case pageSize(Int)
}

/// One rule: a fault, the requests it applies to, how often and how many times.
public struct FaultRule: Sendable, Equatable {
    /// What happens to a matching request.
    public var kind: FaultKind
    /// Only requests with this method (upper case); nil = any.
    public var method: String?
    /// Only requests whose path starts with this; nil = any. A `?name=value&…` part after the
    /// prefix also requires each query parameter to have exactly that value (`/api/v4/widgets?page=2`:
    /// page 2 of the widget list only).
    public var pathPrefix: String?
    /// Chance per matching request, 0...1 (drawn from the seeded generator).
    public var probability: Double
    /// Fire at most this many times; nil = no limit.
    public var limit: Int?

    /// A rule; by default it matches every request, always fires and never runs out.
    public init(kind: FaultKind, method: String? = nil, pathPrefix: String? = nil, probability: Double = 1, limit: Int? = nil) {
        self.kind = kind
        self.method = method
        self.pathPrefix = pathPrefix
        self.probability = probability
        self.limit = limit
    }

    func matches(method m: String, path: String, query: [String: String] = [:]) -> Bool {
        guard method == nil || method == m else { return false }
        guard let pathPrefix else { return true }
        let parts = pathPrefix.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard path.hasPrefix(parts[0]) else { return false }
        return parts.dropFirst().first.map { wanted in
            wanted.split(separator: "&").allSatisfy { pair in
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return query[String(kv[0])] == (kv.count == 2 ? String(kv[1]) : "")
            }
        } ?? true
    }
}

/// A parsed `--faults SPEC`: comma-separated rules.
public struct FaultSpec: Sendable, Equatable {
    /// The rules, in SPEC order (the first firing status/reset/truncate rule wins).
    public var rules: [FaultRule]

    /// A spec from rules built in code.
    public init(rules: [FaultRule]) { self.rules = rules }

    /// The grammar, as `amowidgets sandbox --help` prints it.
    public static let grammar = """
        SPEC: comma-separated rules, each KIND[:PARAM][@METHOD/PATH][%PERCENT][#COUNT]
          500|502|503[:json|html]  answer that status, nothing changes (500 sends
                                   problem+json, the others the HTML gateway page)
          401|403|429[:json|html]  the same for an expired token (401, problem+json),
                                   the API block page (403) and the rate limit (429)
          204                      handle the request, answer 204 with no body
          latency:MS               wait MS milliseconds first (adds to other faults)
          reset                    send half the body, then reset the connection
          truncate                 send only the first half of a JSON body
          content-type[:TYPE]      label JSON bodies TYPE (default text/html)
          next-always              every HAL page links a next page, the last too
          page-size:N              serve N items per HAL page whatever limit asks
          @METHOD/PATH             only matching requests (path prefix; a space may
                                   separate them): @POST, @/api/v4/users,
                                   @DELETE /api/v4/widgets/amo_asterisk; a ?QUERY
                                   part must match too: @/api/v4/widgets?page=2
          %PERCENT                 chance per matching request (default 100),
                                   drawn from --seed: same seed, same faults
          #COUNT                   fire at most COUNT times (503#2: two fail)
        Example: --faults '503@GET/api/v4/widgets%30,latency:200,reset@DELETE#1'
        """

    /// Parses SPEC; throws `FaultSpecError` naming the rule and what is wrong.
    public init(parsing spec: String) throws {
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard !spec.allSatisfy({ $0 == " " }) else { throw FaultSpecError(rule: spec, reason: "empty fault spec") }
        rules = try parts.map(Self.rule)
    }

    static func rule(_ text: String) throws -> FaultRule {
        func fail(_ reason: String) -> FaultSpecError { FaultSpecError(rule: text, reason: reason) }
        guard !text.isEmpty else { throw fail("empty rule") }
        let markers: Set<Character> = ["@", "%", "#"]
        let head = String(text.prefix { !markers.contains($0) })
        var rest = Substring(text.dropFirst(head.count))
        let (name, param) = head.firstIndex(of: ":").map { (String(head[..<$0]), String(head[head.index(after: $0)...])) } ?? (head, nil)
        var rule = FaultRule(kind: try kind(name.lowercased(), param: param, fail: fail))
        while let marker = rest.first {
            let value = String(rest.dropFirst().prefix { !markers.contains($0) })
            rest = rest.dropFirst(1 + value.count)
            switch marker {
            case "@":
                let target = value.trimmingSpaces()
                let slash = target.firstIndex(of: "/")
                let method = String(target[..<(slash ?? target.endIndex)]).trimmingSpaces()
                guard method.allSatisfy({ $0.isLetter }) else { throw fail("'@' takes METHOD and/or /PATH-PREFIX") }
                rule.method = method.isEmpty ? nil : method.uppercased()
                rule.pathPrefix = slash.map { String(target[$0...]) }
                guard rule.method != nil || rule.pathPrefix != nil else { throw fail("'@' needs a method or a path") }
            case "%":
                guard let p = Double(value), p >= 0, p <= 100 else { throw fail("'%' takes a percentage from 0 to 100") }
                rule.probability = p / 100
            default:
                guard let n = Int(value), n > 0 else { throw fail("'#' takes a positive count") }
                rule.limit = n
            }
        }
        return rule
    }

    static func kind(_ name: String, param: String?, fail: (String) -> FaultSpecError) throws -> FaultKind {
        if name == "204" {
            guard param == nil else { throw fail("204 takes no parameter") }
            return .noContent
        }
        if let status = Int(name) {
            guard (500...599).contains(status) || [401, 403, 429].contains(status) else {
                throw fail("status faults are 500 to 599, 401, 403 and 429")
            }
            switch param?.lowercased() {
            case nil: return .status(status, html: status != 500 && status != 401)
            case "json": return .status(status, html: false)
            case "html": return .status(status, html: true)
            default: throw fail("a status takes :json or :html")
            }
        }
        switch name {
        case "latency":
            guard let ms = param.flatMap({ Int($0) }), ms >= 0, ms <= 600_000 else {
                throw fail("latency takes milliseconds, e.g. latency:250")
            }
            return .latency(milliseconds: ms)
        case "reset", "truncate", "next-always":
            guard param == nil else { throw fail("\(name) takes no parameter") }
            return name == "reset" ? .reset : name == "truncate" ? .truncate : .nextAlways
        case "page-size":
            guard let n = param.flatMap({ Int($0) }), n >= 1 else { throw fail("page-size takes a count, e.g. page-size:100") }
            return .pageSize(n)
        case "content-type":
            let type = param ?? "text/html"
            guard !type.isEmpty, type.allSatisfy({ $0.isASCII && !$0.isNewline }) else { throw fail("invalid content type") }
            return .contentType(type)
        default:
            throw fail("unknown fault '\(name)' (500|502|503, 401|403|429, 204, latency, reset, truncate, content-type, next-always, page-size)")
        }
    }
}

/// A `--faults` SPEC that does not parse.
public struct FaultSpecError: Error, Sendable, CustomStringConvertible {
    /// The offending rule text.
    public let rule: String
    /// What is wrong with it.
    public let reason: String
    /// "invalid fault rule 'RULE': REASON", one line.
    public var description: String { "invalid fault rule '\(rule)': \(reason)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
