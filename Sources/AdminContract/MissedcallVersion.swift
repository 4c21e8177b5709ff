/// The one place the version lives: `missedcalld --version`, `missedcallctl --version`,
/// `missedcall_build_info` and the Debian package's version (the Makefile reads it from here).
public enum MissedcallVersion {
    public static let current = "0.2.0"
}
