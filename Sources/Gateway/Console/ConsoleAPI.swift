import AdminContract
import CallbackDispatcher
import Foundation
import GatewayAPI
import HTTPTypes
import Hummingbird
import ModemKit
import NIOCore
import SessionStore

/// The operator's console: read-mostly pages of modems, pool, calls, the verification funnel,
/// deliveries and nodes, server-rendered, with a little plain JavaScript for the live call tail.
/// Mounted at `/console` on the admin socket (its file mode decides who may connect) and, when
/// `console.listen` names a loopback address, on a listener of its own that asks for the login key
/// `missedcallctl console` prints. Never on the public API port. Its only actions are the CLI's
/// (clear a quarantine, redeliver a job), each behind a confirmation and a CSRF token.
struct ConsoleAPI: Sendable {
    let admin: AdminAPI
    let access: ConsoleAccess
    /// The loopback listener: pages need the login cookie. The admin socket needs none.
    let requireLogin: Bool
    static let base = "/console"

    func register<Context: RequestContext>(on router: Router<Context>) {
        let base = Self.base
        router.get("\(base)") { _, _ in self.redirect("\(base)/modems") }
        router.get("\(base)/login") { request, _ in self.loginPage(request) }
        router.post("\(base)/login") { request, _ in await self.login(request) }
        router.get("\(base)/modems") { request, _ in await self.guarded(request) { try await self.modems(request) } }
        router.get("\(base)/pool") { request, _ in await self.guarded(request) { try await self.pool() } }
        router.get("\(base)/calls") { request, _ in await self.guarded(request) { try await self.calls() } }
        router.get("\(base)/calls/events") { request, _ in await self.guarded(request) { self.callEvents() } }
        router.get("\(base)/funnel") { request, _ in await self.guarded(request) { try await self.funnel(request) } }
        router.get("\(base)/deliveries") { request, _ in await self.guarded(request) { try await self.deliveries(request) } }
        router.get("\(base)/nodes") { request, _ in await self.guarded(request) { try await self.nodes() } }
        router.post("\(base)/modems/{imei}/clear") { request, context in
            let imei = RESTAPI.param(context, "imei")
            return await self.action(request, back: "\(base)/modems") {
                try self.admin.fleet.clearQuarantine(imei: imei)
                return "quarantine of \(imei) cleared"
            }
        }
        router.post("\(base)/deliveries/{id}/redeliver") { request, context in
            let id = RESTAPI.param(context, "id")
            return await self.action(request, back: "\(base)/deliveries") {
                try await self.admin.store.redeliver(jobID: id)
                self.admin.fleet.dispatcher.wake()
                return "delivery \(id.prefix(8))… queued again"
            }
        }
    }

    // MARK: Access

    func guarded(_ request: Request, _ body: () async throws -> Response) async -> Response {
        if requireLogin, !access.hasSession(cookieHeader: request.headers[.cookie]) {
            return redirect("\(Self.base)/login")
        }
        do {
            return try await body()
        } catch {
            return html(
                ConsoleHTML.page("", base: Self.base, title: "Error", body: "<p class=\"err\">\(ConsoleHTML.escape("\(error)"))</p>"),
                status: 500
            )
        }
    }

