using System.Text.Json;
using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>
/// Finds a verdict in whatever a judge model wrote: a JSON object (possibly fenced, surrounded by prose, nested, or
/// sloppy), else a <c>verdict: X</c> line, else a lone upper-case APPROVE or VETO.
/// </summary>
internal static partial class JudgeAnswerParser
{
    private const int MaxReasons = 10;
    private const int MaxReasonChars = 600;

    private static readonly string[] VerdictKeys = ["verdict", "decision", "result", "outcome", "status"];
    private static readonly string[] ApprovedKeys = ["approved", "approve", "accept", "accepted"];
    private static readonly string[] ReasonKeys = ["reasons", "reason", "issues", "problems", "concerns", "feedback", "comments", "explanation", "summary"];

    public static bool TryParse(string? text, out JudgeAnswer answer)
    {
        answer = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Prefer objects that mention a verdict; a model may quote a code snippet with braces before its answer.
        var candidates = LenientJson.Objects(text).ToList();
        foreach (var candidate in candidates.OrderByDescending(c => VerdictMention().IsMatch(c)))
        {
            using var document = LenientJson.TryParse(candidate);
            if (document is not null && TryRead(document.RootElement, depth: 0, out answer))
            {
                return true;
            }
        }

        return TryReadWords(text, out answer);
    }

    private static bool TryRead(JsonElement element, int depth, out JudgeAnswer answer)
    {
        answer = null!;
        if (element.ValueKind != JsonValueKind.Object || depth > 4)
        {
            return false;
        }

        bool? approved = null;
        foreach (var property in element.EnumerateObject())
        {
            var key = Key(property.Name);
            if (approved is null && VerdictKeys.Contains(key))
            {
                approved = property.Value.ValueKind switch
                {
                    JsonValueKind.String => MapWord(property.Value.GetString()),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
            }
            else if (approved is null && ApprovedKeys.Contains(key) && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                approved = property.Value.GetBoolean();
            }
        }

        if (approved is null)
        {
            // {"review": {"verdict": ...}}
            foreach (var property in element.EnumerateObject())
            {
                if (TryRead(property.Value, depth + 1, out answer))
                {
                    return true;
                }
            }

            return false;
        }

        answer = new JudgeAnswer(approved.Value, Reasons(element))
        {
            ScopeOk = Flag(element, "scopeok", "inscope", "withinscope"),
            TestsOk = Flag(element, "testsok", "testsintact") ?? !Flag(element, "testsweakened"),
        };
        return true;
    }

    private static List<string> Reasons(JsonElement element)
    {
        var reasons = new List<string>();
        foreach (var property in element.EnumerateObject().Where(p => ReasonKeys.Contains(Key(p.Name))))
        {
            Collect(property.Value, reasons);
        }

        return [.. reasons.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxReasons).Select(Cap)];
    }

    private static void Collect(JsonElement value, List<string> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(value.GetString()!.Trim());
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
            case JsonValueKind.Object:
                // {"file": "a.cs", "message": "..."}: keep the object readable rather than dropping it.
                var parts = value.EnumerateObject()
                    .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    .Select(p => p.Value.ToString());
                into.Add(string.Join(": ", parts).Trim());
                break;
        }
    }

    private static bool? Flag(JsonElement element, params string[] keys)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (keys.Contains(Key(property.Name)))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => MapWord(property.Value.GetString()),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static bool TryReadWords(string text, out JudgeAnswer answer)
    {
        answer = null!;
        bool? approved = null;
        if (VerdictLine().Match(text) is { Success: true } line)
        {
            approved = MapWord(line.Groups["word"].Value);
        }

        if (approved is null)
        {
            var approves = ApproveWord().IsMatch(text);
            var vetoes = VetoWord().IsMatch(text);
            approved = approves == vetoes ? null : approves;
        }

        if (approved is null)
        {
            return false;
        }

        // The prose around the word is the best reason there is.
        var reason = text.Trim();
        answer = new JudgeAnswer(approved.Value, reason.Length == 0 ? [] : [Cap(reason)]) { FromWords = true };
        return true;
    }

    private static bool? MapWord(string? word)
    {
        var normalized = (word ?? "").Trim().Trim('.', '!', '*', '`', '"', '\'').Replace('-', '_').Replace(' ', '_').ToUpperInvariant();
        return normalized switch
        {
            "APPROVE" or "APPROVED" or "ACCEPT" or "ACCEPTED" or "LGTM" or "PASS" or "PASSED" or "OK" or "YES" or "TRUE" => true,
            "VETO" or "VETOED" or "REJECT" or "REJECTED" or "DENY" or "DENIED" or "BLOCK" or "BLOCKED" or "FAIL" or "FAILED"
                or "REQUEST_CHANGES" or "CHANGES_REQUESTED" or "NO" or "FALSE" => false,
            _ => null,
        };
    }

    private static string Key(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Cap(string text) => text.Length <= MaxReasonChars ? text : text[..(MaxReasonChars - 1)] + "…";

    [GeneratedRegex(@"(?i)verdict", RegexOptions.CultureInvariant)]
    private static partial Regex VerdictMention();

    [GeneratedRegex(@"(?im)\b(?:verdict|decision)\b\s*(?:is|was)?\s*[:=\-–—]?\s*[*_`""']*\s*(?<word>approved?|veto(?:ed)?|reject(?:ed)?|accept(?:ed)?|request[ _-]changes)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"\bAPPROVED?\b", RegexOptions.CultureInvariant)]
    private static partial Regex ApproveWord();

    [GeneratedRegex(@"\b(?:VETO(?:ED)?|REJECT(?:ED)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VetoWord();
}
