namespace Honk.Server;

/// <summary>Parses <c>application/x-www-form-urlencoded</c> bodies; the first value of a repeated key wins.</summary>
internal static class FormBody
{
    public static Dictionary<string, string> Parse(string form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            fields.TryAdd(key, value);
        }

        return fields;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
