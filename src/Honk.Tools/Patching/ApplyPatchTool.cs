namespace Honk.Tools.Patching;

/// <summary><c>apply_patch</c>: applies a unified diff over one or more files, atomically.</summary>
internal sealed class ApplyPatchTool : WorkspaceTool
{
    private readonly BuiltInToolsOptions _options;

    public ApplyPatchTool(BuiltInToolsOptions options)
        : base(
            "apply_patch",
            "Apply a unified diff (as 'git diff' writes it) to one or more files. Paths are relative to the repository root " +
            "('a/' and 'b/' prefixes are fine). Use '--- /dev/null' to create a file, '+++ /dev/null' to delete one, and " +
            "'rename from'/'rename to' lines to move one. Hunks need ' ' before unchanged lines, '-' before removed ones and " +
            "'+' before added ones; shifted line numbers are tolerated. All files change or none: a failure names the file " +
            "and hunk and shows what the file really contains.",
            [new ToolParameter("patch", "string", "The unified diff text.", Required: true)],
            readOnly: false)
    {
        _options = options;
    }

    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var patch = invocation.GetString("patch");
        try
        {
            var applier = new PatchApplier(invocation.Fence, _options.MaxFileBytes);
            return await applier.ApplyAsync(patch, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolException ex)
        {
            throw new ToolException("apply_patch failed; no file was changed. " + ex.Message, ex);
        }
    }
}
