import ArgumentParser
import Foundation

struct Console: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How to open the operator's web console, and its login key for the loopback listener (console.port).",
        discussion: """
            The console is always on the admin socket at /console (proxy the socket with nginx, or forward it over SSH:
            ssh -L 8081:/var/lib/missedcall/missedcalld.sock box). With console.port it also listens on 127.0.0.1,
            where it asks once for the login key printed here; only those who may use the admin socket can read it.
            """
    )
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await execute {
            let reply = try await options.client.call(.GET, "/console/login-key")
            let key = String(decoding: reply.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if options.json { return print(#"{"loginKey":"\#(key)"}"#) }
            print("login key: \(key)")
            print("on the loopback listener (console.port): http://127.0.0.1:PORT/console, then give the key once")
            print("through the admin socket: ssh -L 8081:\(AdminClient.resolve(options.socket)) THIS_BOX, then http://127.0.0.1:8081/console")
        }
    }
}
