using System.Text;

namespace Honk.Review;

/// <summary>Formats violations as one veto message: a sentence on what to do, then one located line per violation, capped.</summary>
internal static class GuardFeedback
{
    public static string Format(string heading, IReadOnlyList<GuardViolation> violations, int maxChars)
    {
        var text = new StringBuilder(heading.TrimEnd()).Append('\n');
        for (var i = 0; i < violations.Count; i++)
        {
            var line = "- " + violations[i] + "\n";
            if (text.Length + line.Length > maxChars && i > 0)
            {
                text.Append("- … and ").Append(violations.Count - i).Append(" more: ")
                    .AppendJoin(", ", violations.Skip(i).Select(v => v.Path).Distinct(StringComparer.Ordinal).Take(10))
                    .Append('\n');
                break;
            }

            text.Append(line);
        }

        return text.ToString().TrimEnd();
    }
}
