using System.Globalization;
using System.Text;

namespace Honk.Tools.Files;

/// <summary><c>read_file</c>: numbered lines of a text file, paged.</summary>
internal sealed class ReadFileTool : WorkspaceTool
{
    private readonly BuiltInToolsOptions _options;

    public ReadFileTool(BuiltInToolsOptions options)
        : base(
            "read_file",
            "Read a text file of the repository. Returns numbered lines ('  12\\tcode'); the numbers are not part of the file. " +
            "Large files come in pages: the result ends with a note telling you the next offset. Binary files are refused.",
            [
                new ToolParameter("path", "string", "File path relative to the repository root, e.g. 'src/App/Program.cs'.", Required: true),
                new ToolParameter("offset", "integer", "First line to show (1-based). Default 1.") { Minimum = 1 },
                new ToolParameter("limit", "integer", $"How many lines to show. Default and maximum {options.MaxReadLines}.") { Minimum = 1 },
            ],
            readOnly: true)
    {
        _options = options;
    }

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var path = invocation.Fence.ResolveForRead(invocation.GetString("path"));
        var offset = invocation.GetOptionalInt32("offset") ?? 1;
        var limit = invocation.GetOptionalInt32("limit") ?? _options.MaxReadLines;
        if (offset < 1)
        {
            throw new ToolException($"offset must be 1 or more (the first line is 1), got {offset}.");
        }

        if (limit < 1)
        {
            throw new ToolException($"limit must be 1 or more, got {limit}.");
        }

        limit = Math.Min(limit, _options.MaxReadLines);
        var bytes = await WorkspaceFiles.ReadExistingAsync(path, _options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        var document = TextDocument.TryDecode(bytes);
        if (document is null)
        {
            return $"'{path.RelativePath}' is a binary file ({bytes.Length:N0} bytes); it cannot be shown as text.";
        }

        var lines = TextDocument.SplitLines(document.Text);
        if (lines.Length == 0)
        {
            return $"'{path.RelativePath}' is empty.";
        }

        if (offset > lines.Length)
        {
            throw new ToolException($"offset {offset} is past the end of '{path.RelativePath}', which has {lines.Length} lines.");
        }

        var last = Math.Min(lines.Length, offset + limit - 1);
        var width = Math.Max(4, last.ToString(CultureInfo.InvariantCulture).Length);
        var output = new StringBuilder();
        var cut = 0;
        for (var number = offset; number <= last; number++)
        {
            var line = lines[number - 1];
            if (line.Length > _options.MaxLineLength)
            {
                line = string.Concat(line.AsSpan(0, _options.MaxLineLength), $" [... line cut, {line.Length:N0} characters in all]");
                cut++;
            }

            output.Append(number.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\t').Append(line).Append('\n');
        }

        if (offset > 1 || last < lines.Length)
        {
            output.Append(CultureInfo.InvariantCulture, $"(showing lines {offset}-{last} of {lines.Length}");
            output.Append(last < lines.Length ? $"; call again with offset={last + 1} to read more)" : ")");
            output.Append('\n');
        }

        if (cut > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"({cut} long line(s) were cut at {_options.MaxLineLength} characters)\n");
        }

        return output.ToString();
    }
}
