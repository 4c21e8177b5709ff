/// A 27.007 modem with nothing special.
public struct GenericQuirks: VendorQuirks {
    public init() {}
    public var vendor: Vendor { .generic }
}
