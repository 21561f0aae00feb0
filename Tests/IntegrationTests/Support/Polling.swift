/// Asks `probe` again every `interval` until it returns a value or `timeout` has passed (readiness, not a fixed
/// sleep); nil on timeout.
func poll<T>(
    timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(20), _ probe: () async throws -> T?
) async rethrows -> T? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await probe() { return value }
        try? await Task.sleep(for: interval)
    }
    return nil
}
