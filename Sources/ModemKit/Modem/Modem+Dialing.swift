extension Modem {
    /// Places a voice call (`ATD<number>;`) and returns once the modem accepted it; the far side
    /// rings. Used by self-test calls, which end it with `hangUpOutgoingCall` as soon as the far
    /// side reports the ring, so nobody answers and nobody pays.
    public func dial(_ number: String, timeout: Duration = .seconds(20)) async throws -> ATResponse {
        guard number.allSatisfy({ $0.isNumber || $0 == "+" }), !number.isEmpty else {
            throw ATChannelError.failed(command: "ATD\(number);", result: .error)
        }
        guard
            let channel = shared.withLock({ shared -> ATChannel? in
                shared.dialing = shared.channel != nil
                return shared.channel
            })
        else { throw ATChannelError.disconnected }
        return try await channel.send(ATCommand("ATD\(number);", timeout: timeout, acceptsCallProgress: true))
    }

    /// Ends the outgoing call (`AT+CHUP`, then `ATH` if refused).
    public func hangUpOutgoingCall() async {
        defer { shared.withLock { $0.dialing = false } }
        guard let channel = shared.withLock({ $0.channel }) else { return }
        let response = try? await channel.send(ATCommand("AT+CHUP", timeout: .seconds(5), acceptsCallProgress: true))
        // NO CARRIER here means the far side already ended it: the call is gone either way.
        if response?.isSuccess != true, response?.result != .noCarrier {
            _ = try? await channel.send(ATCommand("ATH", timeout: .seconds(5), acceptsCallProgress: true))
        }
    }
}
