using System.Collections;

namespace Honk.Git;

/// <summary>The environments git runs with: the host's, scrubbed, or an isolated one that ignores the host's git configuration.</summary>
public static class GitEnvironment
{
    // Transport settings a host may legitimately rely on to reach its remotes; every other GIT_* variable
    // (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_*, GIT_AUTHOR_*, ...) is dropped.
    private static readonly HashSet<string> KeptGitVariables = new(StringComparer.Ordinal)
    {
        "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_PROXY_COMMAND",
        "GIT_HTTP_LOW_SPEED_LIMIT", "GIT_HTTP_LOW_SPEED_TIME",
    };

    /// <summary>
    /// The host's environment minus every variable that would redirect git to another repository, index or identity,
    /// plus the settings that make it fail fast instead of waiting for a person (no prompts, ssh in batch mode, no
    /// system configuration, the C locale so messages are stable).
    /// </summary>
    /// <returns>A new dictionary the caller may change.</returns>
    public static Dictionary<string, string> FromHost() => FromHost(Environment.GetEnvironmentVariables());

    /// <summary>
    /// An environment that shares nothing with the host's git setup: only <c>PATH</c> is inherited; no global, system
    /// or XDG configuration, no attributes file of the system, no prompts.
    /// </summary>
    /// <returns>A new dictionary the caller may change.</returns>
    public static Dictionary<string, string> Isolated() => new(StringComparer.Ordinal)
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = "/nonexistent",
        ["XDG_CONFIG_HOME"] = "/nonexistent",
        ["LC_ALL"] = "C.UTF-8",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_ATTR_NOSYSTEM"] = "1",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    /// <summary>Builds the scrubbed environment of <see cref="FromHost()"/> from <paramref name="inherited"/>.</summary>
    /// <param name="inherited">The host's environment variables.</param>
    /// <returns>The variables git runs with.</returns>
    internal static Dictionary<string, string> FromHost(IDictionary inherited)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            var name = (string)entry.Key;
            if (entry.Value is string value && (!name.StartsWith("GIT_", StringComparison.Ordinal) || KeptGitVariables.Contains(name)))
            {
                result[name] = value;
            }
        }

        result["GIT_TERMINAL_PROMPT"] = "0";
        result["GIT_CONFIG_NOSYSTEM"] = "1";
        result["GCM_INTERACTIVE"] = "never";
        result["GIT_ASKPASS"] = "";
        result["SSH_ASKPASS"] = "";
        result["LC_ALL"] = "C";
        result["LANGUAGE"] = "";
        if (!result.ContainsKey("GIT_SSH") && !result.ContainsKey("GIT_SSH_COMMAND"))
        {
            // BatchMode makes ssh refuse to ask for passwords or host-key confirmation on the terminal.
            result["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        }

        return result;
    }
}
