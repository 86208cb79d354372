namespace Honk.Validators.Toolchains;

/// <summary>Runs a parser over a sub-project's output and makes its relative paths relative to the repository root.</summary>
internal sealed class ProjectFolderOutputParser(OutputParser inner, string folder) : OutputParser
{
    public override string? DescribeSuccess(string output) => inner.DescribeSuccess(output);

    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
        => [.. inner.Parse(string.Join('\n', lines)).Select(f => f.File is { } file && !Path.IsPathRooted(file) ? f with { File = $"{folder}/{file}" } : f)];
}
