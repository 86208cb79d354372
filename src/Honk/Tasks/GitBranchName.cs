namespace Honk.Tasks;

/// <summary>Checks a branch name against the parts of git's ref-name rules that people actually trip over.</summary>
internal static class GitBranchName
{
    public static string? Problem(string name)
    {
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\'))
        {
            return "it must not contain spaces or any of ~ ^ : ? * [ \\";
        }

        if (name.StartsWith('-') || name.StartsWith('/') || name.EndsWith('/') || name.EndsWith('.') || name.EndsWith(".lock", StringComparison.Ordinal))
        {
            return "it must not start with '-' or '/', nor end with '/', '.' or '.lock'";
        }

        return name.Contains("..", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal) || name == "@"
            ? "it must not contain '..', '//' or '@{'"
            : null;
    }
}
