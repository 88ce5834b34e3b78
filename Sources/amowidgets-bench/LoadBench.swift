import AmoCRM
import Synchronization

/// Catalogue load: every page of `GET /api/v4/widgets` (250 a page) through `AmoClient.allWidgets`,
/// timed with the monotonic clock from the first request to the last page decoded.
enum LoadBench {
    static func run(url: String, pacing: Double?) async throws -> [String: Any] {
        let waits = Mutex(0)
        let client = makeClient(url: url, pacing: pacing) { event in
            if case .waiting = event { waits.withLock { $0 += 1 } }
        }
        let clock = ContinuousClock()
        var pages = 0, widgets = 0
        let start = clock.now
        do {
            for try await page in client.allWidgets(limit: 250) {
                pages += 1
                widgets += page.widgets.count
            }
        } catch {
            await client.shutdown()
            throw error
        }
        let elapsed = clock.now - start
        await client.shutdown()
        return ["seconds": elapsed.seconds, "pages": pages, "widgets": widgets,
                "pacing": pacing ?? 0, "waits": waits.withLock { $0 }]
    }
}
