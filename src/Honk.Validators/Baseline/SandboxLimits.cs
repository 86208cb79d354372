using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Recognises failures that say the sandbox lacks something no change can provide: the network (DNS and connection
/// errors of Python, Node, the JVM, curl and git; Go's offline module lookup) or the repository's git metadata (the sandbox hides the git
/// directory, so a test that runs <c>git</c> on the checkout reads "not a git repository"), or a native Node addon that was
/// never compiled (Honk installs packages with <c>--ignore-scripts</c>, so node-gyp never builds it: node-gyp-build's
/// "No native build was found", the bindings package's "Could not locate the bindings file"), or the .NET runtime a test
/// project targets (<see cref="DotnetTestConsoleParser"/>: net8.0 tests where only the 10.0 runtime is installed).
/// </summary>
internal static partial class SandboxLimits
{
    /// <summary>Whether the message says the network or the git metadata is missing.</summary>
    /// <param name="message">A failure's message.</param>
    /// <returns>True when it does.</returns>
    public static bool Mentioned(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Markers().IsMatch(message);
    }

    [GeneratedRegex(@"fatal: not a git repository|module lookup disabled by GOPROXY=off|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|Temporary failure in name resolution|Name or service not known|NameResolutionError|Could not resolve host|UnknownHostException|Network is unreachable|No address associated with hostname|No native build was found for|Could not locate the bindings file|" + DotnetTestConsoleParser.RuntimeNotInstalled, RegexOptions.CultureInvariant)]
    private static partial Regex Markers();
}
