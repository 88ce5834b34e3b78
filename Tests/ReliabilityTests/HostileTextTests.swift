import Foundation
import NIOHTTP1
import Testing
@testable import AmoCRM
@testable import WidgetManager

/// Issue 7, hostile text: widget codes, names, settings and server error details carrying escape
/// sequences, bidi controls and marks, zero-width and combining characters, 10,000-character strings
/// and invalid UTF-8 go through the real decoders (`HALDecoding`, `ReplyMapper`) into the app and
/// its views; every screen holds only sanitized text with correct widths, and the frame stays put.
@Suite struct HostileTextTests {
    static let sizes = [(120, 40), (80, 24), (40, 12), (200, 60)]

    /// A widget page as the server would send it (bytes), with one widget per hostile sample.
    static func pageBytes(_ samples: [(name: String, text: String)]) throws -> [UInt8] {
        let widgets: [[String: Any]] = samples.enumerated().map { i, sample in
            ["id": i + 1, "code": "w\(i)_" + sample.text, "version": sample.text, "rating": sample.text,
             "settings_template": [
                ["key": "k_" + sample.text, "name": sample.text, "type": "text", "is_required": true],
                ["key": "pw", "name": "Pass " + sample.text, "type": "pass", "is_required": false],
                ["key": "sip", "name": sample.text, "type": sample.text, "is_required": false],
             ],
             "is_lead_source": true, "is_work_with_dp": false, "is_crm_template": false,
             "client_uuid": sample.text, "is_active_in_account": i % 2 == 0, "pipeline_id": NSNull(),
             "settings": ["k_" + sample.text: sample.text, "pw": "hunter2-\(i)"],
             "_links": ["self": ["href": "https://example.amocrm.ru/api/v4/widgets/" + sample.text]]]
        }
        let page: [String: Any] = ["_page": 1, "_links": ["self": ["href": "x"]], "_embedded": ["widgets": widgets]]
        return Array(try JSONSerialization.data(withJSONObject: page))
    }

    static func reply(_ status: Int, _ body: [UInt8], type: String = "application/hal+json") -> HTTPReply {
        HTTPReply(status: status, headers: HTTPHeaders([("Content-Type", type), ("X-Request-Id", "req-\u{1B}[31m-7")]), body: body)
    }

    /// The app after loading `page`, the detail of widget `index` answered from the same widget.
    static func app(page: WidgetPage, detailFor index: Int, width: Int, height: Int) -> WidgetApp {
        var app = WidgetApp(options: AppOptions(accountHost: "example.amocrm.ru"))
        _ = app.start(width: width, height: height)
        _ = app.receive(.users(id: app.state.usersRequest ?? -1, .success([User(id: 7, name: "\u{1B}[2JEve\u{202E}", isActive: true)])))
        _ = app.receive(.page(id: app.state.load.requestID ?? -1, page: 1, .success(page)))
        for _ in 0..<index { _ = app.handle(.key(.down)) }
        if let pending = app.state.detailRequest, let w = page.widgets.first(where: { $0.code == pending.code }) {
            _ = app.receive(.detail(id: pending.id, code: pending.code, .success(w), local: LocalRecords()))
        }
        return app
    }

