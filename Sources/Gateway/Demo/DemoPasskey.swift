import Foundation
import SessionStore

/// The passkey of demo mode (`modems.simulated` > 0): made once and kept in the state folder
/// (`demo-passkey`, mode 0600), so the printed curl lines and the `/demo` page keep working across
/// restarts. One actor, so the page and the startup text never make two.
actor DemoPasskey {
    let store: any GatewayStore
    let file: String
    private var token: String?

    init(store: any GatewayStore, stateDirectory: String) {
        self.store = store
        self.file = stateDirectory + "/demo-passkey"
    }

    func current() async throws -> String {
        if let token { return token }
        try PrivateFiles.narrow(file, keeping: PrivateFiles.fileMode)
        if let saved = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines),
            (try? await store.authenticate(saved)) != nil
        {
            token = saved
            return saved
        }
        let created = try await store.createPasskey(NewPasskey(label: "demo"))
        try PrivateFiles.write(Data((created.token.canonical + "\n").utf8), to: file)
        token = created.token.canonical
        return created.token.canonical
    }
}
