using System.Collections;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// The environment git runs with: the host's, minus every variable that would redirect git to another repository,
/// index or identity, plus the settings that make it fail fast instead of waiting for a person.
/// </summary>
internal static class GitEnvironment
{
    // Transport settings a host may legitimately rely on to reach its remotes; every other GIT_* variable
    // (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_*, GIT_AUTHOR_*, ...) is dropped.
    private static readonly HashSet<string> KeptGitVariables = new(StringComparer.Ordinal)
    {
        "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_PROXY_COMMAND",
        "GIT_HTTP_LOW_SPEED_LIMIT", "GIT_HTTP_LOW_SPEED_TIME",
    };

    /// <summary>Builds the scrubbed environment from <paramref name="inherited"/>.</summary>
    /// <param name="inherited">The host's environment variables.</param>
    /// <returns>The variables git runs with.</returns>
    public static Dictionary<string, string> Build(IDictionary inherited)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            var name = (string)entry.Key;
            if (entry.Value is not string value)
            {
                continue;
            }

            if (name.StartsWith("GIT_", StringComparison.Ordinal) && !KeptGitVariables.Contains(name))
            {
                continue;
            }

            result[name] = value;
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