    func check(_ app: WidgetApp, _ what: String, width: Int, height: Int, against benign: WidgetApp? = nil) {
        let canvas = app.render(width: width, height: height)
        let problems = HostileText.problems(canvas)
        #expect(problems.isEmpty, "\(what) at \(width)x\(height): \(problems.prefix(5))")
        #expect(canvas.rows.count == height)
        if let benign {
            #expect(HostileText.skeleton(canvas) == HostileText.skeleton(benign.render(width: width, height: height)),
                    "\(what) at \(width)x\(height): the frame moved\n\(canvas.text)")
        }
        #expect(!canvas.text.contains("hunter2"), "a pass value reached the screen")
    }

    @Test func hostileWidgetsDecodeAndDrawClean() throws {
        let body = try Self.pageBytes(HostileText.samples)
        let page = try #require(try HALDecoding.widgetPage(from: Self.reply(200, body), requestedPage: 1))
        #expect(page.widgets.count == HostileText.samples.count)
        #expect(page.skipped == 0)
        // The decoder keeps the text as sent (sanitizing is the views' job): nothing is lost.
        #expect(page.widgets[0].code == "w0_" + HostileText.samples[0].text)
        let benignPage = try #require(try HALDecoding.widgetPage(
            from: Self.reply(200, Self.pageBytes(HostileText.samples.map { ($0.name, "plain") })), requestedPage: 1))
        for (width, height) in Self.sizes {
            for index in [0, 3, 4, 5, 7, 10] {
                var app = Self.app(page: page, detailFor: index, width: width, height: height)
                let benign = Self.app(page: benignPage, detailFor: index, width: width, height: height)
                check(app, "browser, detail of \(HostileText.samples[index].name)", width: width, height: height, against: benign)
                _ = app.handle(.key(.char("/")))
                for ch in "w\u{1B}[2J\u{202E}" { _ = app.handle(.key(.char(ch))) }
                check(app, "filter with escapes", width: width, height: height)
                _ = app.handle(.key(.escape))
                _ = app.handle(.key(.char("?")))
                check(app, "help over hostile list", width: width, height: height)
                _ = app.handle(.key(.char("?")))
            }
        }
    }

    @Test func hostileFormAndServerErrorsDrawClean() throws {
        let page = try #require(try HALDecoding.widgetPage(from: Self.reply(200, Self.pageBytes(HostileText.samples)), requestedPage: 1))
        for (width, height) in Self.sizes {
            for index in HostileText.samples.indices {
                var app = Self.app(page: page, detailFor: index, width: width, height: height)
                let code = page.widgets[index].code
                _ = app.handle(.key(.char(app.state.details[code]?.isActiveInAccount == true ? "e" : "i")))
                // What the form waits for: the widget asked again (a reconfigure), then its local records.
                while let pending = app.state.pendingOpen {
                    if app.state.detailRequest?.id == pending.id, let widget = app.state.details[pending.code] {
                        _ = app.receive(.detail(id: pending.id, code: pending.code, .success(widget), local: LocalRecords()))
                    } else {
                        _ = app.receive(.local(id: pending.id, code: pending.code, LocalRecords()))
                    }
                }
                guard app.state.form != nil else { Issue.record("no form for \(HostileText.samples[index].name)"); continue }
                for ch in "typed\u{1B}]0;x\u{07}\u{202E}Ж" { _ = app.handle(.key(.char(ch))) }
                check(app, "form of \(HostileText.samples[index].name)", width: width, height: height)
                // The server's 400 names fields with hostile paths and details (problem+json bytes).
                let problem = try JSONSerialization.data(withJSONObject: [
                    "title": "Bad \u{1B}[2J", "status": 400, "detail": HostileText.samples[index].text,
                    "validation-errors": [["request_id": "0", "errors": [
                        ["code": "NotSupportedChoice", "path": "k_" + HostileText.samples[index].text, "detail": HostileText.samples[index].text],
                        ["code": "x\u{1B}[31m", "path": "nowhere\u{202E}", "detail": "\u{9B}2J" + HostileText.samples[index].text]]]]])
                let error = ReplyMapper.error(for: Self.reply(400, Array(problem), type: "application/problem+json"), endpoint: "POST /api/v4/widgets/x")
                #expect(!error.message.unicodeScalars.contains(where: HostileText.isForbidden), "error message: \(error.message.debugDescription.prefix(200))")
                _ = app.handle(.key(.ctrl("s")))
                if app.state.dialog != nil { _ = app.handle(.key(.char("y"))) }
                #expect(!app.state.installRequests.isEmpty, "no install sent for \(HostileText.samples[index].name)")
                if let id = app.state.installRequests.first(where: { $0.value == code })?.key {
                    _ = app.receive(.installed(id: id, code: code, .failure(error), record: nil, recordPath: nil, recordError: nil))
                }
                check(app, "form with server errors, \(HostileText.samples[index].name)", width: width, height: height)
                #expect(app.state.form?.fields.contains { field in
                    if case .line(let e) = field.editor { return e.text.contains("typed") } else { return false }
                } == true, "typed input lost")
            }
        }
    }

    @Test func hostileListErrorAndInvalidUTF8() throws {
        // Invalid UTF-8 inside a JSON string, and a 5xx HTML page with escapes in its title.
        var bytes = Array(#"{"_page":1,"_embedded":{"widgets":[{"id":1,"code":"ok_"#.utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x1B, 0x5B, 0x32, 0x4A]
        bytes += Array(#""},{"id":2,"code":"second"}]}}"#.utf8)
        let outcome: Result<WidgetPage?, AmoError>
        do { outcome = .success(try HALDecoding.widgetPage(from: Self.reply(200, bytes), requestedPage: 1)) }
        catch { outcome = .failure(error) }
        switch outcome {
        case .success(let page):
            // Decoded: whatever survived must be drawable.
            #expect((page?.widgets.count ?? 0) + (page?.skipped ?? 0) == 2)
        case .failure(let error):
            guard case .unexpectedBody = error else { Issue.record("invalid UTF-8 gave \(error)"); return }
            #expect(!error.message.unicodeScalars.contains(where: HostileText.isForbidden))
        }
        let html = Array("<html><head><title>502 \u{1B}[2J\u{1B}]0;owned\u{07}Bad \u{202E}Gateway</title></head></html>".utf8)
        let gateway = ReplyMapper.error(for: Self.reply(502, html, type: "text/html"), endpoint: "GET /api/v4/widgets")
        for (width, height) in Self.sizes {
            var app = WidgetApp(options: AppOptions(accountHost: "example.amocrm.ru"))
            _ = app.start(width: width, height: height)
            _ = app.receive(.page(id: app.state.load.requestID ?? -1, page: 1, outcome))
            check(app, "page with invalid UTF-8", width: width, height: height)
            _ = app.handle(.key(.char("r")))
            _ = app.receive(.page(id: app.state.load.requestID ?? -1, page: 1, .failure(gateway)))
            _ = app.receive(.account(id: 1, .failure(gateway)))
            check(app, "502 HTML with escapes", width: width, height: height)
        }
    }

    @Test(arguments: HostileText.samples.map(\.name))
    func sanitizerLeavesNothingForbidden(name: String) throws {
        let text = try #require(HostileText.samples.first { $0.name == name }).text
        let clean = TextSanitizer.clean(text)
        #expect(!clean.unicodeScalars.contains(where: HostileText.isForbidden))
        var canvas = Canvas(width: 30, height: 1)
        let end = canvas.put(text, x: 2, y: 0, maxWidth: 20)
        #expect(end <= 22)
        #expect(HostileText.problems(canvas).isEmpty)
    }
}
