/// What a `Modem` tells its owner.
public enum ModemEvent: Sendable, Equatable {
    case stateChanged(ModemState)
    case identified(ModemIdentity)
    /// A call rang and was already hung up when this is delivered.
    case incomingCall(IncomingCall)
    /// The call is confirmed gone.
    case callCleared
    /// Every hang-up attempt failed; the call rings out.
    case hangUpFailed
    /// `^CONN`: the network answered the call (voicemail, forwarding).
    case callAnsweredByNetwork
    case signal(SignalQuality)
    case registration(RegistrationStatus)
    /// The supervisor's view changed: recovering, recovered, quarantined, cleared.
    case health(ModemHealth)
    /// Any other unsolicited result (`+CMTI`, restarts, vendor noise).
    case unsolicited(UnsolicitedResult)
}
