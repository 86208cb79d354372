using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Honk.Tools.Files;
using Honk.Tools.Internal;

namespace Honk.Tools.Search;

/// <summary><c>search</c>: regex search over the repository's files, <c>file:line:text</c>, capped.</summary>
internal sealed class SearchTool : WorkspaceTool
{
    private readonly BuiltInToolsOptions _options;
    private readonly string? _ripgrep;

    public SearchTool(BuiltInToolsOptions options)
        : base(
            "search",
            "Search file contents with a regular expression (ripgrep syntax, one line at a time). " +
            "Returns 'path:line:text' lines sorted by path and line, skipping what .gitignore excludes and binary files. " +
            $"At most {options.MaxSearchMatches} matches are shown; narrow with path or glob.",
            [
                new ToolParameter("pattern", "string", "The regular expression, e.g. 'class\\s+OrderService' or 'TODO|FIXME'.", Required: true),
                new ToolParameter("path", "string", "Folder or file to search, relative to the repository root. Default: the root."),
                new ToolParameter("glob", "string", "Only files matching this glob, e.g. '*.cs' (file names at any depth) or 'src/**/*.ts'."),
                new ToolParameter("ignore_case", "boolean", "Ignore letter case. Default false."),
            ],
            readOnly: true)
    {
        _options = options;
        _ripgrep = options.UseRipgrep ? ChildProcess.FindOnPath(options.RipgrepPath ?? "rg") : null;
    }

    /// <summary>True when this instance searches through ripgrep.</summary>
    internal bool UsesRipgrep => _ripgrep is not null;

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var pattern = invocation.GetString("pattern");
        var ignoreCase = invocation.GetOptionalBoolean("ignore_case") ?? false;
        var target = invocation.Fence.ResolveForRead(invocation.GetOptionalString("path"));
        var globText = invocation.GetOptionalString("glob");
        var glob = string.IsNullOrWhiteSpace(globText) ? null : GlobPattern.Parse(globText);
        if (pattern.Length == 0)
        {
            throw new ToolException("pattern is empty; pass a regular expression.");
        }

        if (!target.Exists)
        {
            throw new ToolException($"'{target.RelativePath}' does not exist; call list_files to see what is there.");
        }

        Regex regex;
        try
        {
            var flags = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            regex = new Regex(pattern, flags, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            throw new ToolException($"pattern '{pattern}' is not a valid regular expression: {ex.Message} Escape special characters such as ( [ {{ . * + ? with a backslash for a literal match.", ex);
        }

        var request = new SearchRequest(pattern, regex, invocation.Fence.RootPath, target, glob, ignoreCase);
        var collector = new MatchCollector(_options.MaxSearchMatches, _options.MaxSearchLineLength);
        try
        {
            var done = _ripgrep is not null
                && await RipgrepSearcher.SearchAsync(_ripgrep, request, collector, _options, cancellationToken).ConfigureAwait(false);
            if (!done)
            {
                collector = new MatchCollector(_options.MaxSearchMatches, _options.MaxSearchLineLength);
                await ManagedSearcher.SearchAsync(request, invocation.Fence, collector, _options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TimeoutException ex)
        {
            throw new ToolException($"search took longer than {_options.Timeout.TotalSeconds:0} seconds; narrow it with path or glob.", ex);
        }

        return Format(request, collector);
    }

    private string Format(SearchRequest request, MatchCollector collector)
    {
        if (collector.Total == 0)
        {
            var where = request.Target.IsRoot ? "the repository" : $"'{request.Target.RelativePath}'";
            return $"no matches for '{request.Pattern}' in {where}" + (request.Glob is null ? "." : $" (files matching '{request.Glob.Pattern}').");
        }

        var output = new StringBuilder();
        foreach (var match in collector.ToSortedList())
        {
            output.Append(match.Path).Append(':').Append(match.Line.ToString(CultureInfo.InvariantCulture)).Append(':').Append(match.Text).Append('\n');
        }

        if (collector.Total > _options.MaxSearchMatches)
        {
            output.Append(CultureInfo.InvariantCulture, $"(showing the first {_options.MaxSearchMatches} of {collector.Total} matches; narrow with path, glob or a more specific pattern)\n");
        }

        return output.ToString();
    }
}
