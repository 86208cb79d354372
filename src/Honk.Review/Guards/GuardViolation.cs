namespace Honk.Review;

/// <summary>One problem a guard found, located so that the model can go and fix it.</summary>
/// <param name="Rule">A stable rule id, e.g. <c>test-skipped</c> or <c>outside-allowed-paths</c>.</param>
/// <param name="Path">The file ('/' separated, relative to the repository root); empty for a violation of the whole change.</param>
/// <param name="Line">The line: in the new file for added lines, in the original file for removed ones; <see langword="null"/> for the whole file.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record GuardViolation(string Rule, string Path, int? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : Line is null ? $"{Path}: {Message}" : $"{Path}:{Line}: {Message}";
}
