using System.Collections;

namespace Honk.Transcripts;

/// <summary>Collects literal secrets from <c>.env</c> files and from the host's environment.</summary>
internal static class SecretSources
{
    private const int MaxDotEnvFiles = 64;
    private const long MaxDotEnvBytes = 1 << 20;

    internal static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj", "target", "dist", "build", ".venv", "venv", "vendor", ".honk",
    };

    public static IEnumerable<string> FromDotEnvFiles(string workspaceRoot, int minimumLength)
    {
        foreach (var file in FindDotEnvFiles(workspaceRoot))
        {
            string[] lines;
            try
            {
                // Only regular files of the repository itself: a committed `.env -> /dev/zero` link used to make this
                // read forever (and a link out of the workspace would read a host file).
                var info = new FileInfo(file);
                if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint) || info.Length > MaxDotEnvBytes)
                {
                    continue;
                }

                lines = File.ReadAllLines(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var line in lines)
            {
                if (ParseDotEnvValue(line) is { } value && value.Length >= minimumLength)
                {
                    yield return value;
                }
            }
        }
    }

    public static IEnumerable<string> FromEnvironment(IEnumerable<KeyValuePair<string, string?>> variables, int minimumLength)
        => variables
            .Where(v => LooksSecretVariable(v.Key) && v.Value is { } value && value.Length >= minimumLength)
            .Select(v => v.Value!);

    public static IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            yield return new KeyValuePair<string, string?>((string)entry.Key, entry.Value as string);
        }
    }

    /// <summary>
    /// A variable's name looks secret, read as a configuration key too (<c>Honk__ApiKeys__0</c> is <c>Honk:ApiKeys:0</c>),
    /// so the host's settings given as environment variables count as much as in its configuration.
    /// </summary>
    internal static bool LooksSecretVariable(string name)
        => ConfigurationSecretSource.IsSecretKey(name.Replace("__", ":", StringComparison.Ordinal));

    internal static bool LooksSecret(string name)
        => name.EndsWith("_KEY", StringComparison.OrdinalIgnoreCase)
           || name.EndsWith("_KEYS", StringComparison.OrdinalIgnoreCase)
           || name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)
           || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
           || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
           || name.Contains("PASSWD", StringComparison.OrdinalIgnoreCase)
           || name.Contains("CREDENTIAL", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the value of a <c>KEY=VALUE</c> line (<c>export</c>, quotes and trailing comments allowed).</summary>
    internal static string? ParseDotEnvValue(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        if (text.StartsWith("export ", StringComparison.Ordinal))
        {
            text = text[7..].TrimStart();
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var value = text[(equals + 1)..].Trim();
        if (value.Length >= 2 && (value[0] is '"' or '\'') && value.IndexOf(value[0], 1) is var close && close > 0)
        {
            return value[1..close];
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }

    private static IEnumerable<string> FindDotEnvFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var found = 0;
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0 && found < MaxDotEnvFiles)
        {
            var (folder, depth) = pending.Pop();
            IEnumerable<string> files, folders;
            try
            {
                files = Directory.EnumerateFiles(folder, ".env*").ToList();
                folders = depth < 3 ? Directory.EnumerateDirectories(folder).ToList() : [];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                if ((name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal)) && found++ < MaxDotEnvFiles)
                {
                    yield return file;
                }
            }

            foreach (var child in folders)
            {
                if (!SkippedFolders.Contains(Path.GetFileName(child)) && !new DirectoryInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push((child, depth + 1));
                }
            }
        }
    }
}
