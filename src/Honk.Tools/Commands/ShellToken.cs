namespace Honk.Tools;

/// <summary>A word or an operator of a shell command line.</summary>
/// <param name="Word">The word, when the token is a word.</param>
/// <param name="Operator">The operator (<c>|</c>, <c>&amp;&amp;</c>, <c>;</c>, <c>&gt;</c>, a newline …), when the token is one.</param>
internal sealed record ShellToken(ShellWord? Word, string? Operator)
{
    /// <summary>Redirection operators: the word after one is a file name or descriptor, never a program.</summary>
    public static readonly IReadOnlySet<string> Redirections = new HashSet<string>(StringComparer.Ordinal)
    {
        "<", ">", ">>", "<<", "<<-", "<<<", "<&", ">&", "<>", ">|", "&>", "&>>",
    };

    /// <summary>True when the token is a redirection operator.</summary>
    public bool IsRedirection => Operator is not null && Redirections.Contains(Operator);
}
