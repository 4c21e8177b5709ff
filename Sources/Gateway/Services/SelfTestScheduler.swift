import ServiceLifecycle

/// Self-test calls on their own schedule: a round over every healthy modem with a pool number each
/// `selfTest.intervalSeconds` (off by default), and a re-test as soon as a modem that missed its
/// self-tests is back. One call at a time (the fleet's slot); a round takes seconds per modem, so
/// the schedule runs beside the fleet's supervision heartbeat, never inside it. Cancelled on
/// graceful shutdown, before the fleet stops.
struct SelfTestScheduler: Service {
    let fleet: ModemFleet

    func run() async {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await imei in fleet.retests { _ = try? await fleet.selfTest(receiverIMEI: imei) }
                }
                let interval = fleet.health.selfTestInterval
                guard interval > .zero else { return }
                var next = ContinuousClock.now + interval
                while !Task.isCancelled {
                    try? await Task.sleep(until: next)
                    next = ContinuousClock.now + interval
                    if !Task.isCancelled { await fleet.selfTestAll() }
                }
            }
        }
    }
}
