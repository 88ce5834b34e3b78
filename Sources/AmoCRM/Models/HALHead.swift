/// The HAL `_links` object at the head of a list page, read before the page is parsed, so the
/// walker can request page N+1 while page N is parsed (issue 6: the parse was on the critical path
/// of every page). Not a JSON parser: it reads only the leading members of the top-level object up
/// to and including `_links`, in the shape the API sends
/// (`{"_page": 2, "_links": {"self": {"href": "…"}, "next": {"href": "…"}}, "_embedded": …}`,
/// shared/amocrm-api.md), and gives up — nil, "not sure" — on anything else: a member before
/// `_links` that is not a number, a plain string or a literal; a link that is not an object of such
/// scalars; a string with an escape other than `\/` or with a byte outside printable ASCII; a
/// repeated link name; more than `limit` bytes before `_links` ends; any syntax it does not expect.
///
/// The answer is a guess until the full parse confirms it: `WidgetPages` compares it with
/// `HALDocument.nextLink` and, when they differ, drops (cancels) the early request and follows the
/// parsed link. A body that fails to parse still fails as that page's error.
struct HALHead: Equatable {
    /// `_links.next.href` as sent (with `\/` unescaped), nil when `_links` has no `next` member or
    /// its `next` has no `href`.
    var nextLink: String?

    /// Bytes looked at, at most: `_links` of a real page ends within its first ~300 bytes.
    static let limit = 4096

    /// The head of `body`, or nil when the reader cannot be sure (see the type's rules).
    init?(body: [UInt8]) {
        var reader = Reader(bytes: body.prefix(Self.limit))
        guard let next = reader.links() else { return nil }
        nextLink = next
    }

    init(nextLink: String?) { self.nextLink = nextLink }

    /// A cursor over the first bytes of a body. Every method returns nil (gives up) on a byte it
    /// does not expect.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            at = bytes.startIndex
        }

        /// Walks the top-level members up to `_links`; returns its `next.href` wrapped (`.some(nil)`
        /// for no next link), or nil.
        mutating func links() -> String?? {
            guard take(UInt8(ascii: "{")) else { return nil }
            while true {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                if key == "_links" { return linksObject() }
                guard scalar() else { return nil }
                guard take(UInt8(ascii: ",")) else { return nil }  // `}` here: the page has no `_links`
            }
        }

        /// `{"name": {"href": "…", …}, …}`: the `href` of `next`.
        private mutating func linksObject() -> String?? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var names: Set<String> = []
            var next: String?
            if take(UInt8(ascii: "}")) { return .some(nil) }
            while true {
                guard let name = string(), names.insert(name).inserted, take(UInt8(ascii: ":")),
                      let href = link() else { return nil }
                if name == "next" { next = href }
                if take(UInt8(ascii: "}")) { return .some(next) }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }

        /// One link object of scalar members; its `href` (a string) wrapped, or nil to give up.
        private mutating func link() -> String?? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var members: Set<String> = []
            var href: String?
            if take(UInt8(ascii: "}")) { return .some(nil) }
            while true {
                guard let key = string(), members.insert(key).inserted, take(UInt8(ascii: ":")) else { return nil }
                if key == "href" {
                    guard let value = string() else { return nil }
                    href = value
                } else if !scalar() {
                    return nil
                }
                if take(UInt8(ascii: "}")) { return .some(href) }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }

        /// Skips a number, a plain string or `true`/`false`/`null`; false for anything else.
        private mutating func scalar() -> Bool {
            skipSpace()
            guard at < bytes.endIndex else { return false }
            if bytes[at] == UInt8(ascii: "\"") { return string() != nil }
            let start = at
            while at < bytes.endIndex, Self.isScalarByte(bytes[at]) { at += 1 }
            let text = bytes[start..<at]
            if text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) || text.elementsEqual("null".utf8) { return true }
            guard let first = text.first, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
            return text.allSatisfy(Self.isNumberByte)
        }

        /// A string of printable ASCII whose only escape is `\/`; nil otherwise.
        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            while at < bytes.endIndex {
                let byte = bytes[at]
                at += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.endIndex, bytes[at] == UInt8(ascii: "/") else { return nil }
                    text.append(UInt8(ascii: "/"))
                    at += 1
                case 0x20...0x7E: text.append(byte)
                default: return nil
                }
            }
            return nil
        }

        /// Skips white space, then consumes `byte` if it comes next.
        private mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.endIndex, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        private mutating func skipSpace() {
            while at < bytes.endIndex, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }

        private static func isScalarByte(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || isNumberByte(b)
        }

        private static func isNumberByte(_ b: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }
    }
}
