using System.Text;

namespace Honk.Tools.Files;

/// <summary><c>list_files</c>: the files under a folder, respecting .gitignore, capped.</summary>
internal sealed class ListFilesTool : WorkspaceTool
{
    private readonly BuiltInToolsOptions _options;

    public ListFilesTool(BuiltInToolsOptions options)
        : base(
            "list_files",
            "List the files under a folder of the repository (recursively), skipping what .gitignore excludes. " +
            "Paths are relative to the repository root and can be passed to read_file as they are. " +
            $"At most {options.MaxListEntries} are shown; narrow with path or glob.",
            [
                new ToolParameter("path", "string", "Folder relative to the repository root. Default: the root."),
                new ToolParameter("glob", "string", "Only files matching this glob, e.g. '*.cs' (file names at any depth) or 'src/**/*.json'."),
            ],
            readOnly: true)
    {
        _options = options;
    }

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var folder = invocation.Fence.ResolveForRead(invocation.GetOptionalString("path"));
        var globText = invocation.GetOptionalString("glob");
        var glob = string.IsNullOrWhiteSpace(globText) ? null : GlobPattern.Parse(globText);
        if (!folder.Exists)
        {
            throw new ToolException($"folder '{folder.RelativePath}' does not exist; call list_files without a path to see the repository.");
        }

        if (!folder.IsDirectory)
        {
            return folder.RelativePath + "\n";
        }

        var (all, _) = await WorkspaceFileLister.ListAsync(invocation.Fence, folder, _options, cancellationToken).ConfigureAwait(false);
        var files = glob is null ? all : all.Where(f => glob.IsMatch(f, folder.RelativePath)).ToList();
        if (files.Count == 0)
        {
            return glob is null
                ? $"no files under '{folder.RelativePath}'."
                : $"no files under '{folder.RelativePath}' match '{glob.Pattern}'.";
        }

        var output = new StringBuilder();
        foreach (var file in files.Take(_options.MaxListEntries))
        {
            output.Append(file).Append('\n');
        }

        if (files.Count > _options.MaxListEntries)
        {
            output.Append($"({files.Count - _options.MaxListEntries} more files not shown: {files.Count} in all; narrow with path or glob)\n");
        }

        return output.ToString();
    }
}
