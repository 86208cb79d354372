using System.Text.RegularExpressions;

namespace Honk;

/// <summary>
/// Text a model or a repository's checks wrote, made safe to put where GitHub acts on words: in a pull request's body,
/// a comment or a commit message, <c>@user</c> and <c>@org/team</c> notify people, and <c>Fixes #1</c> closes an issue
/// when the change is merged (ADR 0039). A zero-width space after the <c>@</c> and after the closing keyword keeps the
/// text as it reads while GitHub no longer finds a mention or a closing reference in it (the way Dependabot and
/// Renovate quote release notes).
/// </summary>
public static partial class QuietMarkdown
{
    private const string ZeroWidthSpace = "\u200B";

    /// <summary>The text with its mentions and issue-closing keywords neutralised; everything else is unchanged.</summary>
    /// <param name="text">Text from the model or the checks.</param>
    /// <returns>The quiet text (empty for <see langword="null"/>).</returns>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var quiet = Mention().Replace(text, "@" + ZeroWidthSpace);
        return ClosingKeyword().Replace(quiet, "$0" + ZeroWidthSpace);
    }

    // An @ that starts a word (not an e-mail address's) followed by a user or organisation name.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.+\-@/])@(?=[A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mention();

    // GitHub's closing keywords, followed (after an optional colon) by what could name an issue: #1, owner/repo#1, a URL.
    [GeneratedRegex(@"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b(?=\s*:?\s*(?:#|[\w.\-]+/[\w.\-]+#|https?://))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClosingKeyword();
}
