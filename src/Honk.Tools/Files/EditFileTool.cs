using System.Text;

namespace Honk.Tools.Files;

/// <summary><c>edit_file</c>: exact text replacement that keeps the file's encoding, BOM and line endings.</summary>
internal sealed class EditFileTool : WorkspaceTool
{
    private const int MaxSnippetLines = 12;
    private readonly BuiltInToolsOptions _options;

    public EditFileTool(BuiltInToolsOptions options)
        : base(
            "edit_file",
            "Replace text in an existing file. old_text must match the file exactly (including indentation) and exactly once, " +
            "unless replace_all is true; include a few surrounding lines to make it unique. Do not include the line numbers " +
            "read_file shows. Use '\\n' line endings: the file keeps its own line endings, encoding and byte-order mark.",
            [
                new ToolParameter("path", "string", "File path relative to the repository root.", Required: true),
                new ToolParameter("old_text", "string", "The exact text to replace (not empty).", Required: true),
                new ToolParameter("new_text", "string", "The replacement text (may be empty to delete).", Required: true),
                new ToolParameter("replace_all", "boolean", "Replace every occurrence instead of requiring exactly one. Default false."),
            ],
            readOnly: false)
    {
        _options = options;
    }

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var path = invocation.Fence.ResolveForWrite(invocation.GetString("path"));
        var oldText = invocation.GetString("old_text");
        var newText = invocation.GetString("new_text");
        var replaceAll = invocation.GetOptionalBoolean("replace_all") ?? false;
        if (oldText.Length == 0)
        {
            throw new ToolException("old_text is empty; to create a file or replace all of it use write_file.");
        }

        if (!path.Exists)
        {
            throw new ToolException($"file '{path.RelativePath}' does not exist; create it with write_file.");
        }

        var bytes = await WorkspaceFiles.ReadExistingAsync(path, _options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        var document = TextDocument.TryDecode(bytes)
            ?? throw new ToolException($"'{path.RelativePath}' is a binary file; edit_file only changes text files.");
        var text = document.Text;
        if (document.UsesCrlf || !text.Contains('\r', StringComparison.Ordinal))
        {
            oldText = oldText.Replace("\r\n", "\n", StringComparison.Ordinal);
            newText = newText.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            throw new ToolException("old_text and new_text are the same; nothing would change.");
        }

        var positions = FindAll(text, oldText);
        if (positions.Count == 0)
        {
            var hint = ClosestMatchFinder.Describe(TextDocument.SplitLines(text), oldText);
            throw new ToolException($"old_text was not found in '{path.RelativePath}'." + (hint.Length > 0 ? "\n" + hint : " Read the file again and copy the text exactly."));
        }

        if (positions.Count > 1 && !replaceAll)
        {
            var lines = positions.Select(p => LineOf(text, p)).ToList();
            throw new ToolException($"old_text matches {positions.Count} times in '{path.RelativePath}' (at lines {string.Join(", ", lines)}); " +
                "include more surrounding lines to make it unique, or set replace_all to true.");
        }

        var result = new StringBuilder(text.Length + ((newText.Length - oldText.Length) * positions.Count));
        var previous = 0;
        foreach (var position in positions)
        {
            result.Append(text, previous, position - previous).Append(newText);
            previous = position + oldText.Length;
        }

        result.Append(text, previous, text.Length - previous);
        var updated = document.WithText(result.ToString());
        await WorkspaceFiles.WriteAsync(invocation.Fence, path, updated.Encode(), cancellationToken).ConfigureAwait(false);
        return Summarize(path.RelativePath, updated.Text, positions[0], newText, positions.Count);
    }

    private static List<int> FindAll(string text, string value)
    {
        var positions = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            positions.Add(i);
        }

        return positions;
    }

    private static int LineOf(string text, int position)
    {
        var line = 1;
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0 && i < position; i = text.IndexOf('\n', i + 1))
        {
            line++;
        }

        return line;
    }

    private static string Summarize(string relativePath, string updated, int firstPosition, string newText, int count)
    {
        var lines = TextDocument.SplitLines(updated);
        var start = LineOf(updated, firstPosition) - 1;
        var newLines = Math.Max(1, TextDocument.SplitLines(newText).Length);
        var from = Math.Max(0, start - 2);
        var to = Math.Min(lines.Length - 1, Math.Min(start + newLines + 1, from + MaxSnippetLines - 1));
        var header = count == 1
            ? $"edited {relativePath}: replaced 1 occurrence at line {start + 1}."
            : $"edited {relativePath}: replaced {count} occurrences; the first is at line {start + 1}.";
        return to < from ? header : header + "\n" + ClosestMatchFinder.Numbered(lines, from, to);
    }
}
