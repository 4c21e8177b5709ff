import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension SimulatedModem {
    /// The simulator thread: reads commands, answers them, repeats rings, until stopped or unplugged.
    func runLoop() {
        var descriptors = [
            pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let (stopped, unplugged, nextRing) = state.withLock { ($0.stopped, $0.unplugged, $0.activeCall != nil ? $0.nextRingAt : 0) }
            if stopped || unplugged { break }
            var timeout: Int32 = 1000
            if nextRing > 0 {
                let now = MonotonicNow.nanoseconds()
                timeout = nextRing > now ? Int32(min(1000, (nextRing - now) / 1_000_000 + 1)) : 0
            }
            let ready = poll(&descriptors, 2, timeout)
            let readAt = MonotonicNow.nanoseconds()
            if ready > 0, descriptors[1].revents & Int16(POLLIN) != 0 {
                _ = read(wakePipe.read, &buffer, buffer.count)
            }
            if ready > 0, descriptors[0].revents & Int16(POLLIN) != 0 {
                let count = read(pty.master, &buffer, buffer.count)
                if count > 0 { consume(Array(buffer[0..<count]), readAt: readAt) }
            }
            repeatRingIfDue()
        }
        pty.closeAll()
    }

    private func consume(_ bytes: [UInt8], readAt: UInt64) {
        for byte in bytes {
            let inSMS = state.withLock { state -> Bool in
                guard state.smsBody != nil else { return false }
                state.smsBody?.append(byte)
                return true
            }
            if inSMS {
                if byte == 0x1A || byte == 0x1B { finishSMS(cancelled: byte == 0x1B) }
                continue
            }
            if byte == 0x0D {
                let line = state.withLock { state -> [UInt8] in
                    defer { state.inputBuffer.removeAll() }
                    return state.inputBuffer
                }
                let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { execute(text, readAt: readAt) }
            } else if byte != 0x0A {
                state.withLock { $0.inputBuffer.append(byte) }
            }
        }
    }

    private func execute(_ command: String, readAt: UInt64) {
        let upper = command.uppercased()
        let (reply, echo, silent, ending, network) = state.withLock { state in
            state.commands.append(ReceivedCommand(text: command, at: readAt))
            if state.silent, let release = state.releasedBy, upper == release {
                state.silent = false
                state.releasedBy = nil
            }
            let echo = state.behaviour.echo
            let refused = state.options.refusedCommands.contains(upper)
            let reply = refused ? SimulatorBehaviour.Reply(final: "ERROR") : state.behaviour.respond(to: command)
            var network = NetworkAction.none
            if reply.hungUp, let id = state.activeCall {
                state.calls[id - 1].hangUpsReadAt.append(readAt)
                state.calls[id - 1].ended = true
                state.activeCall = nil
                if let peer = state.peer { network = .calleeRejected(peer) }
                state.peer = nil
            } else if upper == "AT+CHUP" || upper.hasPrefix("ATH"), let peer = state.peer {
                network = .callerHungUp(peer)
                state.peer = nil
            } else if upper.hasPrefix("ATD"), upper.hasSuffix(";"), !state.silent, let net = state.network, let own = state.msisdn {
                network = .dial(net, own, String(command.dropFirst(3).dropLast()))
            }
            if reply.releasedWaiting, let id = state.waitingCall {
                state.calls[id - 1].hangUpsReadAt.append(readAt)
                state.calls[id - 1].ended = true
                state.waitingCall = nil
            }
            if reply.answered, let id = state.activeCall {
                state.calls[id - 1].answered = true
            }
            if reply.promptsForSMS { state.smsBody = [] }
            return (reply, echo, state.silent, state.options.lineEnding, network)
        }
        guard !silent else { return }
        var out = echo ? command + "\r" : ""
        for line in reply.lines { out += ending + line + ending }
        if let final = reply.final { out += ending + final + ending }
        if reply.promptsForSMS { out += ending + "> " }
        for line in reply.unsolicitedAfter { out += ending + line + ending }
        write(Array(out.utf8))
        switch network {
        case .none: break
        case .dial(let net, let own, let number):
            if !net.call(from: self, callerNumber: own, to: number) { send(lines: ["NO CARRIER"]) }
        case .calleeRejected(let caller): caller.farEndHungUp()
        case .callerHungUp(let callee): callee.callerHangsUp()
        }
    }

    private enum NetworkAction {
        case none
        case dial(SimulatedNetwork, String, String)
        case calleeRejected(SimulatedModem)
        case callerHungUp(SimulatedModem)
    }

    /// The callee rejected our outgoing call: the dialer hears `NO CARRIER`.
    func farEndHungUp() {
        state.withLock { $0.peer = nil }
        send(lines: ["NO CARRIER"])
    }

    private func finishSMS(cancelled: Bool) {
        let (reply, ending) = state.withLock { state -> (SimulatorBehaviour.Reply?, String) in
            let body = state.smsBody ?? []
            state.smsBody = nil
            guard !cancelled else { return (nil, state.options.lineEnding) }
            let text = String(decoding: body.dropLast(), as: UTF8.self)
            let (reply, sms) = state.behaviour.finishSMS(body: text)
            state.sms.append(sms)
            return (reply, state.options.lineEnding)
        }
        guard let reply else { return }
        var out = ""
        for line in reply.lines { out += ending + line + ending }
        out += ending + "OK" + ending
        write(Array(out.utf8))
    }

    private func repeatRingIfDue() {
        let lines = state.withLock { state -> [String]? in
            guard let id = state.activeCall, state.nextRingAt > 0, MonotonicNow.nanoseconds() >= state.nextRingAt else { return nil }
            state.calls[id - 1].rings += 1
            state.nextRingAt = MonotonicNow.nanoseconds() + MonotonicNow.nanoseconds(of: state.options.ringInterval)
            let caller = state.calls[id - 1].caller
            guard state.options.reportsCalls, !state.silent else { return nil }
            return state.behaviour.ringLines(caller: caller, validity: state.activeValidity, framing: state.options.framing)
        }
        if let lines { send(lines: lines) }
    }

    /// Writes lines framed with this modem's line ending; returns when the first byte was written.
    @discardableResult
    func send(lines: [String]) -> UInt64 {
        let ending = state.withLock { $0.options.lineEnding }
        var out = ""
        for line in lines { out += ending + line + ending }
        return write(Array(out.utf8))
    }

    /// Writes all bytes (in small pieces when `splitWrites`); returns the time just before the
    /// first byte went out.
    @discardableResult
    func write(_ bytes: [UInt8]) -> UInt64 {
        let split = state.withLock { $0.options.splitWrites }
        return writeLock.withLock { _ in
            let startedAt = MonotonicNow.nanoseconds()
            var offset = 0
            while offset < bytes.count {
                let chunk = split ? min(bytes.count - offset, Int.random(in: 1...3)) : bytes.count - offset
                let written = bytes[offset..<(offset + chunk)].withUnsafeBytes { Glibc.write(pty.master, $0.baseAddress, chunk) }
                if written < 0 {
                    if errno == EAGAIN || errno == EINTR {
                        usleep(100)
                        continue
                    }
                    return startedAt  // the far side is gone
                }
                offset += written
                if split { usleep(300) }
            }
            return startedAt
        }
    }
}
