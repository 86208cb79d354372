using Honk;

namespace Extensions;

/// <summary>A team rule as a validator: the session may not finish while a file it changed still says TODO.</summary>
internal sealed class NoTodoValidator : Validator
{
    public override string Name => "no-todo";

    protected override async ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var findings = new List<ValidationFinding>();
        foreach (var file in await context.Workspace.GetChangedFilesAsync(cancellationToken))
        {
            var path = Path.Combine(context.Workspace.RootPath, file);
            if (File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Contains("TODO", StringComparison.Ordinal))
            {
                findings.Add(new ValidationFinding("a TODO is left in a changed file") { File = file });
            }
        }

        return findings.Count == 0
            ? ValidationResult.Success("no TODO in the changed files")
            : ValidationResult.Failure($"{findings.Count} changed file(s) still say TODO", findings);
    }
}
