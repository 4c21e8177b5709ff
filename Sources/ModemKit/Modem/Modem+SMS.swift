extension Modem {
    /// Sends one SMS in text mode; returns the network's message reference (`+CMGS: n`).
    public func sendSMS(to destination: String, text: String) async throws -> Int {
        guard destination.count <= 20, destination.count >= 3,
            destination.enumerated().allSatisfy({ $0.element.isASCII && ($0.element.isNumber || ($0.offset == 0 && $0.element == "+")) })
        else { throw SMSError.invalidDestination(destination) }
        guard !text.unicodeScalars.contains(where: { $0 == "\u{1A}" || $0 == "\u{1B}" }) else {
            throw SMSError.invalidCharacters
        }
        let encoding = SMSEncoding.choose(for: text)
        let length = encoding.length(of: text)
        guard length <= encoding.maxLength else { throw SMSError.tooLong(length: length, limit: encoding.maxLength) }
        guard let channel = shared.withLock({ $0.channel }) else { throw ATChannelError.disconnected }
        let state = status.state
        guard state == .ready else { throw SMSError.notReady(state) }

        return try await smsQueue.run {
            try await channel.run("AT+CMGF=1")
            try await channel.run("AT+CSCS=\"\(encoding.characterSet)\"")
            try await channel.run("AT+CSMP=17,167,0,\(encoding.dataCodingScheme)")
            let command = ATCommand(
                "AT+CMGS=\"\(encoding.encode(destination))\"",
                responsePrefix: "+CMGS:",
                timeout: .seconds(60),
                promptPayload: encoding.encode(text.replacingNewlines())
            )
            let response = try await channel.send(command)
            guard response.isSuccess else { throw SMSError.rejected(response.result) }
            guard let reference = response.values(prefixedBy: "+CMGS:").first.flatMap({ Int($0) }) else {
                throw SMSError.noReference
            }
            logger.info("SMS sent", metadata: ["to": "\(PhoneMask.mask(destination))", "reference": "\(reference)"])
            return reference
        }
    }
}

extension String {
    /// A CR inside the body would end the line early on some firmware; send LF only.
    fileprivate func replacingNewlines() -> String {
        String(unicodeScalars.filter { $0 != "\r" }.map(Character.init))
    }
}
