namespace Honk.Transcripts;

/// <summary>
/// Finds secrets in well-known formats in a workspace's files, so their values are redacted wherever they show up —
/// also in pieces the patterns no longer recognise (a private key's lines read a page at a time, a token cut short).
/// </summary>
internal static class RepositorySecrets
{
    private const long MaxFileBytes = 512 * 1024;
    private const long MaxTotalBytes = 32L * 1024 * 1024;
    private const int MaxFiles = 20_000;

    /// <summary>A private key's body line this long or longer is registered on its own.</summary>
    private const int MinKeyLineLength = 16;

    // Generic assignments (password=, token=) are left out: in source code they mostly name variables, and a variable
    // name registered as a literal would shred every later diff. The patterns still redact them where they appear.
    private static readonly HashSet<string> ConfidentKinds = new(StringComparer.Ordinal)
    {
        "private_key", "anthropic_key", "openai_key", "github_token", "slack_token", "aws_access_key", "aws_secret_key",
        "jwt", "gcp_key_id", "url_credentials",
    };

    public static IEnumerable<(string Value, string Kind)> Find(string workspaceRoot, IReadOnlyList<CompiledPattern> patterns, int minimumLength)
    {
        var found = new List<(string, string)>();
        long total = 0;
        foreach (var file in TextFiles(workspaceRoot))
        {
            string text;
            try
            {
                var length = new FileInfo(file).Length;
                if (length > MaxFileBytes || total + length > MaxTotalBytes)
                {
                    continue;
                }

                total += length;
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            List<Redaction>? spans = null;
            foreach (var pattern in patterns)
            {
                if (ConfidentKinds.Contains(pattern.Kind))
                {
                    pattern.Collect(text, ref spans);
                }
            }

            foreach (var span in spans ?? [])
            {
                var value = text.Substring(span.Start, span.Length);
                if (value.Length >= minimumLength)
                {
                    found.Add((value, span.Kind));
                }

                if (span.Kind == "private_key")
                {
                    found.AddRange(KeyLines(value).Select(line => (line, span.Kind)));
                }
            }
        }

        return found;
    }

    /// <summary>The body lines of a PEM block, whether its line breaks are real or written <c>\n</c> inside JSON.</summary>
    private static IEnumerable<string> KeyLines(string block)
        => block.Replace("\\n", "\n", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Length >= MinKeyLineLength && !line.StartsWith("-----", StringComparison.Ordinal));

    private static IEnumerable<string> TextFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var count = 0;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            List<string> files, folders;
            try
            {
                files = [.. Directory.EnumerateFiles(folder)];
                folders = [.. Directory.EnumerateDirectories(folder)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files)
            {
                if (++count > MaxFiles)
                {
                    yield break;
                }

                if (!new FileInfo(file).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    yield return file;
                }
            }

            foreach (var child in folders)
            {
                if (!SecretSources.SkippedFolders.Contains(Path.GetFileName(child)) && !new DirectoryInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
