import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import SessionStore
import Testing

/// Runs the real `missedcallctl` binary against a running daemon with a simulated modem.
@Suite("missedcallctl against a running daemon", .serialized, .timeLimit(.minutes(2)))
struct MissedCallCtlTests {
    static func binary() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        let found = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("missedcallctl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let found else { throw StoreError.notFound("missedcallctl binary; run `swift build --build-tests`") }
        return found
    }

    struct Run {
        var status: Int32
        var output: String
        var error: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(output.utf8)) }
    }

    static func ctl(_ gateway: GatewayHarness, _ arguments: [String], json: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments + ["--socket", gateway.service.configuration.adminSocketPath] + (json ? ["--json"] : [])
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// Runs a subcommand in both forms: a table for people, JSON for scripts.
    static func both(_ gateway: GatewayHarness, _ arguments: [String]) throws -> (table: Run, json: Run) {
        (try ctl(gateway, arguments), try ctl(gateway, arguments, json: true))
    }

    @Test("console prints the login key the console's loopback listener accepts")
    func consoleKey() async throws {
        let gateway = try await GatewayHarness.start { $0.consolePort = 0 }
        defer { Task { await gateway.stop() } }
        let run = try Self.ctl(gateway, ["console"])
        #expect(run.status == 0)
        let key = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("login key: ") }.map { String($0.dropFirst(11)) })
        #expect(key.count == 64 && run.output.contains("/console"))
        var login = HTTPClientRequest(url: "http://127.0.0.1:\(gateway.service.consolePort ?? 0)/console/login")
        login.method = .POST
        login.body = .bytes(ByteBuffer(string: "key=\(key)"))
        let response = try await ConsoleTests.client.execute(login, timeout: .seconds(10))
        #expect(response.status.code == 303 && response.headers.first(name: "Set-Cookie")?.hasPrefix("missedcall_console=") == true)
    }

    @Test("the worked example: a dongle's number into the pool, a passkey, a verification watched")
    func workedExample() async throws {
        let gateway = try await GatewayHarness.start()
        let status = try Self.both(gateway, ["status"])
        #expect(status.table.status == 0 && status.table.output.contains("modems: 1/1 ready"))
        #expect(((status.json.json as? [String: Any])?["modems"] as? [[String: Any]])?.count == 1)

        let modems = try Self.both(gateway, ["modems", "list"])
        #expect(modems.table.output.contains("860000000000001") && modems.table.output.contains("ready"))
        #expect((modems.json.json as? [[String: Any]])?.first?["state"] as? String == "ready")
        let show = try Self.both(gateway, ["modems", "show", "860000000000001"])
        #expect(show.table.output.contains("identity.iccid: 8991101200000000001"))
        #expect(((show.json.json as? [String: Any])?["identity"] as? [String: Any])?["model"] as? String == "E1550")
        let at = try Self.both(gateway, ["modems", "at", "860000000000001", "AT+CGMM"])
        #expect(at.table.output.hasPrefix("E1550\n") && (at.json.json as? [String: Any])?["lines"] as? [String] == ["E1550"])
        let sms = try Self.both(gateway, ["modems", "sms", "860000000000001", "--to", "+919920123456", "--text", "hello"])
        #expect(sms.table.status == 0 && sms.table.output.contains("reference") && (sms.json.json as? [String: Any])?["reference"] != nil)
        // The simulated modem refuses AT+CFUN=1,1 as some dongles do: a refusal, exit 1, its words.
        let reset = try Self.both(gateway, ["modems", "reset", "860000000000001"])
        #expect(reset.table.status == 1 && reset.table.error.contains("the modem answered error to AT+CFUN=1,1") && reset.json.status == 1)

        // Pool: add a second dongle's number, disable, enable, list, remove.
        let added = try Self.both(gateway, ["pool", "add", "04466949402", "--imei", "861111111111111"])
        #expect(added.table.status == 0 && added.table.output.contains("+914466949402"))
        #expect(added.json.status == 1 && added.json.error.contains("already in the pool"))
        for verb in ["disable", "enable"] {
            let changed = try Self.both(gateway, ["pool", verb, "04466949402"])
            #expect(changed.table.status == 0 && changed.json.status == 0)
        }
        let pool = try Self.both(gateway, ["pool", "list"])
        #expect(pool.table.output.contains("+914466949402") && (pool.json.json as? [[String: Any]])?.count == 2)
        #expect(try Self.ctl(gateway, ["pool", "add", "04466949404"]).status == 0)
        #expect(try Self.ctl(gateway, ["pool", "remove", "04466949402"]).status == 0)
        #expect(try Self.ctl(gateway, ["pool", "remove", "04466949404"], json: true).status == 0)
        #expect(try Self.ctl(gateway, ["pool", "remove", "04466949402"]).status == 5)

        // Passkeys.
        let created = try Self.ctl(gateway, ["passkeys", "create", "--label", "acme", "--quota", "20"], json: true)
        let object = try #require(created.json as? [String: Any])
        let passkey = try #require(object["passkey"] as? String)
        let id = try #require((object["record"] as? [String: Any])?["id"] as? String)
        let table = try Self.ctl(gateway, ["passkeys", "create", "--label", "other"])
        #expect(table.output.contains("shown once"))
        let keys = try Self.both(gateway, ["passkeys", "list"])
        #expect(keys.table.output.contains("acme") && !keys.table.output.contains(passkey))
        #expect((keys.json.json as? [[String: Any]])?.count == 3)
        // No secret in any listing: the webhook secret is shown at creation and rotation only.
        let secret = try #require(object["webhookSecret"] as? String)
        #expect(!keys.json.output.contains(secret) && !keys.table.output.contains(secret) && !keys.json.output.contains("webhookSecret"))
        #expect(try Self.both(gateway, ["passkeys", "quota", id, "30"]).table.status == 0)
        let rotated = try Self.both(gateway, ["passkeys", "rotate-secret", id])
        #expect(rotated.table.output.hasPrefix("webhook secret: ") && (rotated.json.json as? [String: Any])?["webhookSecret"] != nil)

        // A verification, watched from the CLI.
        let session = try await gateway.get("/Integ/API.dvf?mobile=9920123456&passkey=\(passkey)&notify=NA&e-notify=ops@example.com")
        let sid = try #require(session.json["SessionId"] as? String)
        let loaded = try Self.both(gateway, ["pool", "list"])
        #expect(loaded.table.output.contains("PENDING") && loaded.table.output.contains("CALLS/MIN"))
        #expect((loaded.json.json as? [[String: Any]])?.first?["pendingSessions"] as? Int == 1, "the session waits for its call")
        let ring = try Self.both(gateway, ["simulate", "call", "--from", "9920123456", "--to", "04466949401"])
        #expect(ring.table.status == 0 && ring.table.output.contains("ringing +914466949401"))
        _ = try await gateway.waitForStatus(sid, "VERIFIED")
        let sessions = try Self.both(gateway, ["sessions", "list", "--status", "verified"])
        #expect(sessions.table.output.contains(sid) && (sessions.json.json as? [[String: Any]])?.first?["sid"] as? String == sid)
        let one = try Self.both(gateway, ["sessions", "show", sid])
        #expect(one.table.output.contains("status: verified") && (one.json.json as? [String: Any])?["status"] as? String == "verified")
        let after = try Self.ctl(gateway, ["pool", "list"], json: true)
        let entry = try #require((after.json as? [[String: Any]])?.first)
        #expect(entry["pendingSessions"] as? Int == 0 && entry["callsLastMinute"] as? Int == 1, "the call is the number's recent load")
        let calls = try Self.both(gateway, ["calls"])
        #expect(calls.table.output.contains("verified") && (calls.json.json as? [[String: Any]])?.isEmpty == false)

        // Deliveries: the e-mail waits (no SMTP configured); its log and a redelivery.
        let deliveries = try Self.both(gateway, ["deliveries", "list"])
        let job = try #require((deliveries.json.json as? [[String: Any]])?.first?["id"] as? String)
        #expect(deliveries.table.output.contains("email"))
        try await Task.sleep(for: .milliseconds(300))
        let log = try Self.both(gateway, ["deliveries", "show", job])
        #expect(log.table.status == 0 && (log.json.json as? [String: Any])?["job"] != nil)
        #expect(try Self.both(gateway, ["deliveries", "dead"]).json.status == 0)
        let redeliver = try Self.ctl(gateway, ["deliveries", "redeliver", job])
        #expect(redeliver.status == 0 || redeliver.error.contains("still being delivered"))

        // Listeners.
        #expect(try Self.ctl(gateway, ["pool", "add", "04466949403", "--purpose", "listener"]).status == 0)
        let listener = try Self.both(gateway, ["listeners", "add", "04466949403", "--passkey-id", id, "--notify", "crm.example.com/votes"])
        #expect(listener.table.status == 0 && listener.json.status == 0)
        #expect(try Self.both(gateway, ["listeners", "list"]).table.output.contains("+914466949403"))
        #expect(try Self.both(gateway, ["listeners", "tally", "04466949403"]).json.status == 0)

        // Imports apply at once.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "prefix,operator,circle,type\n919920,,Mumbai,\n".write(to: folder.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        try "919920123456\n".write(to: folder.appendingPathComponent("dnd.csv"), atomically: true, encoding: .utf8)
        let numbers = try Self.both(gateway, ["numbers", "import", folder.appendingPathComponent("p.csv").path])
        #expect(numbers.table.output.contains("imported 1 rows") && (numbers.json.json as? [String: Any])?["rows"] as? Int == 1)
        let dnd = try Self.both(gateway, ["dnd", "import", folder.appendingPathComponent("dnd.csv").path])
        #expect(dnd.table.status == 0 && dnd.json.status == 0)
        #expect(gateway.service.dispatcher.intelligence.facts(for: "+919920123456").circle == "Mumbai")

        // Errors that say what to do, with their exit codes.
        let unknown = try Self.ctl(gateway, ["modems", "show", "000000000000000"])
        #expect(unknown.status == 5 && unknown.error.contains("not found"))
        let otherID = try #require(
            ((try Self.ctl(gateway, ["passkeys", "create", "--label", "temp"], json: true).json as? [String: Any])?["record"] as? [String: Any])?[
                "id"
            ] as? String
        )
        #expect(try Self.ctl(gateway, ["passkeys", "revoke", id]).status == 0)
        #expect(try Self.ctl(gateway, ["passkeys", "revoke", otherID], json: true).status == 0)
        #expect(try Self.ctl(gateway, ["passkeys", "revoke", otherID]).status == 5)
        await gateway.stop()
        let down = try Self.ctl(gateway, ["status"])
        #expect(down.status == 3 && down.error.contains("is missedcalld running"))
    }

    /// Each refusal: the arguments, the exit status it must give, and words its message must have.
    static let refusals: [([String], Int32, String)] = [
        (["passkeys", "create", "--label", "x", "--method", "carrier-pigeon"], 64, "'get', 'post-form' or 'post-json'"),
        (["passkeys", "create", "--label", " "], 64, "--label must say who"),
        (["deliveries", "--state", "bogus"], 64, "'pending', 'delivering'"),
        (["sessions", "--status", "bogus"], 64, "'pending', 'verified' or 'expired'"),
        (["calls", "--limit", "0"], 64, "--limit must be from 1 to 10000"),
        (["pool", "add", "04466949409", "--imei", "86000000000001"], 64, "--imei must be 15 digits"),
        (["pool", "add", "04466949409", "--imei", "860000000000009", "--iccid", "1234"], 64, "--iccid must be 18 to 22 digits"),
        (["pool", "add", "04466949409", "--country", "XX"], 64, "'IN', 'US', 'UK' or 'IT'"),
        (["pool", "add", "04466949409", "--imei", "860000000000001"], 1, "already serves +914466949401"),
        (["modems", "at", "860000000000001", "AT+FOO"], 1, "error"),
        (["listeners", "remove", "04466949408"], 5, "not found"),
        (["modems", "show", "869999999999999"], 5, "not found"),
    ]

    @Test("refusals exit with the documented code and say why; nothing refused is applied")
    func refusalsExitNonZero() async throws {
        let gateway = try await GatewayHarness.start()
        for (arguments, expected, words) in Self.refusals {
            let run = try Self.ctl(gateway, arguments)
            #expect(run.status == expected, "\(arguments): exit \(run.status), \(run.error)")
            #expect((run.error + run.output).contains(words), "\(arguments): \(run.error)")
        }
        let pool = try Self.ctl(gateway, ["pool"], json: true)
        #expect(!(pool.output.contains("4466949409")))
        // A listener goes with its number: `pool remove` leaves none behind.
        #expect(try Self.ctl(gateway, ["pool", "add", "04466949407", "--purpose", "listener"]).status == 0)
        let key = try Self.ctl(gateway, ["passkeys", "create", "--label", "votes"], json: true)
        let id = try #require(((key.json as? [String: Any])?["record"] as? [String: Any])?["id"] as? String)
        #expect(try Self.ctl(gateway, ["listeners", "add", "04466949407", "--passkey-id", id]).status == 0)
        #expect(try Self.ctl(gateway, ["pool", "remove", "04466949407"]).status == 0)
        #expect(try Self.ctl(gateway, ["listeners"], json: true).output.contains("4466949407") == false)
        await gateway.stop()
    }

    @Test("passkeys update, pool update, sessions expire: changes applied and shown; the session list shows what the API shows")
    func updatesAndExpiry() async throws {
        let gateway = try await GatewayHarness.start()
        let key = gateway.passkey
        let updated = try Self.ctl(
            gateway,
            ["passkeys", "update", key.record.id, "--rate", "42", "--method", "post-json", "--label", "shop"],
            json: true
        )
        #expect(updated.status == 0, "\(updated.error)")
        let record = try #require(try await gateway.service.store.passkey(id: key.record.id))
        #expect(
            record.ratePerMinute == 42 && record.webhookMethod == .postJSON && record.label == "shop" && record.dailyQuota == key.record.dailyQuota
        )
        #expect(try Self.ctl(gateway, ["passkeys", "update", key.record.id]).status == 64)

        #expect(try Self.ctl(gateway, ["pool", "add", "04466949405"]).status == 0)
        let moved = try Self.ctl(gateway, ["pool", "update", "04466949405", "--purpose", "listener", "--imei", "861111111111111"], json: true)
        #expect(moved.status == 0, "\(moved.error)")
        let number = try #require(try await gateway.service.store.dialingNumber(PhoneNumber(e164: "+914466949405", country: .IN)))
        #expect(number.purpose == .listener && number.modemIMEI == "861111111111111")

        let created = try await gateway.get("/Integ/API.dvf?out=JSON&notify=NA&passkey=\(key.token.canonical)&mobile=9920123456")
        let sid = try #require(created.json["SessionId"] as? String)
        let pending = try Self.ctl(gateway, ["sessions", "--status", "pending"]).output
        #expect(pending.contains(sid))
        // Times for people: local time and how far away (the window closes in about two minutes).
        #expect(pending.range(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(in (1 min|\d+ s)\)"#, options: .regularExpression) != nil, "\(pending)")
        let expired = try Self.ctl(gateway, ["sessions", "expire", sid])
        #expect(expired.status == 0 && expired.output.contains("expired"), "\(expired.error)")
        #expect(try await gateway.get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid)").body.contains("EXPIRED"))
        #expect(try Self.ctl(gateway, ["sessions", "--status", "expired"]).output.contains(sid))
        #expect(!(try Self.ctl(gateway, ["sessions", "--status", "pending"]).output.contains(sid)))
        #expect(try Self.ctl(gateway, ["sessions", "expire", sid]).status == 5)
        // A number newly bound to the simulated modem rings through it.
        #expect(try Self.ctl(gateway, ["pool", "remove", "04466949401"]).status == 0)
        #expect(try Self.ctl(gateway, ["pool", "add", "9920000001", "--imei", "860000000000001"]).status == 0)
        let ring = try Self.ctl(gateway, ["simulate", "call", "--from", "9876543210", "--to", "9920000001"])
        #expect(ring.status == 0 && ring.output.contains("ringing +919920000001"), "\(ring.error)")
        await gateway.stop()
    }

    @Test("numbers import: the header is not a row, junk is rejected with its line, national prefixes get their country code")
    func prefixImport() async throws {
        let gateway = try await GatewayHarness.start()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prefixes-\(UUID().uuidString).csv")
        try "prefix,operator,circle,type\n12,x\n09920,,Pune,\n+918800,Airtel,Delhi,Mobile\nabc,Op,,\n919999\n".write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        let run = try Self.ctl(gateway, ["numbers", "import", file.path])
        #expect(run.status == 1 && run.output.contains("imported 2 rows") && run.output.contains("3 rejected"), "\(run.output) \(run.error)")
        #expect(
            run.output.contains("line 2: prefix '12'") && run.output.contains("line 5: prefix 'abc'") && run.output.contains("line 6: no operator")
        )
        let facts = gateway.service.dispatcher.intelligence
        #expect(facts.facts(for: "+919920123456").circle == "Pune")
        #expect(facts.facts(for: "+918800123456").operatorName == "Airtel")
        #expect(facts.facts(for: "+12025550123").operatorName != "x")
        try? FileManager.default.removeItem(at: file)
        await gateway.stop()
    }

    @Test("both programs say the one version")
    func versions() throws {
        let ctl = Process()
        ctl.executableURL = try Self.binary()
        ctl.arguments = ["--version"]
        let pipe = Pipe()
        ctl.standardOutput = pipe
        try ctl.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ctl.waitUntilExit()
        #expect(ctl.terminationStatus == 0 && printed.trimmingCharacters(in: .whitespacesAndNewlines) == MissedCallDaemon.version)
    }

    @Test("dnd import: streamed whatever its size, national forms normalised, junk rejected with line numbers")
    func dndImport() async throws {
        let gateway = try await GatewayHarness.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let small = folder.appendingPathComponent("small.csv").path
        try "number,dnd\n9920123456\n09876543210\n+91 99201 23458,yes\n9920123459,no\n12,x\n99201\n9920123456\n# note\n\n"
            .write(toFile: small, atomically: true, encoding: .utf8)
        let report = try Self.ctl(gateway, ["dnd", "import", small])
        #expect(report.status == 1, "rejected rows exit 1: \(report.error)")
        #expect(report.output.contains("3 numbers on the list, 1 duplicates, 1 marked no, 2 rejected"), "\(report.output)")
        #expect(
            report.output.contains("line 6: second field 'x' is not yes or no") && report.output.contains("line 7: phone number '99201' is too short")
        )
        let facts = gateway.service.dispatcher.intelligence
        #expect(facts.facts(for: "+919876543210").dndStatus == "Yes")  // written 09876543210
        #expect(facts.facts(for: "+919920123458").dndStatus == "Yes")
        #expect(facts.facts(for: "+919920123459").dndStatus == "No")
        // 300,000 rows, 4 MB: four times the old 1 MiB cap on an import.
        let big = folder.appendingPathComponent("big.csv")
        var text = "number\n"
        for index in 0..<300_000 { text += index % 2 == 0 ? "\(7_000_000_000 + index)\n" : "0\(7_000_000_000 + index)\n" }
        try text.write(to: big, atomically: true, encoding: .utf8)
        let large = try Self.ctl(gateway, ["dnd", "import", big.path], json: true)
        #expect(large.status == 0, "\(large.error)")
        #expect((large.json as? [String: Any])?["accepted"] as? Int == 300_000)
        // Against the small list it replaced: every number new, the small list's three removed.
        #expect((large.json as? [String: Any])?["added"] as? Int == 300_000 && (large.json as? [String: Any])?["removed"] as? Int == 3)
        let again = try Self.ctl(gateway, ["dnd", "import", big.path])
        #expect(again.output.contains("0 added, 300000 already listed, 0 removed"), "\(again.output)")
        // Not a terminal: plain progress lines, a quarter at a time.
        #expect(large.error.contains("sent 25%") && large.error.contains("sent 100%"), "\(large.error)")
        #expect(facts.facts(for: "+917000000001").dndStatus == "Yes" && facts.facts(for: "+919876543210").dndStatus == "No")
        try? FileManager.default.removeItem(at: folder)
        await gateway.stop()
    }

    @Test("modems: health columns, a self-test call, a quarantine shown and cleared")
    func modemHealth() async throws {
        let gateway = try await GatewayHarness.start { ModemHealthTests.fast(&$0, modems: 2, usb: RecordingUSBAuthorizer()) }
        defer { Task { await gateway.stop() } }
        #expect(try await ModemHealthTests.waitUntil { try await ModemHealthTests.online(gateway, ModemHealthTests.number2) })
        let list = try Self.both(gateway, ["modems", "list"])
        #expect(
            list.table.output.hasPrefix("NODE") && list.table.output.contains("IMEI") && list.table.output.contains("HEALTH")
                && list.table.output.contains("healthy")
        )
        #expect(((list.json.json as? [[String: Any]])?.first?["health"] as? [String: Any])?["condition"] as? String == "healthy")

        let selfTest = try Self.both(gateway, ["modems", "self-test", ModemHealthTests.imei2])
        #expect(selfTest.table.status == 0 && selfTest.table.output.hasPrefix("self-test passed"))
        #expect((selfTest.json.json as? [String: Any])?["lastResult"] as? String == "passed")

        let notQuarantined = try Self.ctl(gateway, ["modems", "clear", ModemHealthTests.imei1])
        #expect(notQuarantined.status == 1 && notQuarantined.error.contains("not quarantined"))

        let simulator = try #require(gateway.service.simulated.all.last)
        simulator.setSilent(true)
        #expect(
            await ModemHealthTests.waitUntil(.seconds(30)) {
                ModemHealthTests.report(gateway, ModemHealthTests.imei2)?.health.condition == .quarantined
            }
        )
        let shown = try Self.ctl(gateway, ["modems"])
        #expect(shown.output.contains("quarantined (fix the dongle"))
        #expect(shown.output.contains("\(ModemHealthTests.imei2): no recovery rung helped"))
        let detail = try Self.ctl(gateway, ["modems", "show", ModemHealthTests.imei2])
        #expect(detail.output.contains("health.condition: quarantined"))

        simulator.setSilent(false)
        let cleared = try Self.both(gateway, ["modems", "clear", ModemHealthTests.imei2])
        #expect(cleared.table.status == 0 && cleared.table.output.hasPrefix("cleared: \(ModemHealthTests.imei2)"))
        #expect(cleared.json.status == 1, "clearing twice is refused")
        #expect(try await ModemHealthTests.waitUntil { try await ModemHealthTests.online(gateway, ModemHealthTests.number2) })

        let inService = try Self.ctl(gateway, ["modems", "forget", ModemHealthTests.imei2])
        #expect(inService.status == 1 && inService.error.contains("only a modem waiting for its device or quarantined"))
        simulator.unplug()
        #expect(
            await ModemHealthTests.waitUntil {
                ModemHealthTests.report(gateway, ModemHealthTests.imei2)?.health.condition == .waitingForDevice
            }
        )
        let forgotten = try Self.ctl(gateway, ["modems", "forget", ModemHealthTests.imei2])
        #expect(forgotten.status == 0 && forgotten.output == "forgotten: \(ModemHealthTests.imei2)\n")
        #expect(ModemHealthTests.report(gateway, ModemHealthTests.imei2) == nil)
        #expect(try Self.ctl(gateway, ["modems", "forget", ModemHealthTests.imei2]).status == 5)
    }
}
