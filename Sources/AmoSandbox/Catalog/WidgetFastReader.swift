// Reads a catalogue widget straight from the JSON text into a CatalogWidget (no tree, no
// dictionaries): a 10,000-widget catalogue is read several times faster, which is most of the
// sandbox's start. Anything unusual returns nil and the widget is read again the checked way
// (`CatalogDecoder.widget` on a tree), which also words every error, so both ways accept
// exactly the same files and build the same widgets.

extension JSONParser {
    /// One widget object of `widgets.json`, or nil when it is not the plain shape (a member of
    /// the wrong type, a missing or repeated member, invalid JSON): the caller then re-reads it.
    mutating func catalogWidget(_ strings: inout Interner) -> CatalogWidget? {
        var id: Int?, code: String?, version: SandboxJSON?, rating: SandboxJSON = .null
        var template: [CatalogField]?
        var lead: Bool?, dp: Bool?, crm: Bool?, active: Bool?
        var clientUUID: String?, pipelineID: Int?, settings: JSONObject?
        var seen: UInt16 = 0
        guard members({ key, p in
            // A repeated member: the tree keeps the last one; leave that to the checked way.
            let bit: UInt16 = Self.widgetKeys.firstIndex(of: key).map { 1 << $0 } ?? 0
            guard seen & bit == 0 else { return false }
            seen |= bit
            switch key {
            case "id": id = p.int(); return id != nil
            case "code": code = p.plainString(); return code != nil
            case "version":
                guard let v = try? p.value(depth: 2), v.stringValue != nil || v.intValue != nil else { return false }
                version = v
            case "rating":
                guard let v = try? p.value(depth: 2) else { return false }
                switch v {
                case .string, .int, .double, .null: rating = v
                default: return false
                }
            case "settings_template": template = p.fields(&strings); return template != nil
            case "is_lead_source": lead = p.bool(); return lead != nil
            case "is_work_with_dp": dp = p.bool(); return dp != nil
            case "is_crm_template": crm = p.bool(); return crm != nil
            case "is_active_in_account": active = p.bool(); return active != nil
            case "client_uuid":
                guard let v = try? p.value(depth: 2) else { return false }
                if case .string(let s) = v { clientUUID = s } else if v != .null { return false }
            case "pipeline_id":
                guard let v = try? p.value(depth: 2) else { return false }
                if case .int(let n) = v { pipelineID = n } else if v != .null { return false }
            case "settings":
                guard let v = try? p.value(depth: 2) else { return false }
                if case .object(let o) = v { settings = o } else if v != .null { return false }
            default:
                return (try? p.value(depth: 2)) != nil  // other members are read and ignored
            }
            return true
        }) else { return nil }
        guard let id, let code, let version, let template, let lead, let dp, let crm, let active else { return nil }
        return CatalogWidget(id: id, code: code, version: version, rating: rating, template: template,
                             isLeadSource: lead, isWorkWithDP: dp, isCRMTemplate: crm, clientUUID: clientUUID,
                             initiallyInstalled: active, initialPipelineID: pipelineID, initialSettings: settings)
    }

    static let widgetKeys = ["id", "code", "version", "rating", "settings_template", "is_lead_source", "is_work_with_dp",
                             "is_crm_template", "is_active_in_account", "client_uuid", "pipeline_id", "settings"]
    static let fieldKeys = ["key", "name", "type", "is_required"]

    /// `settings_template`: an array of {key, name, type, is_required}; nil for anything else.
    mutating func fields(_ strings: inout Interner) -> [CatalogField]? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var out: [CatalogField] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return out }
        while true {
            var key: String?, name: String?, type: String?, required: Bool?
            var seen: UInt8 = 0
            guard members({ k, p in
                let bit: UInt8 = Self.fieldKeys.firstIndex(of: k).map { 1 << $0 } ?? 0
                guard seen & bit == 0 else { return false }
                seen |= bit
                switch k {
                case "key": key = p.plainString(); return key != nil
                case "name": name = p.plainString(); return name != nil
                case "type": type = p.plainString(); return type != nil
                case "is_required": required = p.bool(); return required != nil
                default: return (try? p.value(depth: 4)) != nil
                }
            }), let key, let name, let type, let required else { return nil }
            out.append(CatalogField(key: strings.intern(key), name: strings.intern(name), type: strings.intern(type),
                                    isRequired: required))
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return out }
            return nil
        }
    }

    /// Walks an object's members, handing each key to `member` with the parser on its value;
    /// false when the text is not an object or `member` refuses one.
    mutating func members(_ member: (String, inout JSONParser) -> Bool) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
        while true {
            skipSpace()
            guard let key = plainString() else { return false }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
            i += 1
            skipSpace()
            guard member(key, &self) else { return false }
            skipSpace()
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            return false
        }
    }

    /// A JSON string, or nil for anything else (no error: the checked way will say it).
    mutating func plainString() -> String? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        return try? string()
    }

    /// A JSON integer, or nil.
    mutating func int() -> Int? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || isDigit(bytes[i]), case .int(let n)? = try? number() else { return nil }
        return n
    }

    /// `true` or `false`, or nil.
    mutating func bool() -> Bool? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "t"): return (try? literal("true")) != nil ? true : nil
        case UInt8(ascii: "f"): return (try? literal("false")) != nil ? false : nil
        default: return nil
        }
    }
}
