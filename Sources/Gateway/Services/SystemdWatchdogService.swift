import ServiceLifecycle

/// READY once serving, then STATUS with the modems up, and WATCHDOG pings while the modem
/// supervision loop goes round and the event loops that run the ports answer. A single dead or
/// quarantined modem does not stop the pings (the recovery ladder deals with it); a stuck
/// supervisor or event loop does, and systemd restarts us. STOPPING=1 when shutdown begins.
struct SystemdWatchdogService: Service {
    let fleet: ModemFleet

    func run() async {
        let notifier = SystemdNotifier()
        notifier.notify("READY=1")
        let interval = SystemdNotifier.watchdogInterval() ?? .seconds(15)
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    let reports = fleet.reports
                    let ready = reports.filter { $0.status.state == .ready }.count
                    let quarantined = reports.filter { $0.health.condition == .quarantined }.count
                    var message = "STATUS=\(ready)/\(reports.count) modems ready" + (quarantined > 0 ? ", \(quarantined) quarantined" : "")
                    if await fleet.isAlive() { message += "\nWATCHDOG=1" }
                    notifier.notify(message)
                    try? await Task.sleep(for: interval)
                }
            }
        } onGracefulShutdown: {
            notifier.notify("STOPPING=1")
        }
    }
}
