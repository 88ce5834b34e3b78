/// One page of a HAL list (`application/hal+json`) as amoCRM sends it:
/// `{"_page": N, "_links": {"self": {"href"}, "next": {"href"}}, "_embedded": {"<key>": [...]}}`.
///
/// Items that cannot be read (e.g. a widget without a `code`, or one holding invalid UTF-8) are
/// skipped and counted in `skipped` rather than failing the page. A missing `_embedded` or key gives
/// an empty list. Read straight from the bytes with `JSONReader`, one item at a time, so a broken
/// string costs only its own item.
struct HALCollection<Item: JSONObjectDecodable> {
    var page: Int?
    var selfLink: String?
    var nextLink: String?
    var items: [Item]
    var skipped: Int

    /// Reads the page in `bytes`, with the items under `_embedded.<key>` (`widgets`, `users`, `pipelines`).
    /// - Throws: `DecodingError.dataCorrupted` (empty coding path) for malformed or truncated JSON;
    ///   `DecodingError.typeMismatch` when the document is not an object.
    init(bytes: [UInt8], key: String) throws(DecodingError) {
        self = try JSONReader.read(bytes) { (reader: inout JSONReader) throws(DecodingError) -> HALCollection in
            try HALCollection(reader: &reader, key: key)
        }
    }

    private init(reader: inout JSONReader, key: String) throws(DecodingError) {
        (page, selfLink, nextLink, items, skipped) = (nil, nil, nil, [], 0)
        try read(&reader, key: key)
    }

    private mutating func read(_ reader: inout JSONReader, key: String) throws(DecodingError) {
        guard reader.peek() == UInt8(ascii: "{") else {
            _ = try reader.readValue()  // malformed JSON is reported as such first
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: [], debugDescription: "a HAL page is a JSON object"))
        }
        try reader.beginObject()
        var first = true
        while let member = try reader.nextKey(first: &first) {
            switch member {
            case "_page": page = JSONValue.lenientInt(try Self.clean(&reader))
            case "_links":
                let links = try Self.clean(&reader)
                selfLink = JSONValue.halLink(links, "self")
                nextLink = JSONValue.halLink(links, "next")
            case "_embedded" where reader.peek() == UInt8(ascii: "{"):
                try readEmbedded(&reader, key: key)
            default: _ = try reader.readValue()
            }
        }
    }

    /// `_embedded`: the list under `key`, item by item; other members are read past.
    private mutating func readEmbedded(_ reader: inout JSONReader, key: String) throws(DecodingError) {
        try reader.beginObject()
        var first = true
        while let member = try reader.nextKey(first: &first) {
            guard member == key, reader.peek() == UInt8(ascii: "[") else {
                _ = try reader.readValue()
                continue
            }
            (items, skipped) = ([], 0)  // a repeated key: the last list wins, as in a JSON object
            try reader.beginArray()
            var firstItem = true
            while try reader.nextElement(first: &firstItem) {
                guard reader.peek() == UInt8(ascii: "{") else {
                    _ = try reader.readValue()
                    skipped += 1
                    continue
                }
                let errorsBefore = reader.contentErrors
                let members = try reader.readMembers()
                if reader.contentErrors == errorsBefore, let item = try? Item(object: members, codingPath: []) {
                    items.append(item)
                } else {
                    skipped += 1
                }
            }
        }
    }

    /// `_links.next.href` read from the top-level members before `_embedded` only — amoCRM and the
    /// sandbox send `_links` first — so it costs next to nothing; nil when absent there or unreadable.
    /// Lets the next page be requested while this one decodes (`WidgetPages`); the full decode
    /// still decides what is followed.
    static func peekNextLink(_ bytes: [UInt8]) -> String? {
        let link = try? JSONReader.read(bytes, toEnd: false) { (reader: inout JSONReader) throws(DecodingError) -> String? in
            guard reader.peek() == UInt8(ascii: "{") else { return nil }
            try reader.beginObject()
            var first = true
            while let member = try reader.nextKey(first: &first), member != "_embedded" {
                let value = try reader.readValue()
                if member == "_links" { return JSONValue.halLink(value, "next") }
            }
            return nil
        }
        return link ?? nil
    }

    /// The next value, or nil when it held invalid text (a link or page number not to be trusted).
    private static func clean(_ reader: inout JSONReader) throws(DecodingError) -> JSONValue? {
        let errorsBefore = reader.contentErrors
        let value = try reader.readValue()
        return reader.contentErrors == errorsBefore ? value : nil
    }
}
