import Hummingbird

/// Times every public API request into `missedcall_http_request_duration_seconds`, labelled by the
/// route's pattern (`/v1/verifications/{id}`, never the id) and the status class. A path no route
/// matches is `unmatched`, so scanners cannot grow the label set.
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(route: context.endpointPath ?? "unmatched", status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(route: context.endpointPath ?? "unmatched", status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
