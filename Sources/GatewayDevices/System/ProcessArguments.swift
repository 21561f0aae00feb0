/// The process's command-line arguments, without the program name.
public enum ProcessArguments {
    /// `CommandLine.arguments`, or, when the Swift runtime lost them, `/proc/self/cmdline`.
    ///
    /// The runtime finds argv through `environ` at load time; a preloaded library that calls `setenv` first (such
    /// as libfaketime, used to jump the clock in fault tests) leaves `CommandLine.arguments` empty
    /// (swiftlang/swift#76080), and the daemon would silently fall back to its default configuration path.
    public static func current() -> [String] {
        if !CommandLine.arguments.isEmpty { return Array(CommandLine.arguments.dropFirst()) }
        guard let text = try? TextFile.read("/proc/self/cmdline", limit: 1 << 20) else { return [] }
        return Array(
            text.split(separator: "\0", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init))
    }
}
