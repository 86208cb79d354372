using System.Text.RegularExpressions;
using Honk.Tools.Files;

namespace Honk.Tools.Search;

/// <summary>The in-process search: the same files (git's list or the walk) and the same output as ripgrep.</summary>
internal static class ManagedSearcher
{
    public static async Task SearchAsync(SearchRequest request, WorkspaceFence fence, MatchCollector collector, BuiltInToolsOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files;
        if (request.Target.IsDirectory)
        {
            (files, _) = await WorkspaceFileLister.ListAsync(fence, request.Target, options, cancellationToken).ConfigureAwait(false);
            files = files.Where(request.Includes).ToList();
        }
        else
        {
            files = [request.Target.RelativePath];
        }

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(files, parallel, async (file, token) =>
        {
            var full = Path.Combine(request.Root, file);
            if (!WorkspaceFileLister.IsListable(full, regularOnly: true) || new FileInfo(full).Length > options.MaxFileBytes)
            {
                return;
            }

            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(full, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }

            if (TextDocument.TryDecode(bytes) is not { } document)
            {
                return;
            }

            var lines = TextDocument.SplitLines(document.Text);
            for (var i = 0; i < lines.Length; i++)
            {
                bool matched;
                try
                {
                    matched = request.Regex.IsMatch(lines[i]);
                }
                catch (RegexMatchTimeoutException ex)
                {
                    throw new ToolException($"pattern '{request.Pattern}' is too slow to evaluate (catastrophic backtracking); simplify it.", ex);
                }

                if (matched)
                {
                    collector.Add(file, i + 1, lines[i]);
                }
            }
        }).ConfigureAwait(false);
    }
}
