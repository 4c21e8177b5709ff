/// One line of `AT+CLCC`: `+CLCC: 1,1,4,0,0,"+919920123456",145`.
public struct CallListEntry: Sendable, Equatable {
    public enum Direction: Int, Sendable {
        case outgoing = 0
        case incoming = 1
    }
    public enum Status: Int, Sendable {
        case active = 0
        case held, dialing, alerting, incoming, waiting
    }

    public var index: Int
    public var direction: Direction
    public var status: Status
    public var mode: Int
    public var caller: CallerID

    public init(index: Int, direction: Direction, status: Status, mode: Int, caller: CallerID) {
        self.index = index
        self.direction = direction
        self.status = status
        self.mode = mode
        self.caller = caller
    }

    /// Parses one `+CLCC:` line; `nil` for anything else.
    public static func parse(_ line: String) -> CallListEntry? {
        guard let value = ATFields.value(of: line, prefix: "+CLCC:") else { return nil }
        let fields = ATFields(value)
        guard let index = fields.int(0), let dir = fields.int(1).flatMap(Direction.init(rawValue:)),
            let stat = fields.int(2).flatMap(Status.init(rawValue:))
        else { return nil }
        let caller = CallerID.from(number: fields[5], type: fields.int(6), validity: nil)
        return CallListEntry(index: index, direction: dir, status: stat, mode: fields.int(3) ?? 0, caller: caller)
    }

    /// Parses a whole `AT+CLCC` reply.
    public static func parseList(_ lines: [String]) -> [CallListEntry] {
        lines.compactMap(parse)
    }

    /// A voice call that rings us and has not been answered.
    public var isRingingIncoming: Bool {
        direction == .incoming && (status == .incoming || status == .waiting) && mode == 0
    }
}
