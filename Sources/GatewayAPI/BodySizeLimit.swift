import Hummingbird

/// Answers a request whose declared body is larger than the API accepts with 413 before reading
/// a byte of it, in the caller's format: the compat JSON (`APIStatus: Error`) under `/Integ/`, the
/// REST error object elsewhere. A body without a length (chunked) is cut at the same size where
/// it is read (`RESTAPI.create`). Before this a 64 KiB+ body got 503 "try again", which clients
/// retry.
public struct BodySizeLimit<Context: RequestContext>: RouterMiddleware {
    public let maxBytes: Int

    public init(maxBytes: Int = RESTAPI.maxBodyBytes) {
        self.maxBytes = maxBytes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            return request.uri.path.hasPrefix("/Integ/") ? CompatAPI.tooLarge(maxBytes: maxBytes) : RESTAPI.tooLarge()
        }
        return try await next(request, context)
    }
}