    /// A POST from a console page: logged in (loopback), the CSRF token right, then the action.
    func action(_ request: Request, back: String, _ body: () async throws -> String) async -> Response {
        if requireLogin, !access.hasSession(cookieHeader: request.headers[.cookie]) {
            return html(ConsoleHTML.page("", base: Self.base, title: "Not logged in", body: "<p class=\"err\">log in first</p>"), status: 403)
        }
        let form = await Self.form(request)
        guard let token = form["csrf"], ConstantTime.equal(token, access.csrfToken) else {
            return html(
                ConsoleHTML.page(
                    "",
                    base: Self.base,
                    title: "Refused",
                    body: "<p class=\"err\">This form did not come from a console page (no valid CSRF token).</p>"
                ),
                status: 403
            )
        }
        do {
            let done = try await body()
            return redirect(back + "?done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        } catch {
            return redirect(back + "?failed=" + ("\(error)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }

    func loginPage(_ request: Request, failed: Bool = false) -> Response {
        let body = """
            <form method="post" action="\(Self.base)/login">
            <p>This console listens on a loopback port, where Unix permissions cannot tell who connects. Give the login key that
            <code>missedcallctl console</code> prints (it is handed out only on the admin socket).</p>
            <p><label for="key">Login key</label> <input id="key" name="key" type="password" autocomplete="off" size="66" required>
            <button type="submit">Log in</button></p>\(failed ? "<p class=\"err\" role=\"alert\">That key is not right.</p>" : "")</form>
            """
        return html(ConsoleHTML.page("", base: Self.base, title: "Log in", body: body), status: failed ? 403 : 200)
    }

    func login(_ request: Request) async -> Response {
        let form = await Self.form(request)
        guard let key = form["key"], ConstantTime.equal(key.trimmingCharacters(in: .whitespaces), access.loginKey) else {
            return loginPage(request, failed: true)
        }
        var response = redirect("\(Self.base)/modems")
        response.headers[.setCookie] = "\(ConsoleAccess.cookieName)=\(access.sessionCookie); Path=\(Self.base); HttpOnly; SameSite=Strict"
        return response
    }

    // MARK: Pages

    func modems(_ request: Request) async throws -> Response {
        let now = Date()
        let rank = ["quarantined": 0, "recovering": 1, "waiting-for-device": 2, "starting": 3, "healthy": 4]
        let modems = try await admin.cluster.modems().sorted {
            (rank[$0.health.condition] ?? 5, $0.identity.imei ?? $0.devicePath) < (rank[$1.health.condition] ?? 5, $1.identity.imei ?? $1.devicePath)
        }
        let today = try await admin.store.callsPerModem(
            since: Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        )
        var rows: [[String]] = []
        var classes: [String] = []
        for modem in modems {
            let imei = modem.identity.imei ?? ""
            var health =
                "<span class=\"\(modem.health.condition == "healthy" ? "ok" : modem.health.condition == "quarantined" ? "err" : "warn-text")\">\(ConsoleHTML.escape(modem.health.condition))</span>"
            if let reason = modem.health.quarantineReason {
                health += "<br><span class=\"quarantine-reason\">\(ConsoleHTML.escape(reason))</span>"
                health += """
                    <form class="inline" method="post" action="\(Self.base)/modems/\(ConsoleHTML.escape(imei))/clear" onsubmit="return confirm('Clear the quarantine of \(ConsoleHTML.escape(imei))? Fix the dongle first.');">
                    <input type="hidden" name="csrf" value="\(access.csrfToken)"> <button type="submit" class="clear">Clear quarantine</button></form>
                    """
            } else if let fault = modem.health.lastFault {
                health +=
                    "<br><span class=\"muted\">last fault: \(ConsoleHTML.escape(fault)) \(ConsoleHTML.ago(modem.health.lastFaultAt, now: now))</span>"
            }
            let recovery =
                modem.health.lastRecoveryRung.map { "\(ConsoleHTML.escape($0)) \(ConsoleHTML.ago(modem.health.lastRecoveryAt, now: now))" } ?? "—"
            let selfTest = modem.selfTest?.lastResult.map { "\(ConsoleHTML.escape($0)) \(ConsoleHTML.ago(modem.selfTest?.lastAt, now: now))" } ?? "—"
            rows.append([
                "<code>\(ConsoleHTML.escape(imei.isEmpty ? "?" : imei))</code><br><span class=\"muted\">\(ConsoleHTML.escape(modem.devicePath))\(modem.node.map { " · node " + ConsoleHTML.escape($0) } ?? "")</span>",
                ConsoleHTML.escape(modem.state), health, ConsoleHTML.signalBars(modem.signalDBm),
                ConsoleHTML.escape(modem.operatorName ?? "—"), ConsoleHTML.escape(modem.number ?? "—"),
                "\(today[imei] ?? 0)", recovery, selfTest,
            ])
            classes.append(modem.health.condition == "quarantined" ? "bad" : modem.health.condition == "healthy" ? "" : "warn")
        }
        let healthy = modems.filter { $0.health.condition == "healthy" }.count
        let quarantined = modems.filter { $0.health.condition == "quarantined" }.count
        let body =
            notice(request)
                + """
                <div class="cards"><div class="card"><b>\(modems.count)</b>modems</div><div class="card"><b class="ok">\(healthy)</b>healthy</div>
                <div class="card"><b class="\(quarantined > 0 ? "err" : "")">\(quarantined)</b>quarantined</div></div>
                """
            + ConsoleHTML.table(
                ["Modem", "State", "Health", "Signal", "Operator", "Number", "Calls today", "Last recovery", "Self-test"],
                rows,
                caption: "Quarantined and recovering modems first",
                rowClasses: classes,
                id: "modems"
            )
        return html(ConsoleHTML.page("modems", base: Self.base, title: "Modems", body: body, refresh: true))
    }

    func pool() async throws -> Response {
        let now = Date()
        let numbers = try await admin.store.dialingNumbers()
        let loads = try await admin.store.numberLoads(now: now)
        let groups = Dictionary(grouping: numbers) { "\($0.country.rawValue) · \($0.purpose.rawValue)" }
        var body = "<div class=\"cards\">"
        for key in groups.keys.sorted() {
            let group = groups[key] ?? []
            let online = group.filter { $0.enabled && $0.isAvailable(at: now) }.count
            body +=
                "<div class=\"card\"><b class=\"\(online == 0 ? "err" : "ok")\">\(online)/\(group.count)</b>\(ConsoleHTML.escape(key)) online</div>"
        }
        body += "</div>"
        for key in groups.keys.sorted() {
            let rows = (groups[key] ?? []).sorted { $0.number.e164 < $1.number.e164 }.map { number -> [String] in
                let state =
                    !number.enabled
                    ? "<span class=\"muted\">disabled</span>"
                    : number.isAvailable(at: now) ? "<span class=\"ok\">online</span>" : "<span class=\"err\">offline</span>"
                return [
                    ConsoleHTML.escape(number.number.nationalDialingForm) + " <span class=\"muted\">\(ConsoleHTML.escape(number.number.e164))</span>",
                    state, "\(loads[number.number]?.pendingSessions ?? 0)", "\(loads[number.number]?.callsLastMinute ?? 0)",
                    "<code>\(ConsoleHTML.escape(number.modemIMEI ?? "—"))</code>",
                    ConsoleHTML.escape(number.nodeID ?? "—"),
                ]
            }
            body += ConsoleHTML.table(["Number", "State", "Pending sessions", "Calls last minute", "Modem", "Node"], rows, caption: key)
        }
        return html(ConsoleHTML.page("pool", base: Self.base, title: "Pool", body: body, refresh: true))
    }

    func calls() async throws -> Response {
        let rows = try await admin.store.missedCalls(limit: 50).map(Self.callRow)
        let body =
            "<p class=\"muted\">Live: new calls appear at the top as they are recorded. Callers are masked.</p>"
            + ConsoleHTML.table(["Time", "Caller", "Number", "Modem", "Result"], rows, id: "calls")
        let script = """
            const source = new EventSource("\(Self.base)/calls/events");
            source.addEventListener("call", (event) => {
              const call = JSON.parse(event.data), body = document.querySelector("#calls tbody");
              if (document.getElementById("call-" + call.id)) return;
              const empty = body.querySelector("td.muted"); if (empty) empty.parentElement.remove();
              const row = document.createElement("tr"); row.id = "call-" + call.id; row.className = "new";
              for (const text of [call.time, call.caller, call.number, call.modem, call.result]) {
                const cell = document.createElement("td"); cell.textContent = text; row.appendChild(cell);
              }
              body.prepend(row);
            });
            """
        return html(ConsoleHTML.page("calls", base: Self.base, title: "Calls", body: body, script: script))
    }

    static func callRow(_ call: MissedCall) -> [String] {
        let view = CallView(call)
        return [view.time, view.caller, view.number, view.modem, view.result].map(ConsoleHTML.escape)
    }

    /// New calls as Server-Sent Events, read from the store every 250 ms (so calls on every node of a
    /// cluster show), for as long as the page stays open (at most an hour; the browser reconnects).
    func callEvents() -> Response {
        let store = admin.store
        let body = ResponseBody { writer in
            var seen = Set(try await store.missedCalls(limit: 50).map(\.id))
            let deadline = ContinuousClock.now + .seconds(3600)
            try await writer.write(ByteBuffer(string: ": live\n\n"))
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                for call in try await store.missedCalls(limit: 20).reversed() where !seen.contains(call.id) {
                    seen.insert(call.id)
                    let data = try JSONEncoder().encode(CallView(call))
                    try await writer.write(ByteBuffer(string: "event: call\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    func funnel(_ request: Request) async throws -> Response {
        let now = Date()
        let days = try await admin.store.funnel(days: 30, now: now)
        let labels = Dictionary(try await admin.store.passkeys().map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let todayName = SQLGatewayStore.dayName(now)
        func total(_ rows: [FunnelDay]) -> FunnelDay {
            rows.reduce(
                FunnelDay(
                    day: "",
                    passkeyID: "",
                    country: "",
                    created: 0,
                    called: 0,
                    verified: 0,
                    expired: 0,
                    histogram: Array(repeating: 0, count: 6)
                )
            ) {
                FunnelDay(
                    day: "",
                    passkeyID: "",
                    country: "",
                    created: $0.created + $1.created,
                    called: $0.called + $1.called,
                    verified: $0.verified + $1.verified,
                    expired: $0.expired + $1.expired,
                    histogram: zip($0.histogram, $1.histogram).map { $0 + $1 }
                )
            }
        }
        let month = total(days)
        let todays = total(days.filter { $0.day == todayName })
        func line(_ name: String, _ rows: [FunnelDay]) -> [String] {
            let all = total(rows)
            let day = total(rows.filter { $0.day == todayName })
            return [
                name, "\(day.created)", "\(day.called)", "\(day.verified)", ConsoleHTML.percent(day.verified, of: day.created),
                "\(all.created)", "\(all.called)", "\(all.verified)", "\(all.expired)", ConsoleHTML.percent(all.verified, of: all.created),
            ]
        }
        let headers = ["", "Today: created", "called", "verified", "rate", "30 days: created", "called", "verified", "expired", "rate"]
        let byPasskey = Dictionary(grouping: days, by: \.passkeyID).sorted { (labels[$0.key] ?? $0.key) < (labels[$1.key] ?? $1.key) }
            .map { line(ConsoleHTML.escape(labels[$0.key] ?? $0.key), $0.value) }
        let byCountry = Dictionary(grouping: days, by: \.country).sorted { $0.key < $1.key }.map { line(ConsoleHTML.escape($0.key), $0.value) }
        var body = """
            <div class="cards" id="funnel-totals"><div class="card"><b id="created-30">\(month.created)</b>created (30 days)</div>
            <div class="card"><b id="called-30">\(month.called)</b>called</div><div class="card"><b id="verified-30" class="ok">\(month.verified)</b>verified</div>
            <div class="card"><b id="expired-30">\(month.expired)</b>expired</div><div class="card"><b>\(ConsoleHTML.percent(month.verified, of: month.created))</b>verified of created</div>
            <div class="card"><b id="created-today">\(todays.created)</b>created today</div></div>
            <h2>Sessions created → called → verified, 30 days</h2>
            """
        body += ConsoleHTML.barChart(
            [("created", month.created), ("called", month.called), ("verified", month.verified), ("expired", month.expired)],
            label: "funnel over 30 days: \(month.created) created, \(month.called) called, \(month.verified) verified, \(month.expired) expired"
        )
        body += "<h2>Time from creation to the call, 30 days</h2>"
        body += ConsoleHTML.barChart(
            Array(zip(FunnelDay.bucketLabels, month.histogram)).map { ($0.0, $0.1) },
            label: "calls by seconds after creation: "
                + zip(FunnelDay.bucketLabels, month.histogram).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        )
        body += "<h2>Per passkey</h2>" + ConsoleHTML.table(headers, byPasskey, id: "by-passkey")
        body += "<h2>Per country</h2>" + ConsoleHTML.table(headers, byCountry, id: "by-country")
        body +=
            "<p class=\"muted\">Finished days are rolled up once (two hours after midnight UTC); today is counted live. Called includes calls that came after the session expired.</p>"
        return html(ConsoleHTML.page("funnel", base: Self.base, title: "Verification funnel", body: body))
    }

    func deliveries(_ request: Request) async throws -> Response {
        let depth = try await admin.store.outboxDepth()
        let destinations = admin.fleet.dispatcher.destinations.map(DestinationEntry.init).sorted {
            ($0.circuit == "closed" ? 1 : 0, $0.destination) < ($1.circuit == "closed" ? 1 : 0, $1.destination)
        }
        let dead = try await admin.store.jobs(state: .dead, limit: 50)
        var body = notice(request) + "<div class=\"cards\">"
        for state in [OutboxState.pending, .delivering, .dead] {
            body +=
                "<div class=\"card\"><b class=\"\(state == .dead && (depth[state] ?? 0) > 0 ? "err" : "")\">\(depth[state] ?? 0)</b>\(state.rawValue)</div>"
        }
        body += "</div>"
        body += ConsoleHTML.table(
            ["Destination", "Circuit", "In flight", "Failures in a row", "Last failure"],
            destinations.map {
                [
                    ConsoleHTML.escape($0.destination),
                    $0.circuit == "closed" ? "<span class=\"ok\">closed</span>" : "<span class=\"err\">\(ConsoleHTML.escape($0.circuit))</span>",
                    "\($0.inFlight)", "\($0.failuresInARow)", ConsoleHTML.escape($0.lastFailure ?? "—"),
                ]
            },
            caption: "Destinations, failing first"
        )
        body += ConsoleHTML.table(
            ["Job", "Kind", "Target", "Attempts", "Last error", ""],
            dead.map { job in
                [
                    "<code>\(ConsoleHTML.escape(String(job.id.prefix(8))))…</code>", job.kind.rawValue, ConsoleHTML.escape(Self.host(job.target)),
                    "\(job.attempts)",
                    ConsoleHTML.escape(job.lastError ?? "—"),
                    """
                    <form class="inline" method="post" action="\(Self.base)/deliveries/\(ConsoleHTML.escape(job.id))/redeliver" onsubmit="return confirm('Deliver this job again?');">
                    <input type="hidden" name="csrf" value="\(access.csrfToken)"><button type="submit">Redeliver</button></form>
                    """,
                ]
            },
            caption: "Dead jobs (gave up after 24 h)"
        )
        return html(ConsoleHTML.page("deliveries", base: Self.base, title: "Deliveries", body: body, refresh: true))
    }

    func nodes() async throws -> Response {
        let nodes = try await admin.cluster.nodes()
        let rows = nodes.map { node in
            [
                ConsoleHTML.escape(node.id) + (node.isSelf ? " <span class=\"muted\">(this one)</span>" : ""),
                node.state == "up" ? "<span class=\"ok\">up</span>" : "<span class=\"err\">\(ConsoleHTML.escape(node.state))</span>",
                ConsoleHTML.ago(node.heartbeatAt), "\(node.modems)", ConsoleHTML.escape(node.version), ConsoleHTML.escape(node.hostname),
            ]
        }
        let body = ConsoleHTML.table(["Node", "State", "Last heartbeat", "Modems", "Version", "Host"], rows)
        return html(ConsoleHTML.page("nodes", base: Self.base, title: "Nodes", body: body, refresh: true))
    }

    // MARK: Helpers

    /// A notification URL shown as its host only: paths and queries can carry a client's tokens.
    static func host(_ target: String) -> String {
        URLComponents(string: target)?.host ?? (target.contains("@") ? "e-mail" : target)
    }

    func notice(_ request: Request) -> String {
        if let done = request.uri.queryParameters.get("done") {
            return "<p class=\"ok\" role=\"status\">\(ConsoleHTML.escape(String(done).removingPercentEncoding ?? String(done)))</p>"
        }
        if let failed = request.uri.queryParameters.get("failed") {
            return "<p class=\"err\" role=\"alert\">\(ConsoleHTML.escape(String(failed).removingPercentEncoding ?? String(failed)))</p>"
        }
        return ""
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("Content-Security-Policy")!:
                    "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'",
                HTTPField.Name("X-Frame-Options")!: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func form(_ request: Request) async -> [String: String] {
        guard let buffer = try? await request.body.collect(upTo: 16 * 1024) else { return [:] }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}

/// A call as the console shows it: the caller masked, times in UTC.
struct CallView: Encodable {
    var id: String
    var time: String
    var caller: String
    var number: String
    var modem: String
    var result: String

    init(_ call: MissedCall) {
        id = call.id
        time = ConsoleHTML.time(call.receivedAt)
        caller = call.caller.map { PhoneMask.mask($0.e164) } ?? "withheld"
        number = call.dialedNumber.nationalDialingForm
        modem = call.modemIMEI ?? "—"
        result = call.result.rawValue
    }
}
