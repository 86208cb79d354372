namespace Honk.Delivery.Git.Internal;

/// <summary>Reads why git refused a push from <c>git push --porcelain</c>'s output and its standard error.</summary>
internal static class PushReport
{
    /// <summary>The reason for a failed push, in git's own words.</summary>
    /// <param name="standardOutput">The porcelain output: one line per ref, <c>!</c> marking a rejected one.</param>
    /// <param name="standardError">Standard error: the remote's <c>remote:</c> lines, <c>error:</c> and <c>fatal:</c> lines.</param>
    /// <returns>E.g. <c>[rejected] (non-fast-forward)</c> or <c>[remote rejected] (pre-receive hook declined); remote: no pushes on Fridays</c>.</returns>
    public static string Reason(string standardOutput, string standardError)
    {
        var parts = new List<string>();
        foreach (var line in standardOutput.Split('\n'))
        {
            // "!\t<from>:<to>\t[rejected] (non-fast-forward)"
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length >= 3 && fields[0] == "!")
            {
                parts.Add(fields[2].Trim());
            }
        }

        var errorLines = standardError.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var remote = errorLines
            .Where(l => l.StartsWith("remote:", StringComparison.Ordinal))
            .Select(l => l["remote:".Length..].Trim())
            .Where(l => l.Length > 0)
            .ToList();
        if (remote.Count > 0)
        {
            parts.Add("remote: " + string.Join(" / ", remote.Take(10)));
        }

        if (parts.Count == 0)
        {
            // No ref was reported: the remote could not be reached or refused the connection.
            parts.AddRange(errorLines.Where(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal)).Take(3));
        }

        if (parts.Count == 0 && errorLines.Count > 0)
        {
            parts.Add(errorLines[0]);
        }

        return parts.Count == 0 ? "git gave no reason" : string.Join("; ", parts);
    }
}
