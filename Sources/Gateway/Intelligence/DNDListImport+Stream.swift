import AdminContract
import Foundation
import NIOCore
import SessionStore

extension GatewayService {
    /// `missedcallctl dnd import`: the list streams in (any size: a 5-million-row list is ~70 MB),
    /// each line is read by `DNDListImport`, the accepted numbers are written to a private temporary
    /// file as they come, which then replaces the DND file and is reloaded. Memory holds the set of
    /// distinct numbers (for duplicates and the lookup), never the upload.
    func importDNDList<Body: AsyncSequence & Sendable>(_ body: Body, country: Country) async throws -> DNDImportReply
    where Body.Element == ByteBuffer {
        let path = configuration.dndCSV ?? configuration.stateDirectory + "/dnd.csv"
        let temporary = path + ".new"
        unlink(temporary)
        try PrivateFiles.prepare(temporary)
        guard let file = FileHandle(forWritingAtPath: temporary) else {
            throw PrivateFiles.Failure(step: "opening", path: temporary, errno: errno)
        }
        var reader = DNDListImport(country: country)
        // What the import changes: numbers new to the list, already on it, and dropped from it.
        let previous = intelligence.dndList ?? []
        var alreadyListed = 0
        var pending: [UInt8] = []
        var output = ""
        output.reserveCapacity(1 << 20)
        var lineNumber = 0
        func take(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            if let digits = reader.feed(Substring(decoding: line, as: UTF8.self), line: lineNumber) {
                if previous.contains(digits) { alreadyListed += 1 }
                output += digits
                output += "\n"
            }
        }
        do {
            for try await chunk in body {
                pending.append(contentsOf: chunk.readableBytesView)
                var start = pending.startIndex
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    take(pending[start..<newline])
                    start = newline + 1
                }
                pending.removeSubrange(pending.startIndex..<start)
                if output.utf8.count >= 1 << 20 {
                    try file.write(contentsOf: Data(output.utf8))
                    output.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty { take(pending[...]) }
            try file.write(contentsOf: Data(output.utf8))
            try file.close()
        } catch {
            try? file.close()
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 { throw PrivateFiles.Failure(step: "renaming onto", path: path, errno: errno) }
        reload()
        return DNDImportReply(
            accepted: reader.accepted,
            added: reader.accepted - alreadyListed,
            alreadyListed: alreadyListed,
            removed: previous.count - alreadyListed,
            duplicates: reader.duplicates,
            notListed: reader.notListed,
            rejected: reader.rejected,
            firstRejects: reader.firstRejects.map { ImportReject(line: $0.line, reason: $0.reason) }
        )
    }
}
