import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files and folders the daemon keeps its state in, created with their final mode whatever the
/// umask (open/mkdir with the mode, then fchmod/chmod to exactly it, before a byte is written), and
/// never widened afterwards. The database holds every webhook signing secret and phone number:
/// 0600. Measured before this: under umask 022 the database, WAL and SHM were 0644, under 000 the
/// state folder 0777.
public enum PrivateFiles {
    /// A file's mode: owner only.
    public static let fileMode: mode_t = 0o600
    /// A folder's mode: owner, and the service's group may enter and list (the admin socket's
    /// folder in development, where the socket lives in the state folder).
    public static let folderMode: mode_t = 0o750

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var step: String
        public var path: String
        public var errno: Int32
        public var description: String { "\(step) \(path): \(String(cString: strerror(errno)))" }

        public init(step: String, path: String, errno: Int32) {
            self.step = step
            self.path = path
            self.errno = errno
        }
    }

    /// Creates `path` and missing parents with `folderMode`; an existing folder keeps its mode
    /// less any access for others.
    public static func makeFolder(_ path: String) throws {
        var parents: [String] = []
        var cursor = (path as NSString).standardizingPath
        while !cursor.isEmpty, cursor != "/", !exists(cursor) {
            parents.append(cursor)
            cursor = (cursor as NSString).deletingLastPathComponent
        }
        for folder in parents.reversed() {
            if mkdir(folder, folderMode) != 0, errno != EEXIST { throw Failure(step: "creating folder", path: folder, errno: errno) }
            if chmod(folder, folderMode) != 0 { throw Failure(step: "setting mode of", path: folder, errno: errno) }
        }
        try narrow(path)
    }

    /// Creates `path` empty with `fileMode` if it does not exist; an existing file loses any
    /// access for group and others (a database from an older version made under umask 022).
    public static func prepare(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, fileMode)
        guard fd >= 0 else { throw Failure(step: "creating", path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(step: "reading mode of", path: path, errno: errno) }
        let mode = info.st_mode & 0o7777
        if mode & ~fileMode != 0, fchmod(fd, mode & fileMode) != 0 { throw Failure(step: "setting mode of", path: path, errno: errno) }
    }

    /// Takes away from an existing file or folder every permission outside `keeping` (others'
    /// access by default); never widens. A missing path is left alone.
    public static func narrow(_ path: String, keeping: mode_t = 0o770) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let mode = info.st_mode & 0o7777
        if mode & ~keeping != 0, chmod(path, mode & keeping) != 0 { throw Failure(step: "setting mode of", path: path, errno: errno) }
    }

    /// Writes `data` to `path` atomically: a temporary file beside it, created 0600, synced, then
    /// renamed over `path`. Neither file is ever readable by others.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, fileMode)
        guard fd >= 0 else { throw Failure(step: "creating", path: temporary, errno: errno) }
        var failure: Failure?
        if fchmod(fd, fileMode) != 0 { failure = Failure(step: "setting mode of", path: temporary, errno: errno) }
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while failure == nil, offset < bytes.count {
                let written = Glibc.write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(step: "writing", path: temporary, errno: errno)
                } else {
                    offset += written
                }
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = Failure(step: "syncing", path: temporary, errno: errno) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = Failure(step: "renaming onto", path: path, errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The process's umask gains "no access for others" (kept otherwise: systemd's `UMask=0027`
    /// stays): whatever a library creates — SQLite's WAL and SHM, the admin socket between bind
    /// and chmod — is never readable or writable by others. Call first thing in `main`.
    public static func restrictUmask() {
        let current = umask(0o077)
        umask(current | 0o007)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
