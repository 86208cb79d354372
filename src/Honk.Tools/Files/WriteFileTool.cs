namespace Honk.Tools.Files;

/// <summary><c>write_file</c>: creates or overwrites a whole file.</summary>
internal sealed class WriteFileTool : WorkspaceTool
{
    public WriteFileTool()
        : base(
            "write_file",
            "Create a file, or overwrite an existing one with new content (parent folders are created). " +
            "Write the complete content; use '\\n' line endings: an existing file keeps its own line endings and encoding. " +
            "To change part of an existing file, prefer edit_file or apply_patch.",
            [
                new ToolParameter("path", "string", "File path relative to the repository root.", Required: true),
                new ToolParameter("content", "string", "The complete new content of the file.", Required: true),
            ],
            readOnly: false)
    {
    }

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var path = invocation.Fence.ResolveForWrite(invocation.GetString("path"));
        var content = invocation.GetString("content");
        var document = TextDocument.CreateNew(content);
        if (path.Exists)
        {
            var existing = await WorkspaceFiles.ReadExistingAsync(path, long.MaxValue, cancellationToken).ConfigureAwait(false);
            if (TextDocument.TryDecode(existing) is { } old)
            {
                document = old.WithText(old.UsesCrlf ? content.Replace("\r\n", "\n", StringComparison.Ordinal) : content);
            }
        }

        var bytes = document.Encode();
        await WorkspaceFiles.WriteAsync(invocation.Fence, path, bytes, cancellationToken).ConfigureAwait(false);
        var lines = TextDocument.SplitLines(document.Text).Length;
        return $"{(path.Exists ? "overwrote" : "created")} {path.RelativePath} ({lines} lines, {bytes.Length:N0} bytes).";
    }
}
