using System.Globalization;
using Honk.Tools.Files;
using Honk.Tools.Internal;

namespace Honk.Tools.Search;

/// <summary>Search through ripgrep (a child process with arguments, no shell).</summary>
internal static class RipgrepSearcher
{
    /// <summary>Runs ripgrep.</summary>
    /// <returns>False when ripgrep could not take the pattern (the caller falls back to the in-process search).</returns>
    public static async Task<bool> SearchAsync(string ripgrep, SearchRequest request, MatchCollector collector, BuiltInToolsOptions options, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "--no-config", "--line-number", "--with-filename", "--no-heading", "--color", "never", "--null",
            "--hidden", "--no-ignore-dot", "--no-ignore-parent", "--no-messages",
            "--max-filesize", options.MaxFileBytes.ToString(CultureInfo.InvariantCulture),
            "--glob", "!.git",
        ];
        if (!request.IsGitRepository)
        {
            foreach (var folder in WorkspaceFileLister.SkippedFolders)
            {
                arguments.AddRange(["--glob", $"!{folder}/"]);
            }
        }

        if (request.IgnoreCase)
        {
            arguments.Add("--ignore-case");
        }

        if (request.Glob is { MatchesNameOnly: true } glob)
        {
            arguments.AddRange(["--glob", glob.Pattern.Trim()]);
        }

        // Always name the path: without one, ripgrep searches standard input when it is not a terminal.
        arguments.AddRange(["--regexp", request.Pattern, "--", request.Target.IsRoot ? "." : request.Target.RelativePath]);

        var (exitCode, error) = await ChildProcess.RunAsync(
            ripgrep, arguments, request.Root, '\n', record =>
            {
                var nul = record.IndexOf('\0', StringComparison.Ordinal);
                var colon = nul < 0 ? -1 : record.IndexOf(':', nul + 1);
                if (colon < 0 || !int.TryParse(record.AsSpan(nul + 1, colon - nul - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                {
                    return true;
                }

                var path = record[..nul];
                if (path.StartsWith("./", StringComparison.Ordinal))
                {
                    path = path[2..];
                }

                if (request.Includes(path))
                {
                    collector.Add(path, line, record[(colon + 1)..]);
                }

                return true;
            },
            options.Timeout, null, cancellationToken).ConfigureAwait(false);

        // 0: matches, 1: none, 2: an error; with matches already printed an error was about a single file.
        return exitCode is 0 or 1 || (exitCode == 2 && collector.Total > 0 && !error.Contains("regex", StringComparison.OrdinalIgnoreCase));
    }
}
